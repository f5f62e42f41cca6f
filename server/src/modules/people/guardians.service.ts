import type { AddGuardianInput, GuardianView } from "@otmetka/core/contracts/people.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { type ChangeContext, findOrCreateAccount, grantMembership, inviteAccount, revokeMemberships } from "./invitations.service.ts";
import { invalidField, lockStudent, requireNotArchived } from "./people.queries.ts";
import { listGuardians } from "./students.queries.ts";

/**
 * Links a parent to a student, confirmed by the admin doing it. The parent is found by e-mail or
 * phone (one login for all their children, in any school) or created and invited.
 */
export async function addGuardian(
  ctx: ChangeContext,
  actor: SchoolActor,
  personId: string,
  input: AddGuardianInput,
): Promise<GuardianView> {
  const person = await lockStudent(ctx.tx, ctx.schoolId, personId);
  requireNotArchived(person);
  const { user, created } = await findOrCreateAccount(ctx, input);
  const isStudentHere = await ctx.tx.maybeOne(sql`
    select 1 from memberships where school_id = ${ctx.schoolId} and user_id = ${user.id} and role = 'student' and archived_at is null`);
  if (user.id === person.user_id || isStudentHere) {
    throw invalidField(input.email ? "email" : "phone", "account_is_student", "This e-mail or phone belongs to a student's account");
  }
  const linked = await ctx.tx.maybeOne(sql`
    select 1 from guardianships where school_id = ${ctx.schoolId} and parent_user_id = ${user.id} and person_id = ${personId} and archived_at is null`);
  if (linked)
    throw new AppError("conflict", "This parent is already linked to the student", {
      details: { reason: "already_linked", userId: user.id },
    });
  const newRole = await grantMembership(ctx, user.id, "parent");
  const now = ctx.app.now().toISOString();
  await ctx.tx.execute(sql`
    insert into guardianships (school_id, parent_user_id, person_id, relation, confirmed_by, confirmed_at)
    values (${ctx.schoolId}, ${user.id}, ${personId}, ${input.relation}, ${ctx.actorUserId}, ${now})
    on conflict (school_id, parent_user_id, person_id) do update
      set relation = excluded.relation, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at, archived_at = null`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "guardianship",
    entityId: personId,
    action: "link",
    after: { parentUserId: user.id, relation: input.relation, confirmedBy: ctx.actorUserId, accountCreated: created },
    requestId: ctx.requestId,
  });
  // A parent who already uses Otmetka here needs no message for a second child.
  if (created || newRole || !user.has_password) await inviteAccount(ctx, user, "parent");
  const [view] = await listGuardians(ctx.tx, actor, { id: personId, archived: false }, user.id);
  if (!view) throw new Error("A guardianship just written could not be read back");
  return view;
}

/** Unlinks a parent; a parent left with no child in the school loses the parent role there. */
export async function removeGuardian(ctx: ChangeContext, personId: string, parentUserId: string): Promise<void> {
  await lockStudent(ctx.tx, ctx.schoolId, personId);
  const row = await ctx.tx.maybeOne<{ relation: string }>(sql`
    update guardianships set archived_at = ${ctx.app.now().toISOString()}
    where school_id = ${ctx.schoolId} and parent_user_id = ${parentUserId} and person_id = ${personId} and archived_at is null
    returning relation`);
  if (!row) throw new AppError("not_found", "This parent is not linked to the student");
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "guardianship",
    entityId: personId,
    action: "unlink",
    before: { parentUserId, relation: row.relation },
    requestId: ctx.requestId,
  });
  const other = await ctx.tx.maybeOne(sql`
    select 1 from guardianships where school_id = ${ctx.schoolId} and parent_user_id = ${parentUserId} and archived_at is null`);
  if (!other) await revokeMemberships(ctx, parentUserId, ["parent"], ctx.app.now());
}
