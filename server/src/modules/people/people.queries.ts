import { AppError } from "@otmetka/core/errors.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

/** A field problem in the request body, as the web shows it next to the field. */
export function invalidField(field: string, code: string, message: string): AppError {
  return new AppError("validation_failed", message, { issues: [{ path: ["body", field], code, message }] });
}

/** Whether a database error is a unique-index violation (a concurrent insert won the race). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23505";
}

/** Today's date in the school's time zone, `YYYY-MM-DD`. */
export async function schoolToday(db: Db, schoolId: string, now: Date): Promise<string> {
  const row = await db.one<{ time_zone: string }>(sql`select time_zone from schools where id = ${schoolId}`);
  return dateIn(row.time_zone, now);
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      // An unknown zone (the database allows any text): the default zone of a Russian school.
      format = dayFormat("Europe/Moscow");
    }
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date of `now` in a time zone, `YYYY-MM-DD`. */
export function dateIn(timeZone: string, now: Date): string {
  return dayFormat(timeZone).format(now);
}

/** The calendar date `days` after (or before) `iso`. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** «5А»: how a class is named everywhere. */
export const className = (c: { grade: number; letter: string }): string => `${c.grade}${c.letter}`;

export interface ClassRow {
  id: string;
  grade: number;
  letter: string;
  class_teacher_id: string | null;
  archived: boolean;
}

/** A class of the school (archived ones too), or 404: another school's class does not exist here. */
export async function requireClass(db: Db, schoolId: string, classId: string): Promise<ClassRow> {
  const row = await db.maybeOne<ClassRow>(sql`
    select c.id, c.grade, c.letter, c.class_teacher_id, (c.archived_at is not null or y.archived_at is not null) as archived
    from classes c join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id
    where c.school_id = ${schoolId} and c.id = ${classId}`);
  if (!row) throw new AppError("not_found", "No such class");
  return row;
}

/** A class that can take new students or teachers: in the school and not archived. */
export async function requireActiveClass(db: Db, schoolId: string, classId: string): Promise<ClassRow> {
  const row = await requireClass(db, schoolId, classId);
  if (row.archived) throw invalidField("classId", "class_archived", "The class is archived");
  return row;
}

/** A subgroup of exactly this class, not archived. A group of another school is 404. */
export async function requireGroupOfClass(
  db: Db,
  schoolId: string,
  groupId: string,
  classId: string,
): Promise<{ id: string; name: string }> {
  const row = await db.maybeOne<{ id: string; name: string; class_id: string; archived: boolean }>(sql`
    select id, name, class_id, archived_at is not null as archived from class_groups where school_id = ${schoolId} and id = ${groupId}`);
  if (!row) throw new AppError("not_found", "No such group");
  if (row.class_id !== classId) throw invalidField("groupId", "group_not_in_class", "The group belongs to another class");
  if (row.archived) throw invalidField("groupId", "group_archived", "The group is archived");
  return { id: row.id, name: row.name };
}

export async function requireActiveSubject(db: Db, schoolId: string, subjectId: string): Promise<void> {
  const row = await db.maybeOne<{ archived: boolean }>(sql`
    select archived_at is not null as archived from subjects where school_id = ${schoolId} and id = ${subjectId}`);
  if (!row) throw new AppError("not_found", "No such subject");
  if (row.archived) throw invalidField("subjectId", "subject_archived", "The subject is archived");
}

export interface PersonRow {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string;
  birth_date: string;
  gender: "m" | "f" | null;
  snils: string | null;
  document_type: "RF_BRTH_CERT" | "FID_BRTH_CERT" | "RF_PASSPORT" | null;
  document_series: string | null;
  document_number: string | null;
  user_id: string | null;
  archived_at: Date | null;
}

/**
 * A student of the school, locked for the rest of the transaction: every change to a student's
 * enrolments goes through this lock, so two concurrent enrolments cannot both pass the overlap check.
 */
export async function lockStudent(tx: Db, schoolId: string, personId: string): Promise<PersonRow> {
  const row = await tx.maybeOne<PersonRow>(sql`
    select id, last_name, first_name, middle_name, birth_date, gender, snils, document_type, document_series,
           document_number, user_id, archived_at
    from people where school_id = ${schoolId} and id = ${personId} for update`);
  if (!row) throw new AppError("not_found", "No such student");
  return row;
}

export function requireNotArchived(person: PersonRow): void {
  if (person.archived_at) throw new AppError("conflict", "The student is archived", { details: { reason: "student_archived" } });
}
