import { AppError } from "@otmetka/core/errors.ts";
import type { Role } from "@otmetka/core/contracts/common.ts";
import { isMobilePhone } from "@otmetka/core/rules/identifiers.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { hashToken, newToken } from "../../platform/auth/session.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { invalidField, isUniqueViolation } from "./people.queries.ts";

/** An invitation link works for a week (a password reset requested by the user: 30 minutes). */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export interface AccountRow {
  id: string;
  email: string | null;
  phone: string | null;
  last_name: string;
  first_name: string;
  middle_name: string;
  locale: "ru" | "en";
  has_password: boolean;
}

/** Who is making the change, for the audit rows written here. */
export interface ChangeContext {
  tx: Db;
  app: AppContext;
  schoolId: string;
  actorUserId: string;
  requestId: string;
  afterCommit(fn: () => Promise<void> | void): void;
}

/** The change context of a mutation handler. */
export function changeContext(h: {
  db: Db;
  app: AppContext;
  actor: { schoolId: string; userId: string };
  request: { id: unknown };
  afterCommit(fn: () => Promise<void> | void): void;
}): ChangeContext {
  return {
    tx: h.db,
    app: h.app,
    schoolId: h.actor.schoolId,
    actorUserId: h.actor.userId,
    requestId: String(h.request.id),
    afterCommit: h.afterCommit,
  };
}

export interface NewAccount {
  lastName: string;
  firstName: string;
  middleName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

const ACCOUNT_COLUMNS = sql`id, email, phone, last_name, first_name, middle_name, locale, password_hash is not null as has_password`;

/**
 * The account with this e-mail or phone, or a new one (active, no password yet). Logins are
 * global, so a person who already has an account — in this school or another — keeps that one.
 */
export async function findOrCreateAccount(ctx: ChangeContext, input: NewAccount): Promise<{ user: AccountRow; created: boolean }> {
  const { tx } = ctx;
  if (!input.email && !input.phone) throw invalidField("email", "contact_required", "Give an e-mail or a phone number");
  const byEmail = input.email
    ? await tx.maybeOne<AccountRow>(sql`select ${ACCOUNT_COLUMNS} from users where lower(email) = ${input.email}`)
    : null;
  const byPhone = input.phone
    ? await tx.maybeOne<AccountRow>(sql`select ${ACCOUNT_COLUMNS} from users where phone = ${input.phone}`)
    : null;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) {
    throw invalidField("phone", "contacts_of_two_accounts", "The e-mail and the phone belong to two different accounts");
  }
  const existing = byEmail ?? byPhone;
  if (existing) return { user: existing, created: false };
  let user: AccountRow;
  try {
    user = await tx.one<AccountRow>(sql`
      insert into users (email, phone, last_name, first_name, middle_name, status)
      values (${input.email ?? null}, ${input.phone ?? null}, ${input.lastName}, ${input.firstName}, ${input.middleName ?? ""}, 'active')
      returning ${ACCOUNT_COLUMNS}`);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "An account with this e-mail or phone was just created; try again");
    throw error;
  }
  await recordEvent(tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "user",
    entityId: user.id,
    action: "create",
    after: { lastName: user.last_name, firstName: user.first_name, middleName: user.middle_name, email: user.email, phone: user.phone },
    requestId: ctx.requestId,
  });
  return { user, created: true };
}

/** Gives the role in the school (again, if it was archived). Returns false when it was already held. */
export async function grantMembership(ctx: ChangeContext, userId: string, role: Role): Promise<boolean> {
  const changed = await ctx.tx.execute(sql`
    insert into memberships (school_id, user_id, role) values (${ctx.schoolId}, ${userId}, ${role})
    on conflict (school_id, user_id, role) do update set archived_at = null, created_at = now()
    where memberships.archived_at is not null`);
  if (changed === 0) return false;
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "membership",
    entityId: userId,
    action: "grant",
    after: { role },
    requestId: ctx.requestId,
  });
  return true;
}

/** Ends roles in the school; returns those that were active. */
export async function revokeMemberships(ctx: ChangeContext, userId: string, roles: readonly Role[], now: Date): Promise<Role[]> {
  if (roles.length === 0) return [];
  const ended = await ctx.tx.many<{ role: Role }>(sql`
    update memberships set archived_at = ${now.toISOString()}
    where school_id = ${ctx.schoolId} and user_id = ${userId} and role = any(${roles}::text[]) and archived_at is null
    returning role`);
  for (const { role } of ended) {
    await recordEvent(ctx.tx, {
      schoolId: ctx.schoolId,
      actorUserId: ctx.actorUserId,
      entity: "membership",
      entityId: userId,
      action: "revoke",
      before: { role },
      requestId: ctx.requestId,
    });
  }
  return ended.map((r) => r.role);
}

const ROLE_NAMES = {
  ru: { admin: "администратор", teacher: "учитель", parent: "родитель", student: "ученик" },
  en: { admin: "administrator", teacher: "teacher", parent: "parent", student: "student" },
} as const;

/**
 * Tells the person they were given a role. An account without a password gets a one-time link
 * to set one: a `reset_password` code (only its sha-256 is stored) valid for a week, consumed by
 * `POST /api/v1/auth/password-reset/confirm`. The message leaves only after the commit.
 */
export async function inviteAccount(ctx: ChangeContext, user: AccountRow, role: Role): Promise<void> {
  const school = await ctx.tx.one<{ short_name: string }>(sql`select short_name from schools where id = ${ctx.schoolId}`);
  // SMS reaches mobile numbers only; an account with a landline alone is told by the school in person.
  const channel = user.email ? ("email" as const) : user.phone && isMobilePhone(user.phone) ? ("sms" as const) : null;
  if (!channel) return;
  const destination = (channel === "email" ? user.email : user.phone) as string;
  const roleName = ROLE_NAMES[user.locale][role];
  const en = user.locale === "en";
  if (user.has_password) {
    if (channel !== "email") return;
    ctx.afterCommit(() =>
      ctx.app.mailer.send({
        to: destination,
        subject: en ? `Otmetka: you were added to ${school.short_name}` : `«Отметка»: вас добавили в ${school.short_name}`,
        text: en
          ? `Hello, ${user.first_name}!\n\n${school.short_name} added you to Otmetka as ${roleName}. Sign in with your usual login: ${ctx.app.config.publicUrl}/login\n`
          : `Здравствуйте, ${`${user.first_name} ${user.middle_name}`.trim()}!\n\n${school.short_name} добавила вас в «Отметку» (роль: ${roleName}). Войдите с вашим обычным логином: ${ctx.app.config.publicUrl}/login\n`,
      }),
    );
    return;
  }
  const token = newToken();
  const now = ctx.app.now();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await ctx.tx.execute(sql`
    insert into one_time_codes (user_id, purpose, channel, destination, code_hash, expires_at, created_at)
    values (${user.id}, 'reset_password', ${channel}, ${destination}, ${hashToken(token)}, ${expiresAt.toISOString()}, ${now.toISOString()})`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "user",
    entityId: user.id,
    action: "invite",
    after: { role, channel, destination, expiresAt: expiresAt.toISOString() },
    requestId: ctx.requestId,
  });
  const link = `${ctx.app.config.publicUrl}/reset?token=${token}`;
  if (channel === "sms") {
    ctx.afterCommit(() => ctx.app.sms.send(destination, en ? `Otmetka: set your password ${link}` : `«Отметка»: задайте пароль ${link}`));
    return;
  }
  ctx.afterCommit(() =>
    ctx.app.mailer.send({
      to: destination,
      subject: en ? `Invitation to Otmetka — ${school.short_name}` : `Приглашение в «Отметку» — ${school.short_name}`,
      text: en
        ? `Hello, ${user.first_name}!\n\n${school.short_name} invites you to Otmetka, the electronic school journal, as ${roleName}.\nSet your password here (the link works for 7 days): ${link}\nYour login: ${destination}\n`
        : `Здравствуйте, ${`${user.first_name} ${user.middle_name}`.trim()}!\n\n${school.short_name} приглашает вас в электронный журнал «Отметка» (роль: ${roleName}).\nЗадайте пароль по ссылке (она действует 7 дней): ${link}\nВаш логин: ${destination}\n`,
    }),
  );
}
