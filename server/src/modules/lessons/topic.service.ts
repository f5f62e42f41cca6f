import type { LessonInfo, SetTopicInput } from "@otmetka/core/contracts/lessons.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { invalidField } from "../people/people.queries.ts";
import { type LessonRow, lessonInfoOf, loadLesson } from "./lesson-access.ts";
import { planItemOptions } from "./lessons.queries.ts";

/**
 * A lesson the caller may change (the journal's teachers and admins), or 404/403. A cancelled
 * lesson gets no new topic or homework, but homework given before can still be changed or removed.
 */
export async function loadEditableLesson(
  ctx: ChangeContext,
  actor: SchoolActor,
  lessonId: string,
  options: { cancelledToo?: boolean } = {},
) {
  const loaded = await loadLesson(ctx.tx, actor, lessonId, { lock: true });
  if (!(options.cancelledToo ? loaded.abilities.checkHomework : loaded.abilities.editTopic)) {
    if (loaded.facts.cancelled && loaded.abilities.checkHomework) {
      throw new AppError("validation_failed", "The lesson is cancelled", {
        issues: [{ path: ["params", "lessonId"], code: "lesson_cancelled", message: "The lesson is cancelled" }],
      });
    }
    throw new AppError("forbidden", "Only the journal's teachers and admins change a lesson");
  }
  return loaded;
}

/** A stale version: the change is refused, with the lesson as it is now. */
export function staleLesson(row: LessonRow): AppError {
  return new AppError("conflict", "The lesson was changed by someone else; reload it", { details: { current: lessonInfoOf(row) } });
}

/** Sets the topic from a plan row of the lesson's plans (copied) or as typed; audited, version-checked. */
export async function setLessonTopic(ctx: ChangeContext, actor: SchoolActor, lessonId: string, input: SetTopicInput): Promise<LessonInfo> {
  if ((input.planItemId === undefined) === (input.topic === undefined)) {
    throw invalidField("topic", "topic_or_plan_item", "Give either a plan row (planItemId) or a topic text, not both");
  }
  const { row } = await loadEditableLesson(ctx, actor, lessonId);
  if (row.version !== input.version) throw staleLesson(row);
  let topic = input.topic ?? "";
  let planItemId: string | null = null;
  if (input.planItemId) {
    const item = (await planItemOptions(ctx.tx, ctx.schoolId, row, actor.userId)).find((i) => i.id === input.planItemId);
    if (!item) throw invalidField("planItemId", "plan_item_not_available", "This plan row is not in a plan for this class and subject");
    topic = item.topic;
    planItemId = item.id;
  }
  await ctx.tx.execute(sql`
    update lessons set topic = ${topic}, plan_item_id = ${planItemId}, version = version + 1, updated_at = ${ctx.app.now().toISOString()}
    where school_id = ${ctx.schoolId} and id = ${row.id}`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "lesson",
    entityId: row.id,
    action: "set_topic",
    before: { topic: row.topic, planItemId: row.plan_item_id },
    after: { topic, planItemId },
    requestId: ctx.requestId,
  });
  const { row: updated } = await loadLesson(ctx.tx, actor, row.id);
  return lessonInfoOf(updated);
}
