import { AppError } from "@otmetka/core/errors.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { className, dateIn } from "../people/people.queries.ts";

/** A journal: a class (or one of its subgroups) × subject. */
export interface JournalKey {
  classId: string;
  subjectId: string;
  groupId: string | null;
}

export interface JournalContext {
  class: { id: string; name: string; grade: number; academicYearId: string };
  group: { id: string; name: string } | null;
  subject: { id: string; name: string };
  period: { id: string; name: string; startsOn: string; endsOn: string } | null;
  isAdmin: boolean;
  isAssigned: boolean;
  isClassTeacher: boolean;
  /** Today in the school's time zone. */
  today: string;
  /** The school's time zone (IANA name). */
  timeZone: string;
  /** The latest end of the admin's active unlocks of this class × subject. */
  unlockedUntil: string | null;
}

/**
 * Whether the actor is assigned to teach the class × subject of a journal or a lesson: a
 * whole-class assignment covers every subgroup, a subgroup's only that subgroup.
 */
export const assignedSql = (actor: SchoolActor, classId: Sql | string, subjectId: Sql | string, groupId: Sql | string | null): Sql => sql`
  exists (select 1 from teaching_assignments a
          where a.school_id = ${actor.schoolId} and a.teacher_id = ${actor.userId} and a.class_id = ${classId}
            and a.subject_id = ${subjectId} and a.archived_at is null and (a.group_id is null or a.group_id = ${groupId}))`;

/** The latest end of the active unlocks of a class × subject (null when none). */
export const unlockedUntilSql = (schoolId: string, classId: Sql | string, subjectId: Sql | string, now: Date): Sql => sql`
  (select max(u.until) from journal_unlocks u
   where u.school_id = ${schoolId} and u.class_id = ${classId} and u.subject_id = ${subjectId} and u.until > ${now.toISOString()})`;

interface ContextRow {
  class_id: string;
  grade: number;
  letter: string;
  academic_year_id: string;
  is_class_teacher: boolean;
  time_zone: string;
  subject_id: string | null;
  subject_name: string | null;
  group_id: string | null;
  group_name: string | null;
  group_class_id: string | null;
  period_id: string | null;
  period_name: string | null;
  starts_on: string | null;
  ends_on: string | null;
  period_year_id: string | null;
  grade_from: number | null;
  grade_to: number | null;
  is_assigned: boolean;
  unlocked_until: Date | string | null;
}

/**
 * The class, subject, subgroup and (optionally) period of a journal with how the actor stands to
 * it, in one query. Parts that do not exist or do not fit together are 404: a journal nobody
 * can open looks the same as one the actor may not open.
 */
export async function loadJournalContext(
  db: Db,
  actor: SchoolActor,
  key: JournalKey & { periodId?: string },
  now: Date,
): Promise<JournalContext> {
  const row = await db.maybeOne<ContextRow>(sql`
    select c.id as class_id, c.grade, c.letter, c.academic_year_id, coalesce(c.class_teacher_id = ${actor.userId}, false) as is_class_teacher,
           sc.time_zone, s.id as subject_id, s.name as subject_name, g.id as group_id, g.name as group_name, g.class_id as group_class_id,
           p.id as period_id, p.name as period_name, p.starts_on, p.ends_on, p.academic_year_id as period_year_id, p.grade_from, p.grade_to,
           ${assignedSql(actor, sql`c.id`, key.subjectId, key.groupId)} as is_assigned,
           ${unlockedUntilSql(actor.schoolId, sql`c.id`, key.subjectId, now)} as unlocked_until
    from classes c
      join schools sc on sc.id = c.school_id
      left join subjects s on s.school_id = c.school_id and s.id = ${key.subjectId}
      left join class_groups g on g.school_id = c.school_id and g.id = ${key.groupId}
      left join periods p on p.school_id = c.school_id and p.id = ${key.periodId ?? null}
    where c.school_id = ${actor.schoolId} and c.id = ${key.classId}`);
  if (!row?.subject_id) throw new AppError("not_found", "No such journal");
  if (key.groupId && row.group_class_id !== row.class_id) throw new AppError("not_found", "No such subgroup in this class");
  const periodFits =
    row.period_id !== null &&
    row.period_year_id === row.academic_year_id &&
    (row.grade_from ?? 0) <= row.grade &&
    row.grade <= (row.grade_to ?? 0);
  if (key.periodId && !periodFits) throw new AppError("not_found", "No such period for this class");
  return {
    class: { id: row.class_id, name: className(row), grade: row.grade, academicYearId: row.academic_year_id },
    group: row.group_id ? { id: row.group_id, name: row.group_name ?? "" } : null,
    subject: { id: row.subject_id, name: row.subject_name ?? "" },
    period:
      key.periodId && row.period_id
        ? { id: row.period_id, name: row.period_name ?? "", startsOn: row.starts_on ?? "", endsOn: row.ends_on ?? "" }
        : null,
    isAdmin: hasRole(actor, "admin"),
    isAssigned: row.is_assigned,
    isClassTeacher: row.is_class_teacher,
    today: dateIn(row.time_zone, now),
    timeZone: row.time_zone,
    unlockedUntil: row.unlocked_until === null ? null : new Date(row.unlocked_until).toISOString(),
  };
}

/** Students of a journal: enrolled in the class (in the subgroup, for a subgroup's journal) at some time in [from, to]. */
export const membersSql = (schoolId: string, key: JournalKey, from: string, to: string): Sql => sql`
  select e.person_id from enrolments e
  where e.school_id = ${schoolId} and e.class_id = ${key.classId} ${key.groupId ? sql`and e.group_id = ${key.groupId}` : sql``}
    and e.starts_on <= ${to} and (e.ends_on is null or e.ends_on >= ${from})`;

export interface MemberRow {
  id: string;
  display_name: string;
  starts_on: string;
  ends_on: string | null;
}

/** The journal's students, ordered by name, with their first and last day in [from, to] (null: to the end). */
export async function loadMembers(db: Db, schoolId: string, key: JournalKey, from: string, to: string) {
  const rows = await db.many<MemberRow>(sql`
    select p.id, p.last_name || ' ' || p.first_name as display_name, min(e.starts_on) as starts_on,
           case when bool_or(e.ends_on is null) then null else max(e.ends_on) end as ends_on
    from enrolments e join people p on p.school_id = e.school_id and p.id = e.person_id
    where e.school_id = ${schoolId} and e.class_id = ${key.classId} ${key.groupId ? sql`and e.group_id = ${key.groupId}` : sql``}
      and e.starts_on <= ${to} and (e.ends_on is null or e.ends_on >= ${from})
    group by p.id, p.last_name, p.first_name
    order by lower(p.last_name), lower(p.first_name), p.id`);
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    from: r.starts_on > from ? r.starts_on : from,
    to: r.ends_on === null || r.ends_on >= to ? null : r.ends_on,
  }));
}

/** Periods of a class's year that apply to its grade, in order. */
export async function loadPeriodsOf(db: Db, schoolId: string, yearId: string, grade: number) {
  const rows = await db.many<{ id: string; name: string; starts_on: string; ends_on: string }>(sql`
    select id, name, starts_on, ends_on from periods
    where school_id = ${schoolId} and academic_year_id = ${yearId} and grade_from <= ${grade} and grade_to >= ${grade} and archived_at is null
    order by starts_on, number, id`);
  return rows.map((p) => ({ id: p.id, name: p.name, startsOn: p.starts_on, endsOn: p.ends_on }));
}
