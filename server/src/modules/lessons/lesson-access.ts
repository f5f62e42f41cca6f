/**
 * Loading one lesson together with the facts the policy needs about the caller, in one query.
 * Everything about a lesson (page, topic, homework, files) goes through here: a lesson the
 * caller may not see is 404, as if it did not exist.
 */
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { type LessonFacts, type LessonView, lessonAbilities, lessonViewOf } from "./lessons.policy.ts";

export interface LessonRow {
  id: string;
  academic_year_id: string;
  period_id: string;
  class_id: string;
  group_id: string | null;
  subject_id: string;
  teacher_id: string;
  substitute_teacher_id: string | null;
  date: string;
  lesson_number: number;
  room: string;
  status: "scheduled" | "cancelled";
  topic: string;
  plan_item_id: string | null;
  version: number;
  grade: number;
  letter: string;
  class_teacher_id: string | null;
  group_name: string | null;
  subject_name: string;
  teacher_name: string;
  substitute_name: string | null;
  plan_id: string | null;
  plan_name: string | null;
  plan_item_number: number | null;
}

/** `users` aliased `u` as «Фамилия Имя Отчество». */
export const fullName = (u: string) => sql.raw(`trim(${u}.last_name || ' ' || ${u}.first_name || ' ' || ${u}.middle_name)`);

/** The user is enrolled in the lesson's class (and subgroup) on its date; `p` is the student's people row, `l` the lesson. */
const enrolledAtLesson = sql`exists (select 1 from enrolments e
  where e.school_id = p.school_id and e.person_id = p.id and e.class_id = l.class_id
    and (l.group_id is null or e.group_id = l.group_id)
    and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date))`;

const lessonColumns = sql`
  l.id, l.academic_year_id, l.period_id, l.class_id, l.group_id, l.subject_id, l.teacher_id, l.substitute_teacher_id,
  l.date, l.lesson_number, l.room, l.status, l.topic, l.plan_item_id, l.version,
  c.grade, c.letter, c.class_teacher_id, g.name as group_name, s.name as subject_name,
  ${fullName("t")} as teacher_name, ${fullName("st")} as substitute_name,
  lp.id as plan_id, lp.name as plan_name, pi.number as plan_item_number`;

const lessonJoins = sql`
  join classes c on c.school_id = l.school_id and c.id = l.class_id
  join subjects s on s.school_id = l.school_id and s.id = l.subject_id
  join users t on t.id = l.teacher_id
  left join users st on st.id = l.substitute_teacher_id
  left join class_groups g on g.school_id = l.school_id and g.id = l.group_id
  left join lesson_plan_items pi on pi.school_id = l.school_id and pi.id = l.plan_item_id
  left join lesson_plans lp on lp.school_id = pi.school_id and lp.id = pi.plan_id`;

/** The caller teaches the lesson's class (or its subgroup) the lesson's subject. */
export const teachesLesson = (userId: string) => sql`exists (select 1 from teaching_assignments a
  where a.school_id = l.school_id and a.teacher_id = ${userId} and a.class_id = l.class_id and a.subject_id = l.subject_id
    and a.archived_at is null and (a.group_id is null or a.group_id = l.group_id))`;

export interface LoadedLesson {
  row: LessonRow;
  facts: LessonFacts;
  view: LessonView;
  abilities: ReturnType<typeof lessonAbilities>;
}

/** One lesson of the school as the caller may see it, or 404. `lock` takes its row lock for a change. */
export async function loadLesson(db: Db, actor: SchoolActor, lessonId: string, options: { lock?: boolean } = {}): Promise<LoadedLesson> {
  if (options.lock) await db.execute(sql`select 1 from lessons where school_id = ${actor.schoolId} and id = ${lessonId} for update`);
  const row = await db.maybeOne<LessonRow & { teaches: boolean; is_student: boolean; is_parent: boolean }>(sql`
    select ${lessonColumns},
      ${teachesLesson(actor.userId)} as teaches,
      exists (select 1 from people p where p.school_id = l.school_id and p.user_id = ${actor.userId} and p.archived_at is null
              and ${enrolledAtLesson}) as is_student,
      exists (select 1 from guardianships gd join people p on p.school_id = gd.school_id and p.id = gd.person_id
              where gd.school_id = l.school_id and gd.parent_user_id = ${actor.userId} and gd.archived_at is null
                and gd.confirmed_at is not null and p.archived_at is null and ${enrolledAtLesson}) as is_parent
    from lessons l ${lessonJoins}
    where l.school_id = ${actor.schoolId} and l.id = ${lessonId}`);
  if (!row) throw new AppError("not_found", "No such lesson");
  const facts: LessonFacts = {
    roles: actor.roles,
    teaches: row.teaches,
    isLessonTeacher: row.teacher_id === actor.userId,
    isSubstitute: row.substitute_teacher_id === actor.userId,
    isClassTeacher: row.class_teacher_id === actor.userId,
    isStudent: row.is_student,
    isParent: row.is_parent,
    cancelled: row.status === "cancelled",
  };
  const view = lessonViewOf(facts);
  if (!view) throw new AppError("not_found", "No such lesson");
  return { row, facts, view, abilities: lessonAbilities(facts) };
}

/** Lessons of the school by a condition on `l`, with the same columns as loadLesson (no caller facts). */
export async function lessonRows(db: Db, schoolId: string, where: Sql): Promise<LessonRow[]> {
  return db.many<LessonRow>(sql`select ${lessonColumns} from lessons l ${lessonJoins} where l.school_id = ${schoolId} and ${where}`);
}

/**
 * The students whose homework the caller may see beyond the journal: the student themself and
 * a parent's confirmed children. Empty for staff.
 */
export async function ownStudentIds(db: Db, actor: SchoolActor): Promise<string[]> {
  const rows = await db.many<{ id: string }>(sql`
    select p.id from people p where p.school_id = ${actor.schoolId} and p.user_id = ${actor.userId} and p.archived_at is null
    union
    select gd.person_id from guardianships gd
    where gd.school_id = ${actor.schoolId} and gd.parent_user_id = ${actor.userId} and gd.archived_at is null and gd.confirmed_at is not null`);
  return rows.map((r) => r.id);
}

export function lessonInfoOf(row: LessonRow) {
  return {
    id: row.id,
    date: row.date,
    lessonNumber: row.lesson_number,
    periodId: row.period_id,
    class: { id: row.class_id, name: `${row.grade}${row.letter}` },
    group: row.group_id ? { id: row.group_id, name: row.group_name ?? "" } : null,
    subject: { id: row.subject_id, name: row.subject_name },
    teacher: { userId: row.teacher_id, displayName: row.teacher_name },
    substitute: row.substitute_teacher_id ? { userId: row.substitute_teacher_id, displayName: row.substitute_name ?? "" } : null,
    room: row.room,
    status: row.status,
    topic: row.topic,
    planItem:
      row.plan_item_id && row.plan_id
        ? { id: row.plan_item_id, planId: row.plan_id, planName: row.plan_name ?? "", number: row.plan_item_number ?? 0 }
        : null,
    version: row.version,
  };
}
