/**
 * Marks on homework per student: the student marks it done (their own only), the teacher marks
 * it checked with a comment. Both are audited as `homework_status` «homework:student».
 */
import type { HomeworkStudentStatus } from "@otmetka/core/contracts/lessons.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { homeworkRows, studentOfHomework, studentsOfHomework } from "./homework.queries.ts";
import { loadLesson } from "./lesson-access.ts";

interface StatusRow {
  done_at: Date | null;
  checked_at: Date | null;
  checked_by: string | null;
  teacher_comment: string;
}

/** The student's row of the homework, or 404 when they are not one of its students. */
async function requireStudentOf(ctx: ChangeContext, homeworkId: string, studentCondition: ReturnType<typeof sql>): Promise<string> {
  const row = await ctx.tx.maybeOne<{ id: string }>(sql`
    select p.id from homework h
      join lessons l on l.school_id = h.school_id and l.id = h.lesson_id
      join people p on p.school_id = h.school_id and p.archived_at is null and ${studentCondition}
    where h.school_id = ${ctx.schoolId} and h.id = ${homeworkId} and ${studentOfHomework}
    limit 1`);
  if (!row) throw new AppError("not_found", "No such homework for this student");
  return row.id;
}

async function currentStatus(ctx: ChangeContext, homeworkId: string, studentId: string): Promise<StatusRow | null> {
  return ctx.tx.maybeOne<StatusRow>(sql`
    select done_at, checked_at, checked_by, teacher_comment from homework_status
    where school_id = ${ctx.schoolId} and homework_id = ${homeworkId} and student_id = ${studentId} for update`);
}

async function statusView(ctx: ChangeContext, homeworkId: string, studentId: string): Promise<HomeworkStudentStatus> {
  const byHomework = await studentsOfHomework(ctx.tx, ctx.schoolId, [homeworkId], { all: false, studentIds: [studentId] });
  return byHomework.get(homeworkId)?.[0] as HomeworkStudentStatus;
}

const plain = (s: StatusRow | null) => ({
  done: Boolean(s?.done_at),
  checked: Boolean(s?.checked_at),
  comment: s?.teacher_comment ?? "",
});

/** A student marks their own homework done or not done. */
export async function markHomeworkDone(ctx: ChangeContext, actor: SchoolActor, homeworkId: string, done: boolean) {
  const studentId = await requireStudentOf(ctx, homeworkId, sql`p.user_id = ${actor.userId}`);
  const before = await currentStatus(ctx, homeworkId, studentId);
  const now = ctx.app.now().toISOString();
  await ctx.tx.execute(sql`
    insert into homework_status (school_id, homework_id, student_id, done_at)
    values (${ctx.schoolId}, ${homeworkId}, ${studentId}, ${done ? now : null})
    on conflict (school_id, homework_id, student_id) do update set done_at = excluded.done_at`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "homework_status",
    entityId: `${homeworkId}:${studentId}`,
    action: done ? "mark_done" : "mark_not_done",
    before: plain(before),
    after: { ...plain(before), done },
    requestId: ctx.requestId,
  });
  return statusView(ctx, homeworkId, studentId);
}

/** The teacher marks a student's homework checked (or takes it back), with a comment. */
export async function checkHomework(
  ctx: ChangeContext,
  actor: SchoolActor,
  homeworkId: string,
  studentId: string,
  input: { checked: boolean; comment: string },
): Promise<HomeworkStudentStatus> {
  const [homework] = await homeworkRows(ctx.tx, ctx.schoolId, sql`h.id = ${homeworkId}`);
  if (!homework) throw new AppError("not_found", "No such homework");
  const { abilities } = await loadLesson(ctx.tx, actor, homework.lesson_id);
  if (!abilities.checkHomework) throw new AppError("forbidden", "Only the journal's teachers and admins check homework");
  await requireStudentOf(ctx, homeworkId, sql`p.id = ${studentId}`);
  const before = await currentStatus(ctx, homeworkId, studentId);
  const now = ctx.app.now().toISOString();
  await ctx.tx.execute(sql`
    insert into homework_status (school_id, homework_id, student_id, checked_at, checked_by, teacher_comment)
    values (${ctx.schoolId}, ${homeworkId}, ${studentId}, ${input.checked ? now : null}, ${input.checked ? ctx.actorUserId : null}, ${input.comment})
    on conflict (school_id, homework_id, student_id) do update
      set checked_at = excluded.checked_at, checked_by = excluded.checked_by, teacher_comment = excluded.teacher_comment`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "homework_status",
    entityId: `${homeworkId}:${studentId}`,
    action: input.checked ? "check" : "uncheck",
    before: plain(before),
    after: { ...plain(before), checked: input.checked, comment: input.comment },
    requestId: ctx.requestId,
  });
  return statusView(ctx, homeworkId, studentId);
}
