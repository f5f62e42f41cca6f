/**
 * What timetable rows point at — class, subgroup, subject, teacher — checked to belong to the
 * actor's school and to be active, plus the lock that orders timetable writes of a school.
 */
import { studyDaysOf } from "@otmetka/core/rules/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import type { Issues } from "../structure/structure.validation.ts";

/**
 * Timetable writes of one school run one at a time: conflict checks read before they write, and
 * without the lock two admins could each pass the check and book the same teacher twice.
 */
export async function lockTimetable(tx: Db, schoolId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`timetable:${schoolId}`}))`);
}

export interface ClassInfo {
  id: string;
  name: string;
  grade: number;
  shift: number;
  academicYearId: string;
  yearStartsOn: string;
  yearEndsOn: string;
  archived: boolean;
  yearArchived: boolean;
}

/** A class of the actor's school with its year; another school's id is "not found". */
export async function findClassInfo(db: Db, actor: SchoolActor, classId: string): Promise<ClassInfo | null> {
  return db.maybeOne<ClassInfo>(sql`
    select c.id, c.grade::text || c.letter as name, c.grade, c.shift, c.academic_year_id as "academicYearId",
           y.starts_on as "yearStartsOn", y.ends_on as "yearEndsOn",
           c.archived_at is not null as archived, y.archived_at is not null as "yearArchived"
    from classes c join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id
    where c.school_id = ${actor.schoolId} and c.id = ${classId}`);
}

/** The class a new timetable row goes into: it must exist in the school, be active, and its year too. */
export async function requireActiveClass(db: Db, actor: SchoolActor, classId: string, issues: Issues): Promise<ClassInfo | null> {
  const info = await findClassInfo(db, actor, classId);
  if (!info) issues.add("classId", "not_found", "No such class in the school");
  else if (info.archived) issues.add("classId", "archived", "The class is archived");
  else if (info.yearArchived) issues.add("classId", "year_archived", "The class's academic year is archived");
  else return info;
  return null;
}

/** The subgroup, subject and teacher of a timetable row: of this school (and class), active, a teacher by role. */
export async function checkLessonRefs(
  db: Db,
  actor: SchoolActor,
  refs: { classId: string; groupId: string | null; subjectId: string; teacherId: string },
  issues: Issues,
): Promise<void> {
  if (refs.groupId) {
    const group = await db.maybeOne<{ archived: boolean }>(sql`
      select archived_at is not null as archived from class_groups
      where school_id = ${actor.schoolId} and id = ${refs.groupId} and class_id = ${refs.classId}`);
    if (!group) issues.add("groupId", "not_found", "No such subgroup in the class");
    else if (group.archived) issues.add("groupId", "archived", "The subgroup is archived");
  }
  const subject = await db.maybeOne<{ archived: boolean }>(sql`
    select archived_at is not null as archived from subjects where school_id = ${actor.schoolId} and id = ${refs.subjectId}`);
  if (!subject) issues.add("subjectId", "not_found", "No such subject in the school");
  else if (subject.archived) issues.add("subjectId", "archived", "The subject is archived");
  if (!(await isActiveTeacher(db, actor.schoolId, refs.teacherId))) {
    issues.add("teacherId", "not_a_teacher", "This person is not an active teacher of the school");
  }
}

export async function isActiveTeacher(db: Db, schoolId: string, userId: string): Promise<boolean> {
  const row = await db.maybeOne(sql`
    select 1 from memberships m join users u on u.id = m.user_id
    where m.school_id = ${schoolId} and m.user_id = ${userId} and m.role = 'teacher' and m.archived_at is null and u.status <> 'disabled'`);
  return row !== null;
}

/** The weekday must be one the class studies on (5- or 6-day week, a school setting per grade). */
export async function checkWeekday(db: Db, actor: SchoolActor, grade: number, weekday: number, issues: Issues): Promise<void> {
  const settings = await getSchoolSettings(db, actor.schoolId);
  const days = studyDaysOf(settings.studyWeek, grade);
  if (weekday > days) issues.add("weekday", "outside_study_week", `Grade ${grade} studies ${days} days a week`);
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} not found`);
}

/** «Фамилия Имя Отчество» of users `alias`, as SQL. */
export const fullName = (alias: string) => sql.raw(`trim(${alias}.last_name || ' ' || ${alias}.first_name || ' ' || ${alias}.middle_name)`);
