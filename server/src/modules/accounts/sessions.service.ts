import type { SessionView } from "@otmetka/core/contracts/identity.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { sessionPublicId } from "../../platform/auth/session.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

/**
 * The signed-in user's own sessions: list, end one, end all others. Sessions are addressed by a
 * public id derived from the stored hash (sessionPublicId), never by the hash itself.
 */

interface SessionRow {
  id_hash: string;
  created_at: Date;
  last_seen_at: Date;
  ip: string;
  user_agent: string;
}

async function liveSessionsOf(db: Db, userId: string, now: Date): Promise<SessionRow[]> {
  return db.many<SessionRow>(sql`
    select id_hash, created_at, last_seen_at, ip, user_agent from sessions
    where user_id = ${userId} and revoked_at is null and not mfa_pending and expires_at > ${now.toISOString()}
    order by last_seen_at desc, created_at desc`);
}

export async function listSessions(db: Db, actor: Actor, now: Date): Promise<SessionView[]> {
  const rows = await liveSessionsOf(db, actor.userId, now);
  return rows.map((r) => ({
    id: sessionPublicId(r.id_hash),
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id_hash === actor.sessionIdHash,
  }));
}

/** Ends one session of the actor's; another user's id is simply not found. Returns whether it was the current one. */
export async function revokeSession(
  tx: Db,
  actor: Actor,
  publicId: string,
  now: Date,
  requestId: string,
): Promise<{ wasCurrent: boolean }> {
  const target = (await liveSessionsOf(tx, actor.userId, now)).find((r) => sessionPublicId(r.id_hash) === publicId);
  if (!target) throw new AppError("not_found", "No such session");
  await tx.execute(sql`update sessions set revoked_at = ${now.toISOString()} where id_hash = ${target.id_hash} and revoked_at is null`);
  await recordEvent(tx, {
    schoolId: null,
    actorUserId: actor.userId,
    entity: "user",
    entityId: actor.userId,
    action: "session.revoke",
    after: { session: publicId, ip: target.ip },
    requestId,
  });
  return { wasCurrent: target.id_hash === actor.sessionIdHash };
}

export async function revokeOtherSessions(tx: Db, actor: Actor, now: Date, requestId: string): Promise<number> {
  const revoked = await endSessionsOfUser(tx, actor.userId, now, actor.sessionIdHash);
  await recordEvent(tx, {
    schoolId: null,
    actorUserId: actor.userId,
    entity: "user",
    entityId: actor.userId,
    action: "session.revoke_others",
    after: { revoked },
    requestId,
  });
  return revoked;
}

/** Ends every open session of the user (pending ones too), except `keepIdHash`; returns how many. */
export async function endSessionsOfUser(tx: Db, userId: string, now: Date, keepIdHash: string | null = null): Promise<number> {
  return tx.execute(sql`
    update sessions set revoked_at = ${now.toISOString()}
    where user_id = ${userId} and revoked_at is null and expires_at > ${now.toISOString()}
      ${keepIdHash ? sql`and id_hash <> ${keepIdHash}` : sql``}`);
}
