import type { CreateClassInput, UpdateClassInput } from "@otmetka/core/contracts/structure.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { classAudit, type ClassRow, findClass, isActiveTeacher } from "./classes.queries.ts";
import { conflict, Issues, isUniqueViolation, lockSchoolStructure } from "./structure.validation.ts";

const classTaken = (grade: number, letter: string) =>
  conflict(`The year already has an active class ${grade}${letter}`, { field: "letter", code: "class_taken" });

async function checkClassTeacher(tx: Db, actor: SchoolActor, issues: Issues, classTeacherId: string | null | undefined): Promise<void> {
  if (classTeacherId && !(await isActiveTeacher(tx, actor, classTeacherId))) {
    issues.add("classTeacherId", "not_a_teacher", "The class teacher must be a teacher of this school");
  }
}

/** Grade and letter are unique among active classes of a year. */
async function assertClassFree(
  tx: Db,
  actor: SchoolActor,
  c: { academicYearId: string; grade: number; letter: string },
  selfId: string | null,
): Promise<void> {
  const taken = await tx.maybeOne(sql`
    select 1 from classes where school_id = ${actor.schoolId} and academic_year_id = ${c.academicYearId} and archived_at is null
      and grade = ${c.grade} and letter = ${c.letter} and id is distinct from ${selfId}::uuid`);
  if (taken) throw classTaken(c.grade, c.letter);
}

async function uniqueOrConflict<T>(c: { grade: number; letter: string }, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw classTaken(c.grade, c.letter);
    throw error;
  }
}

export async function createClass(tx: Db, actor: SchoolActor, input: CreateClassInput, requestId: string): Promise<ClassRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const issues = new Issues();
  const year = await tx.maybeOne<{ archived: boolean }>(sql`
    select archived_at is not null as archived from academic_years where school_id = ${actor.schoolId} and id = ${input.academicYearId}`);
  if (!year) issues.add("academicYearId", "not_found", "No such academic year in this school");
  else if (year.archived) issues.add("academicYearId", "year_archived", "The academic year is archived");
  await checkClassTeacher(tx, actor, issues, input.classTeacherId);
  issues.throwIfAny();
  await assertClassFree(tx, actor, input, null);
  const { id } = await uniqueOrConflict(input, () =>
    tx.one<{ id: string }>(sql`
      insert into classes (school_id, academic_year_id, grade, letter, shift, class_teacher_id)
      values (${actor.schoolId}, ${input.academicYearId}, ${input.grade}, ${input.letter}, ${input.shift}, ${input.classTeacherId})
      returning id`),
  );
  const after = await findClass(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "class",
    entityId: id,
    action: "create",
    after: classAudit(after),
    requestId,
  });
  return after;
}

/** A class stays in its year; grade, letter, shift and class teacher may change. */
export async function updateClass(
  tx: Db,
  actor: SchoolActor,
  classId: string,
  patch: UpdateClassInput,
  requestId: string,
): Promise<ClassRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findClass(tx, actor, classId);
  if (before.yearArchived) throw conflict("The academic year is archived; restore it first");
  if (before.archived) throw conflict("The class is archived; restore it first");
  const next = {
    academicYearId: before.academicYearId,
    grade: patch.grade ?? before.grade,
    letter: patch.letter ?? before.letter,
    shift: patch.shift ?? before.shift,
    classTeacherId: patch.classTeacherId === undefined ? before.classTeacherId : patch.classTeacherId,
  };
  const issues = new Issues();
  if (next.classTeacherId !== before.classTeacherId) await checkClassTeacher(tx, actor, issues, next.classTeacherId);
  issues.throwIfAny();
  await assertClassFree(tx, actor, next, classId);
  await uniqueOrConflict(next, () =>
    tx.execute(sql`
      update classes set grade = ${next.grade}, letter = ${next.letter}, shift = ${next.shift}, class_teacher_id = ${next.classTeacherId}
      where school_id = ${actor.schoolId} and id = ${classId}`),
  );
  const after = await findClass(tx, actor, classId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "class",
    entityId: classId,
    action: "update",
    before: classAudit(before),
    after: classAudit(after),
    requestId,
  });
  return after;
}

/** Archiving hides the class (its enrolments and journal stay); restoring needs grade and letter free again. */
export async function setClassArchived(
  tx: Db,
  actor: SchoolActor,
  classId: string,
  archived: boolean,
  requestId: string,
): Promise<ClassRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findClass(tx, actor, classId);
  if (before.yearArchived) throw conflict("The academic year is archived; restore it first");
  if (before.archived === archived) return before;
  if (!archived) await assertClassFree(tx, actor, before, classId);
  await uniqueOrConflict(before, () =>
    tx.execute(
      sql`update classes set archived_at = ${archived ? sql`now()` : null} where school_id = ${actor.schoolId} and id = ${classId}`,
    ),
  );
  const after = await findClass(tx, actor, classId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "class",
    entityId: classId,
    action: archived ? "archive" : "restore",
    before: classAudit(before),
    after: classAudit(after),
    requestId,
  });
  return after;
}
