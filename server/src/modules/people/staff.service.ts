import type { CreateStaffInput, StaffMember, StaffRole, UpdateStaffInput } from "@otmetka/core/contracts/staff.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { archiveAssignmentsOfTeacher } from "./assignments.service.ts";
import {
  type AccountRow,
  type ChangeContext,
  findOrCreateAccount,
  grantMembership,
  inviteAccount,
  revokeMemberships,
} from "./invitations.service.ts";
import { canSetStaffRoles } from "./people.policy.ts";
import { isUniqueViolation } from "./people.queries.ts";
import { getStaffMember } from "./staff.queries.ts";

const snapshot = (s: StaffMember) => ({
  lastName: s.lastName,
  firstName: s.firstName,
  middleName: s.middleName,
  email: s.email,
  phone: s.phone,
  roles: s.roles,
});

const mainRole = (roles: readonly StaffRole[]): StaffRole => (roles.includes("admin") ? "admin" : "teacher");

/**
 * Adds a staff member. A person who already has an account (found by e-mail or phone, in any
 * school) gets the roles on that account: one person, one login.
 */
export async function createStaff(ctx: ChangeContext, actor: SchoolActor, input: CreateStaffInput): Promise<StaffMember> {
  const { user, created } = await findOrCreateAccount(ctx, input);
  const held = await ctx.tx.maybeOne(sql`
    select 1 from memberships where school_id = ${ctx.schoolId} and user_id = ${user.id} and role in ('admin', 'teacher') and archived_at is null`);
  if (held) {
    throw new AppError("conflict", "This person is already on the staff; edit them instead", {
      details: { reason: "already_staff", userId: user.id },
    });
  }
  const roles = [...new Set(input.roles)];
  for (const role of roles) await grantMembership(ctx, user.id, role);
  const member = await getStaffMember(ctx.tx, actor, user.id);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "staff",
    entityId: user.id,
    action: "create",
    after: { ...snapshot(member), accountCreated: created },
    requestId: ctx.requestId,
  });
  await inviteAccount(ctx, user, mainRole(roles));
  return member;
}

export async function updateStaff(ctx: ChangeContext, actor: SchoolActor, userId: string, input: UpdateStaffInput): Promise<StaffMember> {
  const { tx } = ctx;
  await tx.execute(sql`select id from users where id = ${userId} for update`);
  const before = await getStaffMember(tx, actor, userId);
  if (before.archived) throw new AppError("conflict", "The staff member is archived", { details: { reason: "staff_archived" } });

  const next = {
    lastName: input.lastName ?? before.lastName,
    firstName: input.firstName ?? before.firstName,
    middleName: input.middleName ?? before.middleName,
    email: input.email === undefined ? before.email : input.email,
    phone: input.phone === undefined ? before.phone : input.phone,
  };
  const emailChanged = (next.email?.toLowerCase() ?? null) !== (before.email?.toLowerCase() ?? null);
  const phoneChanged = next.phone !== before.phone;
  const profileChanged =
    emailChanged ||
    phoneChanged ||
    next.lastName !== before.lastName ||
    next.firstName !== before.firstName ||
    next.middleName !== before.middleName;
  if (profileChanged && !before.abilities.editProfile) {
    throw new AppError("forbidden", "This account is also used in another school; only its owner can change the name and contacts", {
      details: { reason: "shared_account" },
    });
  }
  if (!next.email && !next.phone) {
    throw new AppError("validation_failed", "Give an e-mail or a phone number", {
      issues: [
        { path: ["body", input.email === null ? "email" : "phone"], code: "contact_required", message: "Give an e-mail or a phone number" },
      ],
    });
  }
  if (emailChanged && next.email) await requireFreeContact(ctx, userId, "email", next.email);
  if (phoneChanged && next.phone) await requireFreeContact(ctx, userId, "phone", next.phone);
  if (profileChanged) {
    try {
      await tx.execute(sql`
        update users set last_name = ${next.lastName}, first_name = ${next.firstName}, middle_name = ${next.middleName},
          email = ${next.email}, phone = ${next.phone}
          ${emailChanged ? sql`, email_verified_at = null` : sql``}
          ${phoneChanged ? sql`, phone_verified_at = null` : sql``}
        where id = ${userId}`);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "Another account has this e-mail or phone");
      throw error;
    }
  }

  if (input.roles) {
    const roles = [...new Set(input.roles)];
    if (!canSetStaffRoles(actor, userId, roles)) {
      throw new AppError("forbidden", "You cannot take away your own administrator role", { details: { reason: "own_admin_role" } });
    }
    for (const role of roles) await grantMembership(ctx, userId, role);
    const removed = before.roles.filter((r) => !roles.includes(r));
    await revokeMemberships(ctx, userId, removed, ctx.app.now());
    if (removed.includes("teacher")) await archiveAssignmentsOfTeacher(ctx, userId);
  }

  const after = await getStaffMember(tx, actor, userId);
  await recordEvent(tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "staff",
    entityId: userId,
    action: "update",
    before: snapshot(before),
    after: snapshot(after),
    requestId: ctx.requestId,
  });
  return after;
}

async function requireFreeContact(ctx: ChangeContext, userId: string, field: "email" | "phone", value: string): Promise<void> {
  const taken = await ctx.tx.maybeOne(
    field === "email"
      ? sql`select 1 from users where lower(email) = ${value} and id <> ${userId}`
      : sql`select 1 from users where phone = ${value} and id <> ${userId}`,
  );
  if (taken) {
    const message = field === "email" ? "Another account has this e-mail" : "Another account has this phone number";
    throw new AppError("conflict", message, { issues: [{ path: ["body", field], code: `${field}_taken`, message }] });
  }
}

/** Ends the person's staff roles in the school and their teaching assignments; the account stays. */
export async function archiveStaff(ctx: ChangeContext, actor: SchoolActor, userId: string): Promise<StaffMember> {
  const before = await getStaffMember(ctx.tx, actor, userId);
  if (before.archived) throw new AppError("conflict", "The staff member is already archived", { details: { reason: "staff_archived" } });
  if (!before.abilities.archive) throw new AppError("forbidden", "You cannot archive yourself", { details: { reason: "self" } });
  await revokeMemberships(ctx, userId, before.roles, ctx.app.now());
  const assignments = await archiveAssignmentsOfTeacher(ctx, userId);
  const after = await getStaffMember(ctx.tx, actor, userId);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "staff",
    entityId: userId,
    action: "archive",
    before: snapshot(before),
    after: { ...snapshot(after), archivedAssignments: assignments },
    requestId: ctx.requestId,
  });
  return after;
}

/** A new invitation link for a staff member who has not set a password yet. */
export async function resendStaffInvitation(ctx: ChangeContext, actor: SchoolActor, userId: string): Promise<void> {
  const member = await getStaffMember(ctx.tx, actor, userId);
  if (!member.abilities.invite) {
    throw new AppError("conflict", member.archived ? "The staff member is archived" : "The account already has a password", {
      details: { reason: member.archived ? "staff_archived" : "has_password" },
    });
  }
  const user = await ctx.tx.one<AccountRow>(sql`
    select id, email, phone, last_name, first_name, middle_name, locale, password_hash is not null as has_password from users where id = ${userId}`);
  await inviteAccount(ctx, user, mainRole(member.roles));
}
