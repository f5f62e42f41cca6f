import type { CreateSubjectInput, UpdateSubjectInput } from "@otmetka/core/contracts/structure.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { findSubject, type SubjectRow } from "./subjects.queries.ts";
import { conflict, isUniqueViolation, lockSchoolStructure } from "./structure.validation.ts";

const nameTaken = () => conflict("An active subject already has this name", { field: "name", code: "name_taken" });

/** Names are unique among active subjects whatever the case («Алгебра» = «алгебра»). */
async function assertNameFree(tx: Db, actor: SchoolActor, name: string, selfId: string | null): Promise<void> {
  const taken = await tx.maybeOne(sql`
    select 1 from subjects where school_id = ${actor.schoolId} and archived_at is null
      and lower(name) = lower(${name}) and id is distinct from ${selfId}::uuid`);
  if (taken) throw nameTaken();
}

async function uniqueOrConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function createSubject(tx: Db, actor: SchoolActor, input: CreateSubjectInput, requestId: string): Promise<SubjectRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  await assertNameFree(tx, actor, input.name, null);
  const { id } = await uniqueOrConflict(() =>
    tx.one<{ id: string }>(sql`
      insert into subjects (school_id, name, short_name) values (${actor.schoolId}, ${input.name}, ${input.shortName}) returning id`),
  );
  const after = await findSubject(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "subject",
    entityId: id,
    action: "create",
    after,
    requestId,
  });
  return after;
}

export async function updateSubject(
  tx: Db,
  actor: SchoolActor,
  subjectId: string,
  patch: UpdateSubjectInput,
  requestId: string,
): Promise<SubjectRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findSubject(tx, actor, subjectId);
  if (before.archived) throw conflict("The subject is archived; restore it first");
  const next = { name: patch.name ?? before.name, shortName: patch.shortName ?? before.shortName };
  await assertNameFree(tx, actor, next.name, subjectId);
  await uniqueOrConflict(() =>
    tx.execute(
      sql`update subjects set name = ${next.name}, short_name = ${next.shortName} where school_id = ${actor.schoolId} and id = ${subjectId}`,
    ),
  );
  const after = await findSubject(tx, actor, subjectId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "subject",
    entityId: subjectId,
    action: "update",
    before,
    after,
    requestId,
  });
  return after;
}

/** Archived subjects keep their grades and lessons; restoring needs the name to be free again. */
export async function setSubjectArchived(
  tx: Db,
  actor: SchoolActor,
  subjectId: string,
  archived: boolean,
  requestId: string,
): Promise<SubjectRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findSubject(tx, actor, subjectId);
  if (before.archived === archived) return before;
  if (!archived) await assertNameFree(tx, actor, before.name, subjectId);
  await uniqueOrConflict(() =>
    tx.execute(
      sql`update subjects set archived_at = ${archived ? sql`now()` : null} where school_id = ${actor.schoolId} and id = ${subjectId}`,
    ),
  );
  const after = await findSubject(tx, actor, subjectId);
  const action = archived ? "archive" : "restore";
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "subject",
    entityId: subjectId,
    action,
    before,
    after,
    requestId,
  });
  return after;
}
