import type { LessonPage, LessonRef, PlanItemOption } from "@otmetka/core/contracts/lessons.ts";
import { homeworkLimitMinutes } from "@otmetka/core/rules/homework.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { schoolToday } from "../people/people.queries.ts";
import { homeworkRows, homeworkViews, type StudentScope } from "./homework.queries.ts";
import { type LessonRow, lessonInfoOf, loadLesson, ownStudentIds } from "./lesson-access.ts";

/** How many later lessons the due-lesson picker offers. */
const LATER_LESSONS = 12;

/** The same class, subject and subgroup as lesson `row`, for a query on lessons `l`. */
const sameJournal = (row: LessonRow) =>
  sql`l.class_id = ${row.class_id} and l.subject_id = ${row.subject_id} and l.group_id is not distinct from ${row.group_id}::uuid`;

/**
 * Thematic plan rows that fit the lesson: plans of its teacher, its substitute or the caller,
 * for its subject and for its class or any class; with the date a lesson of the journal took
 * each row already, so the picker can show what is used.
 */
export async function planItemOptions(db: Db, schoolId: string, row: LessonRow, callerId: string): Promise<PlanItemOption[]> {
  const items = await db.many<Omit<PlanItemOption, "usedOn">>(sql`
    select pi.id, pi.plan_id as "planId", lp.name as "planName", pi.number, pi.topic, pi.hours, pi.planned_on as "plannedOn"
    from lesson_plans lp join lesson_plan_items pi on pi.school_id = lp.school_id and pi.plan_id = lp.id
    where lp.school_id = ${schoolId} and lp.archived_at is null and lp.subject_id = ${row.subject_id}
      and (lp.class_id is null or lp.class_id = ${row.class_id})
      and lp.teacher_id in (${row.teacher_id}, ${row.substitute_teacher_id ?? row.teacher_id}, ${callerId})
    order by lp.class_id is null, lower(lp.name), lp.id, pi.number`);
  if (items.length === 0) return [];
  const used = await db.many<{ plan_item_id: string; date: string }>(sql`
    select l.plan_item_id, min(l.date) as date from lessons l
    where l.school_id = ${schoolId} and ${sameJournal(row)} and l.plan_item_id is not null
    group by l.plan_item_id`);
  const usedOn = new Map(used.map((u) => [u.plan_item_id, u.date]));
  return items.map((i) => ({ ...i, usedOn: usedOn.get(i.id) ?? null }));
}

async function neighbours(db: Db, schoolId: string, row: LessonRow) {
  const pick = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>, limit: number) =>
    db.many<LessonRef>(sql`
      select l.id, l.date, l.lesson_number as "lessonNumber" from lessons l
      where l.school_id = ${schoolId} and ${sameJournal(row)} and ${where}
      order by ${order} limit ${limit}`);
  const after = sql`(l.date, l.lesson_number, l.id) > (${row.date}::date, ${row.lesson_number}::smallint, ${row.id}::uuid)`;
  const before = sql`(l.date, l.lesson_number, l.id) < (${row.date}::date, ${row.lesson_number}::smallint, ${row.id}::uuid)`;
  const [previous] = await pick(before, sql`l.date desc, l.lesson_number desc, l.id desc`, 1);
  const [next] = await pick(after, sql`l.date, l.lesson_number, l.id`, 1);
  const later = await pick(sql`l.date > ${row.date}::date and l.status = 'scheduled'`, sql`l.date, l.lesson_number, l.id`, LATER_LESSONS);
  return { previous: previous ?? null, next: next ?? null, later };
}

export async function getLessonPage(db: Db, actor: SchoolActor, lessonId: string, now: Date): Promise<LessonPage> {
  const { row, view, abilities } = await loadLesson(db, actor, lessonId);
  const full = view === "full";
  const scope: StudentScope = full ? { all: true } : { all: false, studentIds: await ownStudentIds(db, actor) };
  const given = await homeworkRows(db, actor.schoolId, sql`h.lesson_id = ${row.id}`);
  const due = await homeworkRows(
    db,
    actor.schoolId,
    sql`h.class_id = ${row.class_id} and h.subject_id = ${row.subject_id} and h.group_id is not distinct from ${row.group_id}::uuid
        and h.due_on = ${row.date} and h.lesson_id <> ${row.id} and (h.due_lesson_id is null or h.due_lesson_id = ${row.id})`,
  );
  const around = await neighbours(db, actor.schoolId, row);
  return {
    lesson: lessonInfoOf(row),
    view,
    homework: await homeworkViews(db, actor.schoolId, given, { scope, withWarnings: full }),
    homeworkDue: await homeworkViews(db, actor.schoolId, due, { scope, withWarnings: false }),
    planItems: full ? await planItemOptions(db, actor.schoolId, row, actor.userId) : [],
    laterLessons: full ? around.later : [],
    previousLesson: around.previous,
    nextLesson: around.next,
    homeworkLimitMinutes: homeworkLimitMinutes(row.grade),
    abilities,
    today: await schoolToday(db, actor.schoolId, now),
  };
}
