import type { JournalLesson } from "@otmetka/core/contracts/journal.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { publishLive } from "../../platform/realtime/publish.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { LESSON_COLUMNS, type LessonRow, lessonView } from "./grid.queries.ts";
import { isPastEditWindow, lockedBefore } from "./journal.policy.ts";
import { type LessonFacts, loadLessonFacts } from "./lesson.facts.ts";
import { refreshPeriodMarks } from "./period-marks.service.ts";

export interface UpdateLessonInput {
  workType?: string | null | undefined;
  weightTenths?: number | null | undefined;
  version: number;
}

async function readLessonView(
  tx: Db,
  actor: SchoolActor,
  lesson: LessonFacts,
  editWindowDays: number,
  workTypes: { code: string; weightTenths: number }[],
) {
  const row = await tx.one<LessonRow>(sql`
    select ${LESSON_COLUMNS}
    from lessons l join users tu on tu.id = l.teacher_id left join users su on su.id = l.substitute_teacher_id
    where l.school_id = ${actor.schoolId} and l.id = ${lesson.id}`);
  const relation = { isAdmin: lesson.isAdmin, isAssigned: lesson.rights === "full", isClassTeacher: lesson.rights === "attendance" };
  const facts = { today: lesson.today, lockedBefore: lockedBefore(lesson.today, editWindowDays), unlocked: lesson.unlocked };
  return lessonView(row, actor.userId, relation, facts, { workTypes });
}

/**
 * Sets a lesson column's work type and weight (a per-lesson weight overrides the work type's),
 * then restores the stored period suggestions of the students with marks in it, whose averages
 * the new weight changes.
 */
export async function updateLesson(
  ctx: ChangeContext,
  actor: SchoolActor,
  lessonId: string,
  input: UpdateLessonInput,
): Promise<JournalLesson> {
  const now = ctx.app.now();
  const lesson = await loadLessonFacts(ctx.tx, actor, lessonId, now, { forUpdate: true });
  if (lesson.rights !== "full") throw new AppError("forbidden", "Only the subject's teacher sets the lesson's work type");
  const settings = await getSchoolSettings(ctx.tx, actor.schoolId);
  if (input.workType && !settings.workTypes.some((w) => w.code === input.workType)) {
    const message = `No work type «${input.workType}» in the school's settings`;
    throw new AppError("validation_failed", message, { issues: [{ path: ["body", "workType"], code: "unknown_work_type", message }] });
  }
  const before = lockedBefore(lesson.today, settings.editWindowDays);
  if (isPastEditWindow({ isAdmin: lesson.isAdmin, unlocked: lesson.unlocked, date: lesson.date, lockedBefore: before })) {
    throw new AppError("locked", `Lessons before ${before} are closed for changes; an administrator can reopen the journal`, {
      details: { reason: "edit_window", lockedBefore: before },
    });
  }
  const next = {
    workType: input.workType === undefined ? lesson.workType : input.workType,
    weightTenths: input.weightTenths === undefined ? lesson.weightTenths : input.weightTenths,
  };
  const unchanged = next.workType === lesson.workType && next.weightTenths === lesson.weightTenths;
  if (unchanged) return readLessonView(ctx.tx, actor, lesson, settings.editWindowDays, settings.workTypes);
  if (input.version !== lesson.version) {
    const current = await readLessonView(ctx.tx, actor, lesson, settings.editWindowDays, settings.workTypes);
    throw new AppError("conflict", "Someone else changed this lesson; see the current value", {
      details: { reason: "stale_version", current },
    });
  }

  await ctx.tx.execute(sql`
    update lessons set work_type = ${next.workType}, weight_tenths = ${next.weightTenths}, version = version + 1, updated_at = ${now.toISOString()}
    where school_id = ${actor.schoolId} and id = ${lessonId}`);
  const marked = await ctx.tx.many<{ student_id: string }>(sql`
    select student_id from journal_cells where school_id = ${actor.schoolId} and lesson_id = ${lessonId} and mark1 is not null`);
  await refreshPeriodMarks(
    ctx.tx,
    actor.schoolId,
    lesson.subjectId,
    lesson.period,
    marked.map((m) => m.student_id),
    settings,
  );
  await recordEvent(ctx.tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "lesson",
    entityId: lessonId,
    action: "update",
    before: { workType: lesson.workType, weightTenths: lesson.weightTenths },
    after: next,
    requestId: ctx.requestId,
  });
  const view = await readLessonView(ctx.tx, actor, lesson, settings.editWindowDays, settings.workTypes);
  await publishLive(ctx.tx, {
    schoolId: actor.schoolId,
    kind: "journal.lesson",
    classId: lesson.classId,
    subjectId: lesson.subjectId,
    lessonId,
    version: view.version,
  });
  return view;
}
