import type { ExcuseAbsencesInput } from "@otmetka/core/contracts/class-teacher.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { publishLive } from "../../platform/realtime/publish.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { invalidField } from "../people/people.queries.ts";
import { editableFrom, requireLedClass, requireRange } from "./class-teacher.queries.ts";

interface UnexcusedCell {
  lesson_id: string;
  subject_id: string;
  date: string;
  comment: string;
  version: number;
}

/**
 * Turns a student's «Н» (unexcused absence) at the class's lessons in a date range into «Б» or
 * «У», as the class teacher does when a справка arrives. Each changed cell gets a new version
 * and an audit row with the note as its reason; cells past the edit window stay as they were
 * (an admin can change them) and are counted. Open journals and diaries hear of each change live.
 */
export async function excuseAbsences(
  ctx: ChangeContext,
  actor: SchoolActor,
  classId: string,
  input: ExcuseAbsencesInput,
): Promise<{ changed: number; lockedSkipped: number }> {
  const { tx, schoolId } = ctx;
  await requireLedClass(tx, actor, classId);
  requireRange(input.from, input.to);
  const enrolled = await tx.maybeOne(sql`
    select 1 from enrolments where school_id = ${schoolId} and person_id = ${input.studentId} and class_id = ${classId}
      and starts_on <= ${input.to} and (ends_on is null or ends_on >= ${input.from}) limit 1`);
  if (!enrolled) throw invalidField("studentId", "not_in_class", "The student is not in this class in these dates");

  const lockedBefore = await editableFrom(tx, actor, ctx.app.now());
  const cells = await tx.many<UnexcusedCell>(sql`
    select c.lesson_id, l.subject_id, l.date, c.comment, c.version
    from journal_cells c join lessons l on l.school_id = c.school_id and l.id = c.lesson_id
    where c.school_id = ${schoolId} and c.student_id = ${input.studentId} and l.class_id = ${classId}
      and l.date between ${input.from} and ${input.to} and c.attendance = 'ABSENT_UNEXCUSED'
    order by l.date, l.lesson_number
    for update of c`);
  const open = cells.filter((c) => lockedBefore === null || c.date >= lockedBefore);
  const at = ctx.app.now().toISOString();
  for (const cell of open) {
    await tx.execute(sql`
      update journal_cells set attendance = ${input.state}, version = version + 1, updated_by = ${ctx.actorUserId}, updated_at = ${at}
      where school_id = ${schoolId} and lesson_id = ${cell.lesson_id} and student_id = ${input.studentId}`);
    await recordEvent(tx, {
      schoolId,
      actorUserId: ctx.actorUserId,
      entity: "journal_cell",
      entityId: `${cell.lesson_id}:${input.studentId}`,
      action: "excuse_absence",
      before: { attendance: "ABSENT_UNEXCUSED" },
      after: { attendance: input.state },
      reason: input.note,
      requestId: ctx.requestId,
    });
    await publishLive(tx, {
      schoolId,
      kind: "journal.cell",
      classId,
      subjectId: cell.subject_id,
      lessonId: cell.lesson_id,
      studentId: input.studentId,
      version: cell.version + 1,
    });
  }
  return { changed: open.length, lockedSkipped: cells.length - open.length };
}
