/**
 * Writes a school plan, one function per table family, in dependency order. Each returns the
 * rows it wrote per table; writeSchoolPlan then records one audit event per family
 * (entity "demo", action "seed") so the audit log says where the data came from.
 *
 * Extension point: a new table family is a planner (fed by the plan) and a writer appended to
 * TABLE_FAMILIES; the journal's families (timetable, lessons, marks and attendance, period marks)
 * are written by write-journal.ts.
 */
import { recordEvent } from "../../server/src/platform/audit/events.ts";
import type { Db } from "../../server/src/platform/db/db.ts";
import { sql } from "../../server/src/platform/db/sql.ts";
import { insertRows } from "./insert.ts";
import { writeJournalCells, writeLessons, writePeriodMarks, writeTimetable } from "./write-journal.ts";
import type {
  PlannedAssignment,
  PlannedClass,
  PlannedGuardianship,
  PlannedMembership,
  PlannedPerson,
  PlannedUser,
  SchoolPlan,
} from "./types.ts";

export type RowCounts = Record<string, number>;

export interface TableFamily {
  name: string;
  write(db: Db, plan: SchoolPlan): Promise<RowCounts>;
}

async function writeSchool(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const s = plan.school;
  await db.execute(sql`
    insert into schools (id, name, short_name, inn, kpp, ogrn, oktmo, address, time_zone)
    values (${plan.schoolId}, ${s.name}, ${s.shortName}, ${s.inn}, ${s.kpp}, ${s.ogrn}, ${s.oktmo}, ${s.address}, ${s.timeZone})`);
  await db.execute(sql`
    insert into school_settings (school_id, version, settings) values (${plan.schoolId}, 1, ${JSON.stringify(plan.settings)}::jsonb)`);
  return { schools: 1, school_settings: 1 };
}

async function writeCalendar(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const { calendar: c, schoolId, yearId } = plan;
  await db.execute(sql`
    insert into academic_years (school_id, id, name, starts_on, ends_on) values (${schoolId}, ${yearId}, ${c.name}, ${c.startsOn}, ${c.endsOn})`);
  const periods = await insertRows(
    db,
    "periods",
    [
      ["school_id", "uuid", () => schoolId],
      ["id", "uuid", (p) => p.id],
      ["academic_year_id", "uuid", () => yearId],
      ["kind", "text", (p) => p.kind],
      ["number", "smallint", (p) => p.number],
      ["name", "text", (p) => p.name],
      ["starts_on", "date", (p) => p.startsOn],
      ["ends_on", "date", (p) => p.endsOn],
      ["grade_from", "smallint", (p) => p.gradeFrom],
      ["grade_to", "smallint", (p) => p.gradeTo],
    ],
    c.periods,
  );
  const holidays = await insertRows(
    db,
    "holidays",
    [
      ["school_id", "uuid", () => schoolId],
      ["academic_year_id", "uuid", () => yearId],
      ["kind", "text", (h) => h.kind],
      ["name", "text", (h) => h.name],
      ["starts_on", "date", (h) => h.startsOn],
      ["ends_on", "date", (h) => h.endsOn],
      ["grade_from", "smallint", (h) => h.gradeFrom],
      ["grade_to", "smallint", (h) => h.gradeTo],
    ],
    c.holidays,
  );
  return { academic_years: 1, periods, holidays };
}

async function writeSubjects(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const subjects = await insertRows(
    db,
    "subjects",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["id", "uuid", (s) => s.id],
      ["name", "text", (s) => s.name],
      ["short_name", "text", (s) => s.shortName],
    ],
    plan.subjects,
  );
  return { subjects };
}

async function writeAccounts(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const users = await insertRows<PlannedUser>(
    db,
    "users",
    [
      ["id", "uuid", (u) => u.id],
      ["email", "text", (u) => u.email],
      ["phone", "text", (u) => u.phone],
      ["password_hash", "text", (u) => u.passwordHash],
      ["last_name", "text", (u) => u.lastName],
      ["first_name", "text", (u) => u.firstName],
      ["middle_name", "text", (u) => u.middleName],
      ["birth_date", "date", (u) => u.birthDate],
      ["email_verified_at", "timestamptz", (u) => u.emailVerifiedAt],
    ],
    plan.users,
  );
  const memberships = await insertRows<PlannedMembership>(
    db,
    "memberships",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["user_id", "uuid", (m) => m.userId],
      ["role", "text", (m) => m.role],
    ],
    plan.memberships,
  );
  return { users, memberships };
}

async function writeClasses(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const classes = await insertRows<PlannedClass>(
    db,
    "classes",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["id", "uuid", (c) => c.id],
      ["academic_year_id", "uuid", () => plan.yearId],
      ["grade", "smallint", (c) => c.grade],
      ["letter", "text", (c) => c.letter],
      ["shift", "smallint", (c) => c.shift],
      ["class_teacher_id", "uuid", (c) => c.classTeacherId],
    ],
    plan.classes,
  );
  return { classes };
}

async function writeStudents(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const people = await insertRows<PlannedPerson>(
    db,
    "people",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["id", "uuid", (p) => p.id],
      ["last_name", "text", (p) => p.lastName],
      ["first_name", "text", (p) => p.firstName],
      ["middle_name", "text", (p) => p.middleName],
      ["birth_date", "date", (p) => p.birthDate],
      ["gender", "text", (p) => p.gender],
      ["snils", "text", (p) => p.snils],
      ["document_type", "text", (p) => p.documentType],
      ["document_series", "text", (p) => p.documentSeries],
      ["document_number", "text", (p) => p.documentNumber],
      ["user_id", "uuid", (p) => p.userId],
    ],
    plan.people,
  );
  const enrolments = await insertRows<PlannedPerson>(
    db,
    "enrolments",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["person_id", "uuid", (p) => p.id],
      ["class_id", "uuid", (p) => p.classId],
      ["starts_on", "date", () => plan.calendar.startsOn],
    ],
    plan.people,
  );
  return { people, enrolments };
}

async function writeGuardianships(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const guardianships = await insertRows<PlannedGuardianship>(
    db,
    "guardianships",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["parent_user_id", "uuid", (g) => g.parentUserId],
      ["person_id", "uuid", (g) => g.personId],
      ["relation", "text", (g) => g.relation],
      ["confirmed_by", "uuid", () => plan.adminUserIds[0] ?? null],
      ["confirmed_at", "timestamptz", () => plan.confirmedAt],
    ],
    plan.guardianships,
  );
  return { guardianships };
}

async function writeTeaching(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const teaching_assignments = await insertRows<PlannedAssignment>(
    db,
    "teaching_assignments",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["id", "uuid", (a) => a.id],
      ["teacher_id", "uuid", (a) => a.teacherId],
      ["class_id", "uuid", (a) => a.classId],
      ["subject_id", "uuid", (a) => a.subjectId],
    ],
    plan.assignments,
  );
  return { teaching_assignments };
}

/** Every table family, in the order their foreign keys need. Append new families here. */
export const TABLE_FAMILIES: readonly TableFamily[] = [
  { name: "school", write: writeSchool },
  { name: "calendar", write: writeCalendar },
  { name: "subjects", write: writeSubjects },
  { name: "accounts", write: writeAccounts },
  { name: "classes", write: writeClasses },
  { name: "students", write: writeStudents },
  { name: "guardianships", write: writeGuardianships },
  { name: "teaching", write: writeTeaching },
  { name: "timetable", write: writeTimetable },
  { name: "lessons", write: writeLessons },
  { name: "journal", write: writeJournalCells },
  { name: "period_marks", write: writePeriodMarks },
];

/** Writes the plan inside the given transaction and returns the rows written per table. */
export async function writeSchoolPlan(
  tx: Db,
  plan: SchoolPlan,
  options: { reason: string; actorUserId?: string | null },
): Promise<RowCounts> {
  const total: RowCounts = {};
  for (const family of TABLE_FAMILIES) {
    const counts = await family.write(tx, plan);
    Object.assign(total, counts);
    await recordEvent(tx, {
      schoolId: plan.schoolId,
      actorUserId: options.actorUserId ?? null,
      entity: "demo",
      entityId: family.name,
      action: "seed",
      after: counts,
      reason: options.reason,
    });
  }
  return total;
}
