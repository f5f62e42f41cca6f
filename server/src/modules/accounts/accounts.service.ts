import type { LoginInput } from "@otmetka/core/contracts/auth.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { normalizePhone } from "@otmetka/core/rules/identifiers.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { verifyPassword } from "../../platform/auth/password.ts";
import { createSession } from "../../platform/auth/session.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { lockoutSeconds } from "./accounts.policy.ts";
import { defaultSchoolOf, getSchoolSettings, type UserRow, unsafeFindUserByLogin } from "./accounts.queries.ts";

export interface ClientInfo {
  ip: string;
  userAgent: string;
  requestId: string;
}

/** Reads "e-mail or phone" as the user typed it. */
export function parseLogin(raw: string): { email?: string; phone?: string } {
  const login = raw.trim();
  if (login.includes("@")) return { email: login.toLowerCase() };
  const phone = normalizePhone(login);
  return phone ? { phone } : {};
}

const WRONG_CREDENTIALS = "Wrong login or password";

/**
 * Checks the password and opens a session (or a pending one when a second factor is due).
 * Failed attempts are counted outside any request transaction so a rejected sign-in still
 * moves the account towards lockout.
 */
export type MfaMethod = "totp" | "email" | "sms" | "recovery";

export async function login(
  app: AppContext,
  input: LoginInput,
  client: ClientInfo,
): Promise<{ token: string; mfaMethods: MfaMethod[] | null }> {
  const now = app.now();
  const user = await unsafeFindUserByLogin(app.db, parseLogin(input.login));
  if (user?.locked_until && new Date(user.locked_until) > now) {
    throw lockedError(user.locked_until, now);
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.status === "disabled") {
    if (user) await recordFailedLogin(app, user, client, now);
    throw new AppError("unauthenticated", WRONG_CREDENTIALS, { details: { reason: "wrong_credentials" } });
  }
  if (user.status === "pending") {
    throw new AppError("forbidden", "Confirm your e-mail or phone first", { details: { reason: "unconfirmed", userId: user.id } });
  }
  return app.db.transaction(async (tx) => {
    await tx.execute(sql`update users set failed_logins = 0, locked_until = null where id = ${user.id}`);
    const schoolId = await defaultSchoolOf(tx, user.id);
    const settings = await getSchoolSettings(tx, schoolId);
    const mfaDue = user.mfa_enabled;
    const token = await createSession(tx, {
      userId: user.id,
      schoolId,
      ip: client.ip,
      userAgent: client.userAgent,
      mfaPending: mfaDue,
      ttlHours: app.config.sessionTtlHours,
      maxSessions: settings.maxSessions,
      now,
    });
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: mfaDue ? "login.password_ok" : "login",
      after: { ip: client.ip },
      requestId: client.requestId,
    });
    return { token, mfaMethods: mfaDue ? await mfaMethodsOf(tx, user) : null };
  });
}

async function mfaMethodsOf(tx: Db, user: UserRow): Promise<MfaMethod[]> {
  const row = await tx.one<{ totp: boolean; recovery: boolean }>(sql`
    select totp_secret is not null as totp,
           exists (select 1 from recovery_codes where user_id = ${user.id} and used_at is null) as recovery
    from users where id = ${user.id}`);
  return [
    ...(row.totp ? (["totp"] as const) : []),
    ...(user.email ? (["email"] as const) : []),
    ...(user.phone ? (["sms"] as const) : []),
    ...(row.recovery ? (["recovery"] as const) : []),
  ];
}

export async function recordFailedLogin(app: AppContext, user: UserRow, client: ClientInfo, now: Date): Promise<void> {
  const failed = user.failed_logins + 1;
  const lockFor = lockoutSeconds(failed);
  const lockedUntil = lockFor > 0 ? new Date(now.getTime() + lockFor * 1000) : null;
  await app.db.transaction(async (tx) => {
    await tx.execute(
      sql`update users set failed_logins = ${failed}, locked_until = ${lockedUntil?.toISOString() ?? null} where id = ${user.id}`,
    );
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: null,
      entity: "user",
      entityId: user.id,
      action: lockedUntil ? "login.locked" : "login.failed",
      after: { ip: client.ip, failedLogins: failed, lockedUntil: lockedUntil?.toISOString() ?? null },
      requestId: client.requestId,
    });
  });
  if (lockedUntil) throw lockedError(lockedUntil, now);
}

export function lockedError(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
  return new AppError("locked", "Too many failed attempts; the account is locked for a while", { details: { retryAfterSeconds } });
}

export async function logout(tx: Db, sessionIdHash: string, userId: string, requestId: string, now: Date): Promise<void> {
  await tx.execute(sql`update sessions set revoked_at = ${now.toISOString()} where id_hash = ${sessionIdHash} and revoked_at is null`);
  await recordEvent(tx, { schoolId: null, actorUserId: userId, entity: "user", entityId: userId, action: "logout", requestId });
}
