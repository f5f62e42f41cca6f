import type { CreateLessonPlanInput, LessonPlan, UpdateLessonPlanInput } from "@otmetka/core/contracts/lesson-plans.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { invalidField } from "../people/people.queries.ts";
import { type PlanRow, planOf, requirePlan } from "./plans.queries.ts";

/** A plan's class: a class of the school, not archived; a wrong one is a field error. */
async function checkClass(ctx: ChangeContext, classId: string | null): Promise<void> {
  if (!classId) return;
  const row = await ctx.tx.maybeOne(
    sql`select 1 from classes where school_id = ${ctx.schoolId} and id = ${classId} and archived_at is null`,
  );
  if (!row) throw invalidField("classId", "class_not_found", "There is no such class");
}

/** The plan's teacher: the caller, or for an admin any active teacher of the school. */
async function resolveTeacher(ctx: ChangeContext, actor: SchoolActor, teacherId: string | undefined): Promise<string> {
  if (!teacherId || teacherId === actor.userId) {
    if (!hasRole(actor, "teacher") && !teacherId) throw invalidField("teacherId", "teacher_required", "Name the teacher the plan is for");
    return actor.userId;
  }
  if (!hasRole(actor, "admin")) throw invalidField("teacherId", "not_your_plan", "A teacher creates plans for themself only");
  const row = await ctx.tx.maybeOne(sql`
    select 1 from memberships where school_id = ${ctx.schoolId} and user_id = ${teacherId} and role = 'teacher' and archived_at is null`);
  if (!row) throw invalidField("teacherId", "teacher_not_found", "There is no such teacher");
  return teacherId;
}

export async function createPlan(ctx: ChangeContext, actor: SchoolActor, input: CreateLessonPlanInput): Promise<LessonPlan> {
  const teacherId = await resolveTeacher(ctx, actor, input.teacherId);
  const subject = await ctx.tx.maybeOne(sql`
    select 1 from subjects where school_id = ${ctx.schoolId} and id = ${input.subjectId} and archived_at is null`);
  if (!subject) throw invalidField("subjectId", "subject_not_found", "There is no such subject");
  const classId = input.classId ?? null;
  await checkClass(ctx, classId);
  const { id } = await ctx.tx.one<{ id: string }>(sql`
    insert into lesson_plans (school_id, teacher_id, subject_id, class_id, name)
    values (${ctx.schoolId}, ${teacherId}, ${input.subjectId}, ${classId}, ${input.name}) returning id`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "lesson_plan",
    entityId: id,
    action: "create",
    after: { name: input.name, teacherId, subjectId: input.subjectId, classId },
    requestId: ctx.requestId,
  });
  return planOf(await requirePlan(ctx.tx, actor, id));
}

const snapshotOf = (r: PlanRow) => ({ name: r.name, teacherId: r.teacher_id, subjectId: r.subject_id, classId: r.class_id });

export async function updatePlan(
  ctx: ChangeContext,
  actor: SchoolActor,
  planId: string,
  input: UpdateLessonPlanInput,
): Promise<LessonPlan> {
  const before = await requirePlan(ctx.tx, actor, planId);
  const name = input.name ?? before.name;
  const classId = input.classId === undefined ? before.class_id : input.classId;
  if (classId !== before.class_id) await checkClass(ctx, classId);
  await ctx.tx.execute(
    sql`update lesson_plans set name = ${name}, class_id = ${classId} where school_id = ${ctx.schoolId} and id = ${planId}`,
  );
  const after = await requirePlan(ctx.tx, actor, planId);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "lesson_plan",
    entityId: planId,
    action: "update",
    before: snapshotOf(before),
    after: snapshotOf(after),
    requestId: ctx.requestId,
  });
  return planOf(after);
}

/** Removes a plan from lists; lessons keep the topics (and row links) taken from it. */
export async function archivePlan(ctx: ChangeContext, actor: SchoolActor, planId: string): Promise<void> {
  const before = await requirePlan(ctx.tx, actor, planId);
  await ctx.tx.execute(
    sql`update lesson_plans set archived_at = ${ctx.app.now().toISOString()} where school_id = ${ctx.schoolId} and id = ${planId}`,
  );
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "lesson_plan",
    entityId: planId,
    action: "archive",
    before: snapshotOf(before),
    requestId: ctx.requestId,
  });
}
