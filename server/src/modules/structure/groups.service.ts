import type { ClassGroupInput } from "@otmetka/core/contracts/structure.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { findClass, findGroup, type GroupRow, groupAudit } from "./classes.queries.ts";
import { conflict, isUniqueViolation, lockSchoolStructure } from "./structure.validation.ts";

const nameTaken = () => conflict("The class already has an active subgroup with this name", { field: "name", code: "name_taken" });

/** Subgroup names are unique among a class's active subgroups, whatever the case. */
async function assertNameFree(tx: Db, actor: SchoolActor, classId: string, name: string, selfId: string | null): Promise<void> {
  const taken = await tx.maybeOne(sql`
    select 1 from class_groups where school_id = ${actor.schoolId} and class_id = ${classId} and archived_at is null
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

function assertNotFrozen(group: Pick<GroupRow, "classFrozen">): void {
  if (group.classFrozen) throw conflict("The class or its year is archived; restore it first");
}

export async function createGroup(
  tx: Db,
  actor: SchoolActor,
  classId: string,
  input: ClassGroupInput,
  requestId: string,
): Promise<GroupRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const owner = await findClass(tx, actor, classId);
  assertNotFrozen({ classFrozen: owner.archived || owner.yearArchived });
  await assertNameFree(tx, actor, classId, input.name, null);
  const { id } = await uniqueOrConflict(() =>
    tx.one<{ id: string }>(
      sql`insert into class_groups (school_id, class_id, name) values (${actor.schoolId}, ${classId}, ${input.name}) returning id`,
    ),
  );
  const after = await findGroup(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "class_group",
    entityId: id,
    action: "create",
    after: groupAudit(after),
    requestId,
  });
  return after;
}

export async function renameGroup(
  tx: Db,
  actor: SchoolActor,
  groupId: string,
  input: ClassGroupInput,
  requestId: string,
): Promise<GroupRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findGroup(tx, actor, groupId);
  assertNotFrozen(before);
  if (before.archived) throw conflict("The subgroup is archived; restore it first");
  await assertNameFree(tx, actor, before.classId, input.name, groupId);
  await uniqueOrConflict(() =>
    tx.execute(sql`update class_groups set name = ${input.name} where school_id = ${actor.schoolId} and id = ${groupId}`),
  );
  const after = await findGroup(tx, actor, groupId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "class_group",
    entityId: groupId,
    action: "update",
    before: groupAudit(before),
    after: groupAudit(after),
    requestId,
  });
  return after;
}

export async function setGroupArchived(
  tx: Db,
  actor: SchoolActor,
  groupId: string,
  archived: boolean,
  requestId: string,
): Promise<GroupRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findGroup(tx, actor, groupId);
  assertNotFrozen(before);
  if (before.archived === archived) return before;
  if (!archived) await assertNameFree(tx, actor, before.classId, before.name, groupId);
  await uniqueOrConflict(() =>
    tx.execute(
      sql`update class_groups set archived_at = ${archived ? sql`now()` : null} where school_id = ${actor.schoolId} and id = ${groupId}`,
    ),
  );
  const after = await findGroup(tx, actor, groupId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "class_group",
    entityId: groupId,
    action: archived ? "archive" : "restore",
    before: groupAudit(before),
    after: groupAudit(after),
    requestId,
  });
  return after;
}
