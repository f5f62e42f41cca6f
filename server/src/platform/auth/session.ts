import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@otmetka/core/contracts/common.ts";
import type { Db } from "../db/db.ts";
import { sql } from "../db/sql.ts";
import type { Actor } from "./actor.ts";

export const SESSION_COOKIE = "otm_session";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random 256-bit token; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface NewSession {
  userId: string;
  schoolId: string | null;
  ip: string;
  userAgent: string;
  mfaPending: boolean;
  ttlHours: number;
  /** Concurrent sessions allowed; the oldest beyond it are ended. */
  maxSessions: number;
  now: Date;
}

export async function createSession(tx: Db, s: NewSession): Promise<string> {
  const token = newToken();
  const expiresAt = new Date(s.now.getTime() + (s.mfaPending ? 10 / 60 : s.ttlHours) * 3600_000);
  await tx.execute(sql`
    insert into sessions (id_hash, user_id, school_id, ip, user_agent, mfa_pending, created_at, last_seen_at, expires_at)
    values (${hashToken(token)}, ${s.userId}, ${s.schoolId}, ${s.ip}, ${s.userAgent.slice(0, 300)}, ${s.mfaPending},
            ${s.now.toISOString()}, ${s.now.toISOString()}, ${expiresAt.toISOString()})`);
  if (!s.mfaPending) await endSessionsBeyondLimit(tx, s.userId, s.maxSessions, s.now);
  return token;
}

async function endSessionsBeyondLimit(tx: Db, userId: string, max: number, now: Date): Promise<void> {
  await tx.execute(sql`
    update sessions set revoked_at = ${now.toISOString()}
    where id_hash in (
      select id_hash from sessions
      where user_id = ${userId} and revoked_at is null and not mfa_pending and expires_at > ${now.toISOString()}
      order by created_at desc, id_hash offset ${max})`);
}

/**
 * Turns a pending session (password checked, second factor due) into a full one after the second
 * factor: a new token (the pending one stops working), a full lifetime, and the session limit.
 * Returns the new token, or null when the session is no longer pending.
 */
export async function completePendingSession(
  tx: Db,
  idHash: string,
  s: { ttlHours: number; maxSessions: number; now: Date },
): Promise<string | null> {
  const token = newToken();
  const expiresAt = new Date(s.now.getTime() + s.ttlHours * 3600_000);
  const row = await tx.maybeOne<{ user_id: string }>(sql`
    update sessions set id_hash = ${hashToken(token)}, mfa_pending = false, expires_at = ${expiresAt.toISOString()},
                        last_seen_at = ${s.now.toISOString()}
    where id_hash = ${idHash} and mfa_pending and revoked_at is null and expires_at > ${s.now.toISOString()}
    returning user_id`);
  if (!row) return null;
  await endSessionsBeyondLimit(tx, row.user_id, s.maxSessions, s.now);
  return token;
}

/**
 * The id of a session that may be shown and sent back (session lists): derived from the stored
 * hash by another one-way hash, so it reveals neither the token nor the hash that looks it up.
 */
export function sessionPublicId(idHash: string): string {
  return createHash("sha256").update(`session-public-id\n${idHash}`).digest("hex").slice(0, 16);
}

interface SessionRow {
  id_hash: string;
  user_id: string;
  school_id: string | null;
  mfa_pending: boolean;
  last_seen_at: Date;
  display_name: string;
  mfa_enabled: boolean;
  require_staff_mfa: boolean;
  roles: Role[];
  class_teacher_of: string[];
}

/**
 * Stages of signing in a session may still be in. Routes refuse such sessions unless they say
 * otherwise (route option `allowIncomplete`).
 * - "mfa_pending": the password was right, the second factor is still due;
 * - "mfa_setup": the school requires staff to use a second factor, and this admin or teacher has
 *   not set one up yet.
 */
export type IncompleteSession = "mfa_pending" | "mfa_setup";

/**
 * The actor behind a session cookie, or null when the session is unknown, ended or expired.
 * A pending session (second factor due) resolves only with `allowMfaPending`.
 */
export async function resolveActor(db: Db, token: string, now: Date, options: { allowMfaPending?: boolean } = {}): Promise<Actor | null> {
  const idHash = hashToken(token);
  // One round trip, as every request pays it: the session, the user, the roles in the session's
  // school and the classes they lead. requireStaffMfa is read from the school's latest settings;
  // absent means the default (false).
  const row = await db.maybeOne<SessionRow>(sql`
    select s.id_hash, s.user_id, s.school_id, s.mfa_pending, s.last_seen_at, u.mfa_enabled,
           trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as display_name,
           coalesce((select (ss.settings ->> 'requireStaffMfa')::boolean from school_settings ss
                     where ss.school_id = s.school_id order by ss.version desc limit 1), false) as require_staff_mfa,
           array(select m.role::text from memberships m
                 where m.school_id = s.school_id and m.user_id = s.user_id and m.archived_at is null) as roles,
           array(select c.id::text from classes c
                 where c.school_id = s.school_id and c.class_teacher_id = s.user_id and c.archived_at is null) as class_teacher_of
    from sessions s join users u on u.id = s.user_id
    where s.id_hash = ${idHash} and s.revoked_at is null and s.expires_at > ${now.toISOString()} and u.status = 'active'`);
  if (!row) return null;
  if (row.mfa_pending && !options.allowMfaPending) return null;
  const roles = row.roles;
  const classTeacherOf = row.class_teacher_of;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.execute(sql`update sessions set last_seen_at = ${now.toISOString()} where id_hash = ${idHash}`);
  }
  const isStaff = roles.includes("admin") || roles.includes("teacher");
  const incomplete: IncompleteSession | undefined = row.mfa_pending
    ? "mfa_pending"
    : row.require_staff_mfa && isStaff && !row.mfa_enabled
      ? "mfa_setup"
      : undefined;
  return {
    userId: row.user_id,
    sessionIdHash: row.id_hash,
    displayName: row.display_name,
    schoolId: row.school_id,
    roles,
    classTeacherOf,
    ...(incomplete ? { incomplete } : {}),
  };
}
