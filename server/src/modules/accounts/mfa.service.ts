import { randomInt } from "node:crypto";
import type { CodeSent } from "@otmetka/core/contracts/identity.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { generateSecret, generateURI, verify } from "otplib";
import { recordEvent } from "../../platform/audit/events.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { completePendingSession } from "../../platform/auth/session.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings, type UserRow } from "./accounts.queries.ts";
import { type ClientInfo, type MfaMethod, lockedError, recordFailedLogin } from "./accounts.service.ts";
import { maskEmail, maskPhone, mfaCodeMail, mfaCodeSms } from "./identity.messages.ts";
import {
  type CodeProblem,
  checkNumericCode,
  codeError,
  consumeCode,
  issueNumericCode,
  MFA_CODE_TTL_MS,
  RESEND_COOLDOWN_SECONDS,
  secondsUntilNextCode,
} from "./one-time-codes.service.ts";
import type { AfterCommit } from "./registration.service.ts";
import { verifyCurrentPassword } from "./reset.service.ts";

/**
 * The second factor: an authenticator app (TOTP, RFC 6238, ±1 step of 30 s), ten single-use
 * recovery codes, or a six-digit code by e-mail or SMS. The TOTP secret is stored encrypted
 * (platform/auth/secret-box.ts) together with the last time step used, so a code seen once
 * cannot be replayed. Wrong codes at sign-in count towards the same lockout as wrong passwords.
 */

const ISSUER = "Отметка";
const PERIOD_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: recovery codes are read off paper. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

interface TotpState {
  secret: string;
  /** The RFC 6238 time step of the last accepted code; codes of this step or earlier are refused. */
  lastStep: number | null;
}

type UserWithSecret = UserRow & { totp_secret: string | null };

function openTotp(app: AppContext, user: UserWithSecret): TotpState | null {
  if (!user.totp_secret) return null;
  return JSON.parse(app.secrets.open(user.totp_secret, `totp:${user.id}`)) as TotpState;
}

function sealTotp(app: AppContext, userId: string, state: TotpState): string {
  return app.secrets.seal(JSON.stringify(state), `totp:${userId}`);
}

/** The time step the code belongs to, or null when it is wrong, out of the window or already used. */
async function verifyTotp(state: TotpState, code: string, now: Date): Promise<number | null> {
  try {
    const result = await verify({
      secret: state.secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: PERIOD_SECONDS,
      ...(state.lastStep !== null ? { afterTimeStep: state.lastStep } : {}),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    // Malformed codes and a last step ahead of the clock land here: not a valid code.
    return null;
  }
}

function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function recoveryCodeHash(app: AppContext, userId: string, code: string): string {
  return app.secrets.digest("recovery-code", `${userId}:${normalizeRecoveryCode(code)}`);
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

async function userOf(db: Db, userId: string): Promise<UserWithSecret> {
  return db.one<UserWithSecret>(sql`select * from users where id = ${userId}`);
}

/** A new secret for an authenticator app; replaces any unfinished setup, refused while 2FA is on. */
export async function setupTotp(tx: Db, app: AppContext, actor: Actor, requestId: string): Promise<{ secret: string; otpauthUri: string }> {
  const user = await userOf(tx, actor.userId);
  if (user.mfa_enabled) throw new AppError("conflict", "Two-factor sign-in is already on; turn it off first to change the app");
  const secret = generateSecret();
  await tx.execute(sql`update users set totp_secret = ${sealTotp(app, user.id, { secret, lastStep: null })} where id = ${user.id}`);
  await recordEvent(tx, { schoolId: null, actorUserId: user.id, entity: "user", entityId: user.id, action: "mfa.totp_setup", requestId });
  const label = user.email ?? user.phone ?? actor.displayName;
  return { secret, otpauthUri: generateURI({ issuer: ISSUER, label, secret }) };
}

/** Turns 2FA on once the app shows a right code; returns fresh recovery codes (only now, never again). */
export async function enableTotp(
  tx: Db,
  app: AppContext,
  actor: Actor,
  code: string,
  requestId: string,
): Promise<{ recoveryCodes: string[] }> {
  const now = app.now();
  const user = await userOf(tx, actor.userId);
  if (user.mfa_enabled) throw new AppError("conflict", "Two-factor sign-in is already on");
  const state = openTotp(app, user);
  if (!state) throw new AppError("bad_request", "Start the authenticator setup first");
  const step = await verifyTotp(state, code, now);
  if (step === null) throw codeError("invalid_code");
  await tx.execute(sql`
    update users set mfa_enabled = true, totp_secret = ${sealTotp(app, user.id, { ...state, lastStep: step })} where id = ${user.id}`);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.execute(sql`delete from recovery_codes where user_id = ${user.id}`);
  for (const c of recoveryCodes) {
    await tx.execute(sql`insert into recovery_codes (user_id, code_hash) values (${user.id}, ${recoveryCodeHash(app, user.id, c)})`);
  }
  await recordEvent(tx, {
    schoolId: null,
    actorUserId: user.id,
    entity: "user",
    entityId: user.id,
    action: "mfa.enable",
    after: { method: "totp" },
    requestId,
  });
  return { recoveryCodes };
}

/** Turns 2FA off after checking the password (a wrong one counts towards the lockout). */
export async function disableMfa(app: AppContext, actor: Actor, password: string, client: ClientInfo): Promise<void> {
  const user = await verifyCurrentPassword(app, actor.userId, password, "password", client);
  await app.db.transaction(async (tx) => {
    await tx.execute(sql`update users set mfa_enabled = false, totp_secret = null where id = ${user.id}`);
    await tx.execute(sql`delete from recovery_codes where user_id = ${user.id}`);
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: "mfa.disable",
      after: { ip: client.ip },
      requestId: client.requestId,
    });
  });
}

/** Sends a sign-in code to the e-mail or phone of a user half-way through signing in. */
export async function sendMfaCode(
  tx: Db,
  app: AppContext,
  actor: Actor,
  method: "email" | "sms",
  afterCommit: AfterCommit,
): Promise<CodeSent> {
  if (actor.incomplete !== "mfa_pending") throw new AppError("bad_request", "This session has no second factor to complete");
  const now = app.now();
  const user = await userOf(tx, actor.userId);
  const to = method === "email" ? user.email : user.phone;
  if (!to) {
    throw new AppError("validation_failed", `The account has no ${method === "email" ? "e-mail" : "phone"}`, {
      issues: [{ path: ["body", "method"], code: "method_unavailable", message: "Choose another way to get the code" }],
    });
  }
  const wait = await secondsUntilNextCode(tx, user.id, "mfa", now);
  if (wait > 0)
    throw new AppError("rate_limited", "A code was sent a moment ago; wait before asking again", { details: { retryAfterSeconds: wait } });
  const code = await issueNumericCode(tx, app, {
    userId: user.id,
    purpose: "mfa",
    channel: method,
    destination: to,
    ttlMs: MFA_CODE_TTL_MS,
    now,
  });
  const minutes = MFA_CODE_TTL_MS / 60_000;
  afterCommit(() =>
    method === "email"
      ? app.mailer.send({ to, ...mfaCodeMail(user.locale, code, minutes) })
      : app.sms.send(to, mfaCodeSms(user.locale, code)),
  );
  return {
    channel: method,
    destination: method === "email" ? maskEmail(to) : maskPhone(to),
    codeTtlSeconds: MFA_CODE_TTL_MS / 1000,
    resendAfterSeconds: RESEND_COOLDOWN_SECONDS,
  };
}

type Proof = { ok: true; consume: (tx: Db) => Promise<boolean> } | { ok: false; problem: CodeProblem };

async function proveSecondFactor(app: AppContext, user: UserWithSecret, method: MfaMethod, code: string, now: Date): Promise<Proof> {
  if (method === "totp") {
    const state = openTotp(app, user);
    const step = state ? await verifyTotp(state, code, now) : null;
    if (!state || step === null || !user.totp_secret) return { ok: false, problem: "invalid_code" };
    const before = user.totp_secret;
    const after = sealTotp(app, user.id, { ...state, lastStep: step });
    // Compare-and-set: of two requests with the same code, only one moves the last step.
    return {
      ok: true,
      consume: async (tx) =>
        (await tx.execute(sql`update users set totp_secret = ${after} where id = ${user.id} and totp_secret = ${before}`)) === 1,
    };
  }
  if (method === "recovery") {
    const hash = recoveryCodeHash(app, user.id, code);
    const row = await app.db.maybeOne<{ code_hash: string }>(
      sql`select code_hash from recovery_codes where user_id = ${user.id} and code_hash = ${hash} and used_at is null`,
    );
    if (!row) return { ok: false, problem: "invalid_code" };
    return {
      ok: true,
      consume: async (tx) =>
        (await tx.execute(
          sql`update recovery_codes set used_at = ${now.toISOString()} where user_id = ${user.id} and code_hash = ${hash} and used_at is null`,
        )) === 1,
    };
  }
  const check = await checkNumericCode(app, { userId: user.id, purposes: ["mfa"], channel: method, code: code.trim(), now });
  if (!check.ok) return check;
  return { ok: true, consume: (tx) => consumeCode(tx, check.codeId, now) };
}

/**
 * Finishes a sign-in with the second factor: the pending session becomes a full one under a new
 * token, which is returned. A wrong code counts as a failed sign-in.
 */
export async function completeMfa(
  app: AppContext,
  actor: Actor,
  input: { method: MfaMethod; code: string },
  client: ClientInfo,
): Promise<string> {
  if (actor.incomplete !== "mfa_pending") throw new AppError("bad_request", "This session has no second factor to complete");
  const now = app.now();
  const user = await userOf(app.db, actor.userId);
  if (user.locked_until && new Date(user.locked_until) > now) throw lockedError(user.locked_until, now);
  const proof = await proveSecondFactor(app, user, input.method, input.code, now);
  if (!proof.ok) {
    await recordFailedLogin(app, user, client, now);
    throw codeError(proof.problem);
  }
  const settings = await getSchoolSettings(app.db, actor.schoolId);
  return app.db.transaction(async (tx) => {
    if (!(await proof.consume(tx))) throw codeError("invalid_code");
    await tx.execute(sql`update users set failed_logins = 0, locked_until = null where id = ${user.id}`);
    const token = await completePendingSession(tx, actor.sessionIdHash, {
      ttlHours: app.config.sessionTtlHours,
      maxSessions: settings.maxSessions,
      now,
    });
    if (!token) throw new AppError("unauthenticated", "The sign-in took too long; sign in again", { details: { reason: "mfa_expired" } });
    await recordEvent(tx, {
      schoolId: null,
      actorUserId: user.id,
      entity: "user",
      entityId: user.id,
      action: "login",
      after: { ip: client.ip, secondFactor: input.method },
      requestId: client.requestId,
    });
    return token;
  });
}
