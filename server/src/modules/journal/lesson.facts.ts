import { AppError } from "@otmetka/core/errors.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { latestSettingsSql, settingsOf } from "../accounts/accounts.queries.ts";
import { dateIn } from "../people/people.queries.ts";
import { assignedSql, unlockedUntilSql } from "./journal.context.ts";
import { type CellRights, cellRightsOf } from "./journal.policy.ts";
import type { PeriodSpan } from "./journal.queries.ts";

/** A lesson as the journal's mutations need it, with how the actor stands to it. */
export interface LessonFacts {
  id: string;
  academicYearId: string;
  period: PeriodSpan;
  classId: string;
  groupId: string | null;
  subjectId: string;
  teacherId: string;
  substituteId: string | null;
  date: string;
  status: "scheduled" | "cancelled";
  workType: string | null;
  weightTenths: number | null;
  version: number;
  isAdmin: boolean;
  rights: CellRights;
  today: string;
  unlocked: boolean;
  /** With `options.studentId`: whether that student was in the lesson's class (and subgroup) on its day. */
  studentEnrolled: boolean;
  /** The school's settings, read in the same query. */
  settings: SchoolSettings & { version: number };
}

interface FactsRow {
  id: string;
  academic_year_id: string;
  period_id: string;
  period_starts_on: string;
  period_ends_on: string;
  class_id: string;
  group_id: string | null;
  subject_id: string;
  teacher_id: string;
  substitute_teacher_id: string | null;
  date: string;
  status: "scheduled" | "cancelled";
  work_type: string | null;
  weight_tenths: number | null;
  version: number;
  is_class_teacher: boolean;
  is_assigned: boolean;
  time_zone: string;
  unlocked_until: Date | string | null;
  student_enrolled: boolean;
  settings: { version: number; settings: unknown } | null;
}

/**
 * Loads a lesson of the actor's school and what the actor may do in it; a lesson the actor may not
 * even see is 404. `forUpdate` locks the row without blocking the key-share locks that inserting
 * its cells takes (the lesson's key never changes here).
 */
export async function loadLessonFacts(
  tx: Db,
  actor: SchoolActor,
  lessonId: string,
  now: Date,
  options: { forUpdate?: boolean; studentId?: string } = {},
): Promise<LessonFacts> {
  const row = await tx.maybeOne<FactsRow>(sql`
    select l.id, l.academic_year_id, l.period_id, p.starts_on as period_starts_on, p.ends_on as period_ends_on,
           l.class_id, l.group_id, l.subject_id, l.teacher_id, l.substitute_teacher_id, l.date, l.status,
           l.work_type, l.weight_tenths, l.version, coalesce(c.class_teacher_id = ${actor.userId}, false) as is_class_teacher,
           ${assignedSql(actor, sql`l.class_id`, sql`l.subject_id`, sql`l.group_id`)} as is_assigned, sc.time_zone,
           ${unlockedUntilSql(actor.schoolId, sql`l.class_id`, sql`l.subject_id`, now)} as unlocked_until,
           ${
             options.studentId
               ? sql`exists (select 1 from enrolments e
                     where e.school_id = l.school_id and e.person_id = ${options.studentId} and e.class_id = l.class_id
                       and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date)
                       and (l.group_id is null or e.group_id = l.group_id))`
               : sql`false`
           } as student_enrolled,
           ${latestSettingsSql(sql`l.school_id`)} as settings
    from lessons l
      join classes c on c.school_id = l.school_id and c.id = l.class_id
      join periods p on p.school_id = l.school_id and p.id = l.period_id
      join schools sc on sc.id = l.school_id
    where l.school_id = ${actor.schoolId} and l.id = ${lessonId}
    ${options.forUpdate ? sql`for no key update of l` : sql``}`);
  const isAdmin = hasRole(actor, "admin");
  const rights = row
    ? cellRightsOf(
        actor.userId,
        { isAdmin, isAssigned: row.is_assigned, isClassTeacher: row.is_class_teacher },
        { teacherId: row.teacher_id, substituteId: row.substitute_teacher_id },
      )
    : "none";
  if (!row) throw new AppError("not_found", "No such lesson");
  if (rights === "none") {
    // A substitute sees the whole journal of a lesson they took, so refuse plainly; others may not know it exists.
    if (await teachesInJournal(tx, actor, row)) throw new AppError("forbidden", "You may enter marks only in the lessons you teach");
    throw new AppError("not_found", "No such lesson");
  }
  return {
    id: row.id,
    academicYearId: row.academic_year_id,
    period: { id: row.period_id, startsOn: row.period_starts_on, endsOn: row.period_ends_on },
    classId: row.class_id,
    groupId: row.group_id,
    subjectId: row.subject_id,
    teacherId: row.teacher_id,
    substituteId: row.substitute_teacher_id,
    date: row.date,
    status: row.status,
    workType: row.work_type,
    weightTenths: row.weight_tenths,
    version: row.version,
    isAdmin,
    rights,
    today: dateIn(row.time_zone, now),
    unlocked: row.unlocked_until !== null,
    studentEnrolled: row.student_enrolled,
    settings: settingsOf(row.settings),
  };
}

async function teachesInJournal(tx: Db, actor: SchoolActor, lesson: FactsRow): Promise<boolean> {
  const row = await tx.maybeOne<{ id: string }>(sql`
    select l.id from lessons l
    where l.school_id = ${actor.schoolId} and l.class_id = ${lesson.class_id} and l.subject_id = ${lesson.subject_id}
      and l.date between ${lesson.period_starts_on} and ${lesson.period_ends_on} and l.period_id = ${lesson.period_id}
      and l.group_id is not distinct from ${lesson.group_id}::uuid
      and (l.teacher_id = ${actor.userId} or l.substitute_teacher_id = ${actor.userId})
    limit 1`);
  return row !== null;
}
