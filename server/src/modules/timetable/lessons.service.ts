/**
 * One-off changes of dated lessons (замены): a substitute teacher, a cancellation and its
 * reversal, another room, an extra lesson. Each is audited (entity "lesson") and names the
 * version it was based on, so two admins changing one lesson cannot overwrite each other.
 */
import { CONFLICT_KINDS, type ExtraLessonInput, type LessonConflict } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { Issues } from "../structure/structure.validation.ts";
import { findLesson, type LessonRow, toLessonView } from "./lessons.queries.ts";
import { checkLessonRefs, fullName, isActiveTeacher, lockTimetable, requireActiveClass } from "./timetable.refs.ts";

interface LessonSlot {
  /** The lesson itself when it is being changed. */
  id: string | null;
  date: string;
  lessonNumber: number;
  shift: number;
  /** Each check runs only when its value is given. */
  teacherId?: string;
  room?: string;
  classId?: string;
  groupId?: string | null;
}

/**
 * Scheduled lessons at the same date and lesson number (in the same shift) that the slot would
 * collide with: the teacher teaching (as the teacher of record or a substitute), the room, the class.
 */
async function findLessonConflicts(tx: Db, schoolId: string, slot: LessonSlot): Promise<LessonConflict[]> {
  const teacher = slot.teacherId ?? null;
  const room = slot.room ?? "";
  const classId = slot.classId ?? null;
  const groupId = slot.groupId ?? null;
  const rows = await tx.many<
    { [k: string]: string } & { lessonNumber: number; teacherClash: boolean; roomClash: boolean; classClash: boolean }
  >(sql`
    select l.id as "lessonId", l.date, l.lesson_number as "lessonNumber", l.room, s.name as subject,
      c.grade::text || c.letter || coalesce(', ' || g.name, '') as class, ${fullName("u")} as teacher,
      coalesce(coalesce(l.substitute_teacher_id, l.teacher_id) = ${teacher}::uuid, false) as "teacherClash",
      (${room}::text <> '' and lower(l.room) = lower(${room}::text)) as "roomClash",
      coalesce(l.class_id = ${classId}::uuid and (${groupId}::uuid is null or l.group_id is null or l.group_id = ${groupId}::uuid), false) as "classClash"
    from lessons l
      join classes c on c.school_id = l.school_id and c.id = l.class_id
      join subjects s on s.school_id = l.school_id and s.id = l.subject_id
      join users u on u.id = coalesce(l.substitute_teacher_id, l.teacher_id)
      left join class_groups g on g.school_id = l.school_id and g.id = l.group_id
    where l.school_id = ${schoolId} and l.date = ${slot.date}::date and l.lesson_number = ${slot.lessonNumber}
      and l.status = 'scheduled' and c.shift = ${slot.shift}
      and l.id <> coalesce(${slot.id}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
    order by c.grade, c.letter`);
  return rows.flatMap((r) =>
    CONFLICT_KINDS.filter((kind) => r[`${kind}Clash`]).map((kind) => ({
      kind,
      lessonId: String(r.lessonId),
      class: String(r.class),
      subject: String(r.subject),
      teacher: String(r.teacher),
      room: String(r.room),
      date: String(r.date),
      lessonNumber: r.lessonNumber,
    })),
  );
}

/** Where and when a lesson is, with no check chosen yet. */
const slotOf = (l: LessonRow): LessonSlot => ({ id: l.id, date: l.date, lessonNumber: l.lessonNumber, shift: l.shift });

async function refuseLessonConflicts(tx: Db, schoolId: string, slot: LessonSlot): Promise<void> {
  const conflicts = await findLessonConflicts(tx, schoolId, slot);
  if (conflicts.length > 0) throw new AppError("conflict", "Someone is already booked at that time", { details: { conflicts } });
}

/** The lesson to change, locked against other timetable writes, at the version the client saw. */
async function lessonAtVersion(tx: Db, actor: SchoolActor, lessonId: string, version: number): Promise<LessonRow> {
  await lockTimetable(tx, actor.schoolId);
  const lesson = await findLesson(tx, actor, lessonId);
  if (lesson.yearArchived) throw new AppError("conflict", "The academic year is archived");
  if (lesson.version !== version) {
    throw new AppError("conflict", "The lesson was changed since you opened it; here is its current state", {
      details: { reason: "stale_version", current: toLessonView(actor, lesson) },
    });
  }
  return lesson;
}

interface Change {
  action: string;
  set: ReturnType<typeof sql>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason?: string | null;
}

async function applyChange(tx: Db, actor: SchoolActor, lesson: LessonRow, change: Change, requestId: string): Promise<LessonRow> {
  await tx.execute(sql`
    update lessons set ${change.set}, version = version + 1, updated_at = now()
    where school_id = ${actor.schoolId} and id = ${lesson.id}`);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "lesson",
    entityId: lesson.id,
    action: change.action,
    before: change.before,
    after: change.after,
    reason: change.reason ?? null,
    requestId,
  });
  return findLesson(tx, actor, lesson.id);
}

export async function setSubstitute(
  tx: Db,
  actor: SchoolActor,
  lessonId: string,
  input: { version: number; teacherId: string | null; reason?: string | undefined },
  requestId: string,
): Promise<LessonRow> {
  const lesson = await lessonAtVersion(tx, actor, lessonId, input.version);
  if (input.teacherId === lesson.substituteId) return lesson;
  if (input.teacherId !== null) {
    if (lesson.status === "cancelled") throw new AppError("conflict", "The lesson is cancelled; take the cancellation back first");
    const issues = new Issues();
    if (input.teacherId === lesson.teacherId) issues.add("teacherId", "same_teacher", "This is the lesson's own teacher");
    else if (!(await isActiveTeacher(tx, actor.schoolId, input.teacherId)))
      issues.add("teacherId", "not_a_teacher", "This person is not an active teacher of the school");
    issues.throwIfAny();
    await refuseLessonConflicts(tx, actor.schoolId, { ...slotOf(lesson), teacherId: input.teacherId });
  }
  return applyChange(
    tx,
    actor,
    lesson,
    {
      action: input.teacherId ? "substitute" : "remove_substitute",
      set: sql`substitute_teacher_id = ${input.teacherId}`,
      before: { substituteTeacherId: lesson.substituteId },
      after: { substituteTeacherId: input.teacherId },
      reason: input.reason || null,
    },
    requestId,
  );
}

export async function cancelLesson(
  tx: Db,
  actor: SchoolActor,
  lessonId: string,
  input: { version: number; reason: string },
  requestId: string,
): Promise<LessonRow> {
  const lesson = await lessonAtVersion(tx, actor, lessonId, input.version);
  if (lesson.status === "cancelled") throw new AppError("conflict", "The lesson is already cancelled");
  return applyChange(
    tx,
    actor,
    lesson,
    {
      action: "cancel",
      set: sql`status = 'cancelled', cancel_reason = ${input.reason}`,
      before: { status: lesson.status },
      after: { status: "cancelled", cancelReason: input.reason },
      reason: input.reason,
    },
    requestId,
  );
}

/** A cancelled lesson's time may have been given to another lesson since: the slot is checked again. */
export async function uncancelLesson(
  tx: Db,
  actor: SchoolActor,
  lessonId: string,
  input: { version: number },
  requestId: string,
): Promise<LessonRow> {
  const lesson = await lessonAtVersion(tx, actor, lessonId, input.version);
  if (lesson.status !== "cancelled") throw new AppError("conflict", "The lesson is not cancelled");
  await refuseLessonConflicts(tx, actor.schoolId, {
    ...slotOf(lesson),
    teacherId: lesson.substituteId ?? lesson.teacherId,
    room: lesson.room,
    classId: lesson.classId,
    groupId: lesson.groupId,
  });
  return applyChange(
    tx,
    actor,
    lesson,
    {
      action: "uncancel",
      set: sql`status = 'scheduled', cancel_reason = ''`,
      before: { status: "cancelled", cancelReason: lesson.cancelReason },
      after: { status: "scheduled" },
    },
    requestId,
  );
}

export async function changeRoom(
  tx: Db,
  actor: SchoolActor,
  lessonId: string,
  input: { version: number; room: string },
  requestId: string,
): Promise<LessonRow> {
  const lesson = await lessonAtVersion(tx, actor, lessonId, input.version);
  if (input.room === lesson.room) return lesson;
  if (lesson.status === "scheduled") await refuseLessonConflicts(tx, actor.schoolId, { ...slotOf(lesson), room: input.room });
  // Back to the timetable's room is no longer a change; an extra lesson has no timetable room.
  const entry = lesson.entryId
    ? await tx.maybeOne<{ room: string }>(
        sql`select room from timetable_entries where school_id = ${actor.schoolId} and id = ${lesson.entryId}`,
      )
    : null;
  const changed = entry ? entry.room !== input.room : true;
  return applyChange(
    tx,
    actor,
    lesson,
    {
      action: "change_room",
      set: sql`room = ${input.room}, room_changed = ${changed}`,
      before: { room: lesson.room },
      after: { room: input.room },
    },
    requestId,
  );
}

/** A one-off lesson on a date of a study period of the class's grade, checked for conflicts on that date. */
export async function addExtraLesson(tx: Db, actor: SchoolActor, input: ExtraLessonInput, requestId: string): Promise<LessonRow> {
  const issues = new Issues();
  const cls = await requireActiveClass(tx, actor, input.classId, issues);
  const groupId = input.groupId ?? null;
  await checkLessonRefs(tx, actor, { classId: input.classId, groupId, subjectId: input.subjectId, teacherId: input.teacherId }, issues);
  if (!cls) throw new AppError("validation_failed", "The request has invalid fields", { issues: issues.list });
  const period = await tx.maybeOne<{ id: string }>(sql`
    select id from periods
    where school_id = ${actor.schoolId} and academic_year_id = ${cls.academicYearId} and archived_at is null
      and starts_on <= ${input.date}::date and ${input.date}::date <= ends_on and grade_from <= ${cls.grade} and ${cls.grade} <= grade_to
    order by starts_on limit 1`);
  if (!period) issues.add("date", "outside_period", `The date is in no study period of grade ${cls.grade}`);
  issues.throwIfAny();

  await lockTimetable(tx, actor.schoolId);
  const room = input.room ?? "";
  await refuseLessonConflicts(tx, actor.schoolId, {
    id: null,
    date: input.date,
    lessonNumber: input.lessonNumber,
    shift: cls.shift,
    teacherId: input.teacherId,
    room,
    classId: cls.id,
    groupId,
  });
  const { id } = await tx.one<{ id: string }>(sql`
    insert into lessons (school_id, academic_year_id, period_id, class_id, group_id, subject_id, teacher_id, date, lesson_number, room, is_extra)
    values (${actor.schoolId}, ${cls.academicYearId}, ${period?.id}, ${cls.id}, ${groupId}, ${input.subjectId}, ${input.teacherId},
            ${input.date}, ${input.lessonNumber}, ${room}, true)
    returning id`);
  const lesson = await findLesson(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "lesson",
    entityId: id,
    action: "create_extra",
    after: {
      classId: cls.id,
      groupId,
      subjectId: input.subjectId,
      teacherId: input.teacherId,
      date: input.date,
      lessonNumber: input.lessonNumber,
      room,
    },
    reason: input.reason || null,
    requestId,
  });
  return lesson;
}
