import { randomInt } from "node:crypto";
import { AppError } from "@otmetka/core/errors.ts";
import { digestsEqual } from "../../platform/auth/secret-box.ts";
import { hashToken, newToken } from "../../platform/auth/session.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

/**
 * One-time codes (table one_time_codes): six-digit codes sent by e-mail or SMS, and long tokens
 * in e-mailed links. Only hashes are stored: a keyed HMAC for the short codes (a plain hash of
 * six digits is reversed by trying all million), sha-256 hex for 256-bit tokens (the format staff
 * invitations use as well). A user has one live code per purpose: a new one supersedes the older
 * (its expiry is moved to now, so it stays in the partial index and counts against the daily cap).
 */
export type CodePurpose = "confirm_email" | "confirm_phone" | "reset_password" | "mfa";
export type Channel = "email" | "sms";

/** Lifetime of confirmation and reset codes. */
export const CODE_TTL_MS = 30 * 60_000;
/** Lifetime of a second-factor code: a pending sign-in lasts ten minutes. */
export const MFA_CODE_TTL_MS = 10 * 60_000;
/** Wrong guesses allowed per code; after them the code is dead and a new one must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;
/** A new code for the same purpose is sent at most this often. */
export const RESEND_COOLDOWN_SECONDS = 60;
/** And at most this many a day, so guessing across resends stays hopeless. */
const MAX_CODES_PER_DAY = 10;

export type CodeProblem = "invalid_code" | "code_expired" | "too_many_attempts";
export type CodeCheck = { ok: true; codeId: string; channel: Channel; purpose: CodePurpose } | { ok: false; problem: CodeProblem };

interface CodeRow {
  id: string;
  purpose: CodePurpose;
  channel: Channel;
  code_hash: string;
  attempts: number;
  expires_at: Date;
}

export function newNumericCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

function numericCodeHash(app: AppContext, userId: string, purpose: CodePurpose, code: string): string {
  return app.secrets.digest(`one-time-code:${purpose}`, `${userId}:${code}`);
}

/**
 * Seconds until another code for `purpose` may be sent to the user; 0 when it may be sent now.
 * Counts live and superseded codes of the last day (consumed ones are done with).
 */
export async function secondsUntilNextCode(db: Db, userId: string, purpose: CodePurpose, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const row = await db.one<{ last: Date | null; today: number; oldest_today: Date | null }>(sql`
    select max(created_at) as last, count(*)::int as today, min(created_at) as oldest_today
    from one_time_codes
    where user_id = ${userId} and purpose = ${purpose} and used_at is null and created_at > ${dayAgo}`);
  if (row.today >= MAX_CODES_PER_DAY && row.oldest_today) {
    return Math.ceil((new Date(row.oldest_today).getTime() + 86_400_000 - now.getTime()) / 1000);
  }
  if (!row.last) return 0;
  const wait = new Date(row.last).getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

async function supersede(tx: Db, userId: string, purpose: CodePurpose, now: Date): Promise<void> {
  await tx.execute(sql`
    update one_time_codes set expires_at = ${now.toISOString()}
    where user_id = ${userId} and purpose = ${purpose} and used_at is null and expires_at > ${now.toISOString()}`);
}

interface NewCode {
  userId: string;
  purpose: CodePurpose;
  channel: Channel;
  /** The e-mail or phone it is sent to. */
  destination: string;
  ttlMs: number;
  now: Date;
}

/** Stores a new six-digit code (superseding the user's live one for the purpose) and returns it. */
export async function issueNumericCode(tx: Db, app: AppContext, c: NewCode): Promise<string> {
  await supersede(tx, c.userId, c.purpose, c.now);
  const code = newNumericCode();
  await tx.execute(sql`
    insert into one_time_codes (user_id, purpose, channel, destination, code_hash, expires_at, created_at)
    values (${c.userId}, ${c.purpose}, ${c.channel}, ${c.destination}, ${numericCodeHash(app, c.userId, c.purpose, code)},
            ${new Date(c.now.getTime() + c.ttlMs).toISOString()}, ${c.now.toISOString()})`);
  return code;
}

/** Stores a new 256-bit link token for a password reset and returns it (raw, for the link). */
export async function issueResetToken(tx: Db, c: Omit<NewCode, "purpose" | "channel">): Promise<string> {
  await supersede(tx, c.userId, "reset_password", c.now);
  const token = newToken();
  await tx.execute(sql`
    insert into one_time_codes (user_id, purpose, channel, destination, code_hash, expires_at, created_at)
    values (${c.userId}, 'reset_password', 'email', ${c.destination}, ${hashToken(token)},
            ${new Date(c.now.getTime() + c.ttlMs).toISOString()}, ${c.now.toISOString()})`);
  return token;
}

/**
 * Checks a six-digit code against the user's newest live code of the purposes. A wrong guess is
 * counted at once on `app.db` (outside any request transaction), so it sticks even though the
 * request fails; call this from routes declared with `transaction: false`.
 */
export async function checkNumericCode(
  app: AppContext,
  q: { userId: string; purposes: CodePurpose[]; channel?: Channel; code: string; now: Date },
): Promise<CodeCheck> {
  const row = await app.db.maybeOne<CodeRow>(sql`
    select id, purpose, channel, code_hash, attempts, expires_at from one_time_codes
    where user_id = ${q.userId} and purpose = any(${q.purposes}::text[]) and used_at is null
      ${q.channel ? sql`and channel = ${q.channel}` : sql``}
    order by created_at desc limit 1`);
  if (!row) return { ok: false, problem: "invalid_code" };
  if (new Date(row.expires_at) <= q.now) return { ok: false, problem: "code_expired" };
  if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, problem: "too_many_attempts" };
  if (!digestsEqual(numericCodeHash(app, q.userId, row.purpose, q.code), row.code_hash)) {
    await app.db.execute(sql`update one_time_codes set attempts = attempts + 1 where id = ${row.id}`);
    return { ok: false, problem: "invalid_code" };
  }
  return { ok: true, codeId: row.id, channel: row.channel, purpose: row.purpose };
}

export interface TokenMatch {
  codeId: string;
  userId: string;
  channel: Channel;
}

/**
 * Finds the live reset token (password reset link or staff invitation) with this raw value.
 * Tokens carry 256 bits, so there is no attempt counter: guessing one is hopeless.
 */
export async function findResetToken(
  db: Db,
  token: string,
  now: Date,
): Promise<TokenMatch | { problem: "invalid_token" | "token_expired" }> {
  const row = await db.maybeOne<{ id: string; user_id: string; channel: Channel; expires_at: Date }>(sql`
    select id, user_id, channel, expires_at from one_time_codes
    where code_hash = ${hashToken(token)} and purpose = 'reset_password' and used_at is null and user_id is not null`);
  if (!row) return { problem: "invalid_token" };
  if (new Date(row.expires_at) <= now) return { problem: "token_expired" };
  return { codeId: row.id, userId: row.user_id, channel: row.channel };
}

/** Marks a code used; false when another request used it first. */
export async function consumeCode(tx: Db, codeId: string, now: Date): Promise<boolean> {
  const used = await tx.execute(sql`update one_time_codes set used_at = ${now.toISOString()} where id = ${codeId} and used_at is null`);
  return used === 1;
}

const PROBLEM_MESSAGES: Record<CodeProblem | "invalid_token" | "token_expired", string> = {
  invalid_code: "The code is wrong or no longer valid",
  code_expired: "The code has expired; ask for a new one",
  too_many_attempts: "Too many wrong codes; ask for a new one",
  invalid_token: "The link is wrong or has already been used",
  token_expired: "The link has expired; ask for a new one",
};

/** A 400 naming the code field and what is wrong with it. */
export function codeError(problem: CodeProblem | "invalid_token" | "token_expired", field = "code"): AppError {
  const message = PROBLEM_MESSAGES[problem];
  return new AppError("validation_failed", message, { issues: [{ path: ["body", field], code: problem, message }] });
}
