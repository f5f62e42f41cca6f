import type { CreateTeachingAssignmentInput, TeachingAssignmentView } from "@otmetka/core/contracts/staff.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { getAssignment } from "./assignments.queries.ts";
import type { ChangeContext } from "./invitations.service.ts";
import { invalidField, isUniqueViolation, requireActiveClass, requireActiveSubject, requireGroupOfClass } from "./people.queries.ts";

const snapshot = (a: TeachingAssignmentView) => ({
  teacherId: a.teacher.userId,
  classId: a.class.id,
  groupId: a.group?.id ?? null,
  subjectId: a.subject.id,
  archived: a.archived,
});

const NIL = "00000000-0000-0000-0000-000000000000";

export async function createAssignment(
  ctx: ChangeContext,
  actor: SchoolActor,
  input: CreateTeachingAssignmentInput,
): Promise<TeachingAssignmentView> {
  const { tx, schoolId } = ctx;
  const roles = await tx.many<{ role: string }>(sql`
    select role from memberships where school_id = ${schoolId} and user_id = ${input.teacherId} and archived_at is null`);
  if (roles.length === 0) throw new AppError("not_found", "No such teacher");
  if (!roles.some((r) => r.role === "teacher"))
    throw invalidField("teacherId", "not_a_teacher", "This person is not a teacher of the school");
  await requireActiveClass(tx, schoolId, input.classId);
  const groupId = input.groupId ?? null;
  if (groupId) await requireGroupOfClass(tx, schoolId, groupId, input.classId);
  await requireActiveSubject(tx, schoolId, input.subjectId);

  const duplicate = await tx.maybeOne(sql`
    select 1 from teaching_assignments
    where school_id = ${schoolId} and teacher_id = ${input.teacherId} and class_id = ${input.classId}
      and coalesce(group_id, ${NIL}::uuid) = ${groupId ?? NIL}::uuid and subject_id = ${input.subjectId} and archived_at is null`);
  if (duplicate) throw duplicateError();
  let id: string;
  try {
    ({ id } = await tx.one<{ id: string }>(sql`
      insert into teaching_assignments (school_id, teacher_id, class_id, group_id, subject_id)
      values (${schoolId}, ${input.teacherId}, ${input.classId}, ${groupId}, ${input.subjectId}) returning id`));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateError();
    throw error;
  }
  const view = await getAssignment(tx, actor, id);
  await recordEvent(tx, {
    schoolId,
    actorUserId: ctx.actorUserId,
    entity: "teaching_assignment",
    entityId: id,
    action: "create",
    after: snapshot(view),
    requestId: ctx.requestId,
  });
  return view;
}

function duplicateError(): AppError {
  return new AppError("conflict", "The teacher already teaches this subject to this class or group", {
    details: { reason: "duplicate_assignment" },
  });
}

export async function archiveAssignment(ctx: ChangeContext, actor: SchoolActor, id: string): Promise<TeachingAssignmentView> {
  const before = await getAssignment(ctx.tx, actor, id);
  if (before.archived) throw new AppError("conflict", "The assignment is already archived", { details: { reason: "already_archived" } });
  await ctx.tx.execute(sql`
    update teaching_assignments set archived_at = ${ctx.app.now().toISOString()} where school_id = ${ctx.schoolId} and id = ${id}`);
  const after = await getAssignment(ctx.tx, actor, id);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "teaching_assignment",
    entityId: id,
    action: "archive",
    before: snapshot(before),
    after: snapshot(after),
    requestId: ctx.requestId,
  });
  return after;
}

/** Ends every active assignment of a teacher who stops teaching in the school; returns their ids. */
export async function archiveAssignmentsOfTeacher(ctx: ChangeContext, teacherId: string): Promise<string[]> {
  const rows = await ctx.tx.many<{ id: string }>(sql`
    update teaching_assignments set archived_at = ${ctx.app.now().toISOString()}
    where school_id = ${ctx.schoolId} and teacher_id = ${teacherId} and archived_at is null returning id`);
  for (const { id } of rows) {
    await recordEvent(ctx.tx, {
      schoolId: ctx.schoolId,
      actorUserId: ctx.actorUserId,
      entity: "teaching_assignment",
      entityId: id,
      action: "archive",
      after: { archived: true },
      reason: "teacher role ended",
      requestId: ctx.requestId,
    });
  }
  return rows.map((r) => r.id);
}
