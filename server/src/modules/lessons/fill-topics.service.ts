/**
 * «Заполнить темы из КТП»: the n-th lesson of the year of a class (or subgroup) in the plan's
 * subject takes plan row № n, when it has no topic yet. Cancelled lessons are not counted.
 * Each filled lesson is audited like a topic set by hand.
 */
import type { FillTopicsInput, FillTopicsResult } from "@otmetka/core/contracts/lesson-plans.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { invalidField } from "../people/people.queries.ts";
import { planItems, requirePlan } from "./plans.queries.ts";

interface RankedLesson {
  id: string;
  date: string;
  lesson_number: number;
  topic: string;
  plan_item_id: string | null;
  rank: number;
}

export async function fillTopicsFromPlan(
  ctx: ChangeContext,
  actor: SchoolActor,
  planId: string,
  input: FillTopicsInput,
): Promise<FillTopicsResult> {
  const plan = await requirePlan(ctx.tx, actor, planId);
  if (plan.class_id && input.classId && input.classId !== plan.class_id) {
    throw invalidField("classId", "plan_for_other_class", `The plan is for class ${plan.class_name}`);
  }
  const classId = plan.class_id ?? input.classId;
  if (!classId) throw invalidField("classId", "class_required", "Choose the class whose lessons get the topics");
  const groupId = input.groupId ?? null;
  const klass = await ctx.tx.maybeOne<{ id: string; name: string; academic_year_id: string }>(sql`
    select id, grade::text || letter as name, academic_year_id from classes where school_id = ${ctx.schoolId} and id = ${classId}`);
  if (!klass) throw invalidField("classId", "class_not_found", "There is no such class");
  const group = groupId
    ? await ctx.tx.maybeOne<{ id: string; name: string }>(sql`
        select id, name from class_groups where school_id = ${ctx.schoolId} and id = ${groupId} and class_id = ${classId}`)
    : null;
  if (groupId && !group) throw invalidField("groupId", "group_not_in_class", "There is no such subgroup in the class");
  if (!hasRole(actor, "admin")) {
    const teaches = await ctx.tx.maybeOne(sql`
      select 1 from teaching_assignments where school_id = ${ctx.schoolId} and teacher_id = ${actor.userId} and class_id = ${classId}
        and subject_id = ${plan.subject_id} and archived_at is null and (group_id is null or group_id is not distinct from ${groupId}::uuid)`);
    if (!teaches) throw invalidField("classId", "not_your_class", `You do not teach ${plan.subject_name} in ${klass.name}`);
  }

  const journal = sql`school_id = ${ctx.schoolId} and academic_year_id = ${klass.academic_year_id} and class_id = ${classId}
    and subject_id = ${plan.subject_id} and group_id is not distinct from ${groupId}::uuid and status = 'scheduled'`;
  if (!input.dryRun) await ctx.tx.execute(sql`select 1 from lessons where ${journal} for update`);
  const lessons = await ctx.tx.many<RankedLesson>(sql`
    select id, date, lesson_number, topic, plan_item_id, row_number() over (order by date, lesson_number, id)::int as rank
    from lessons where ${journal} order by rank`);
  const items = new Map((await planItems(ctx.tx, ctx.schoolId, planId)).map((i) => [i.number, i]));

  const result: FillTopicsResult = {
    dryRun: Boolean(input.dryRun),
    class: { id: klass.id, name: klass.name },
    group,
    filled: [],
    keptTopics: 0,
    withoutRow: 0,
  };
  for (const lesson of lessons) {
    if (lesson.topic !== "" || lesson.plan_item_id) {
      result.keptTopics += 1;
      continue;
    }
    const item = items.get(lesson.rank);
    if (!item) {
      result.withoutRow += 1;
      continue;
    }
    result.filled.push({
      lessonId: lesson.id,
      date: lesson.date,
      lessonNumber: lesson.lesson_number,
      itemNumber: item.number,
      topic: item.topic,
    });
    if (input.dryRun) continue;
    await ctx.tx.execute(sql`
      update lessons set topic = ${item.topic}, plan_item_id = ${item.id}, version = version + 1, updated_at = ${ctx.app.now().toISOString()}
      where school_id = ${ctx.schoolId} and id = ${lesson.id}`);
    await recordEvent(ctx.tx, {
      schoolId: ctx.schoolId,
      actorUserId: ctx.actorUserId,
      entity: "lesson",
      entityId: lesson.id,
      action: "fill_topic",
      before: { topic: "", planItemId: null },
      after: { topic: item.topic, planItemId: item.id, planId },
      requestId: ctx.requestId,
    });
  }
  return result;
}
