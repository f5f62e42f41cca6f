/** Adding, changing and archiving weekly timetable entries, with the conflict checks. */
import type { CreateTimetableEntryInput, UpdateTimetableEntryInput } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { Issues } from "../structure/structure.validation.ts";
import { type EntryRow, type EntrySlot, entryAuditShape, findEntry, findEntryConflicts } from "./entries.queries.ts";
import { checkLessonRefs, checkWeekday, type ClassInfo, findClassInfo, lockTimetable, requireActiveClass } from "./timetable.refs.ts";

/** The validity of an entry lies inside its class's academic year. */
function checkValidity(issues: Issues, validFrom: string, validTo: string, year: Pick<ClassInfo, "yearStartsOn" | "yearEndsOn">): void {
  const inside = (d: string) => year.yearStartsOn <= d && d <= year.yearEndsOn;
  const bounds = `${year.yearStartsOn} – ${year.yearEndsOn}`;
  if (!inside(validFrom)) issues.add("validFrom", "outside_year", `The first day must be within the academic year (${bounds})`);
  if (!inside(validTo)) issues.add("validTo", "outside_year", `The last day must be within the academic year (${bounds})`);
  if (validTo < validFrom) issues.add("validTo", "ends_before_start", "The last day is before the first");
}

/** Refuses a slot that double-books a teacher, a room or the class: 409 with every conflict. */
async function refuseConflicts(tx: Db, actor: SchoolActor, slot: EntrySlot): Promise<void> {
  const conflicts = await findEntryConflicts(tx, actor.schoolId, slot);
  if (conflicts.length > 0) {
    throw new AppError("conflict", "The teacher, the room or the class is already booked at that time", { details: { conflicts } });
  }
}

export async function createEntry(tx: Db, actor: SchoolActor, input: CreateTimetableEntryInput, requestId: string): Promise<EntryRow> {
  const issues = new Issues();
  const cls = await requireActiveClass(tx, actor, input.classId, issues);
  const groupId = input.groupId ?? null;
  await checkLessonRefs(tx, actor, { classId: input.classId, groupId, subjectId: input.subjectId, teacherId: input.teacherId }, issues);
  if (!cls) throw new AppError("validation_failed", "The request has invalid fields", { issues: issues.list });
  await checkWeekday(tx, actor, cls.grade, input.weekday, issues);
  const validFrom = input.validFrom ?? cls.yearStartsOn;
  const validTo = input.validTo ?? cls.yearEndsOn;
  checkValidity(issues, validFrom, validTo, cls);
  issues.throwIfAny();

  await lockTimetable(tx, actor.schoolId);
  const room = input.room ?? "";
  const { weekday, lessonNumber, teacherId } = input;
  await refuseConflicts(tx, actor, {
    id: null,
    classId: cls.id,
    groupId,
    teacherId,
    room,
    shift: cls.shift,
    weekday,
    lessonNumber,
    validFrom,
    validTo,
  });
  const { id } = await tx.one<{ id: string }>(sql`
    insert into timetable_entries (school_id, academic_year_id, class_id, group_id, subject_id, teacher_id, weekday, lesson_number, room, valid_from, valid_to)
    values (${actor.schoolId}, ${cls.academicYearId}, ${cls.id}, ${groupId}, ${input.subjectId}, ${input.teacherId}, ${input.weekday},
            ${input.lessonNumber}, ${room}, ${validFrom}, ${validTo})
    returning id`);
  const after = await findEntry(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "timetable_entry",
    entityId: id,
    action: "create",
    after: entryAuditShape(after),
    requestId,
  });
  return after;
}

/** An archived entry, or one of an archived class or year, is read-only. */
async function findWritableEntry(tx: Db, actor: SchoolActor, entryId: string): Promise<{ entry: EntryRow; cls: ClassInfo }> {
  const entry = await findEntry(tx, actor, entryId);
  const cls = await findClassInfo(tx, actor, entry.classId);
  if (entry.archived) throw new AppError("conflict", "The timetable entry is archived");
  if (!cls || cls.archived || cls.yearArchived) throw new AppError("conflict", "The class or its academic year is archived");
  return { entry, cls };
}

export async function updateEntry(
  tx: Db,
  actor: SchoolActor,
  entryId: string,
  patch: UpdateTimetableEntryInput,
  requestId: string,
): Promise<EntryRow> {
  await lockTimetable(tx, actor.schoolId);
  const { entry: before, cls } = await findWritableEntry(tx, actor, entryId);
  const next = {
    groupId: patch.groupId !== undefined ? patch.groupId : before.groupId,
    subjectId: patch.subjectId ?? before.subjectId,
    teacherId: patch.teacherId ?? before.teacherId,
    weekday: patch.weekday ?? before.weekday,
    lessonNumber: patch.lessonNumber ?? before.lessonNumber,
    room: patch.room ?? before.room,
    validFrom: patch.validFrom ?? before.validFrom,
    validTo: patch.validTo ?? before.validTo,
  };
  // References are checked only where they change: a subject archived since does not block a room change.
  const refIssues = new Issues();
  await checkLessonRefs(tx, actor, { classId: cls.id, ...next }, refIssues);
  const issues = new Issues();
  issues.list.push(...refIssues.list.filter((i) => String(i.path[1]) in patch));
  if (patch.weekday !== undefined) await checkWeekday(tx, actor, cls.grade, next.weekday, issues);
  checkValidity(issues, next.validFrom, next.validTo, cls);
  issues.throwIfAny();

  await refuseConflicts(tx, actor, { id: entryId, classId: cls.id, shift: cls.shift, ...next });
  await tx.execute(sql`
    update timetable_entries set group_id = ${next.groupId}, subject_id = ${next.subjectId}, teacher_id = ${next.teacherId},
      weekday = ${next.weekday}, lesson_number = ${next.lessonNumber}, room = ${next.room}, valid_from = ${next.validFrom}, valid_to = ${next.validTo}
    where school_id = ${actor.schoolId} and id = ${entryId}`);
  const after = await findEntry(tx, actor, entryId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "timetable_entry",
    entityId: entryId,
    action: "update",
    before: entryAuditShape(before),
    after: entryAuditShape(after),
    requestId,
  });
  return after;
}

/** Archived entries stay for the history; lesson generation then drops their future lessons without data. */
export async function archiveEntry(tx: Db, actor: SchoolActor, entryId: string, requestId: string): Promise<EntryRow> {
  await lockTimetable(tx, actor.schoolId);
  const { entry } = await findWritableEntry(tx, actor, entryId);
  await tx.execute(sql`update timetable_entries set archived_at = now() where school_id = ${actor.schoolId} and id = ${entryId}`);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "timetable_entry",
    entityId: entryId,
    action: "archive",
    before: entryAuditShape(entry),
    requestId,
  });
  return findEntry(tx, actor, entryId);
}
