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

interface SessionRow {
  id_hash: string;
  user_id: string;
  school_id: string | null;
  mfa_pending: boolean;
  last_seen_at: Date;
  display_name: string;
}

/** The actor behind a session cookie, or null when the session is unknown, ended or expired. */
export async function resolveActor(db: Db, token: string, now: Date, options: { allowMfaPending?: boolean } = {}): Promise<Actor | null> {
  const idHash = hashToken(token);
  const row = await db.maybeOne<SessionRow>(sql`
    select s.id_hash, s.user_id, s.school_id, s.mfa_pending, s.last_seen_at,
           trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as display_name
    from sessions s join users u on u.id = s.user_id
    where s.id_hash = ${idHash} and s.revoked_at is null and s.expires_at > ${now.toISOString()} and u.status = 'active'`);
  if (!row) return null;
  if (row.mfa_pending && !options.allowMfaPending) return null;
  const roles = row.school_id
    ? (
        await db.many<{ role: Role }>(sql`
          select role from memberships where school_id = ${row.school_id} and user_id = ${row.user_id} and archived_at is null`)
      ).map((r) => r.role)
    : [];
  const classTeacherOf = row.school_id
    ? (
        await db.many<{ id: string }>(sql`
          select id from classes where school_id = ${row.school_id} and class_teacher_id = ${row.user_id} and archived_at is null`)
      ).map((r) => r.id)
    : [];
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.execute(sql`update sessions set last_seen_at = ${now.toISOString()} where id_hash = ${idHash}`);
  }
  return {
    userId: row.user_id,
    sessionIdHash: row.id_hash,
    displayName: row.display_name,
    schoolId: row.school_id,
    roles,
    classTeacherOf,
  };
}
