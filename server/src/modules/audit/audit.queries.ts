import type { AuditEventsPage, AuditEventsQuery } from "@otmetka/core/contracts/audit.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sealEvents } from "../../platform/audit/events.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";

interface EventRow {
  seq: number;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
}

/** `%`, `_` and `\` typed by the user are literal characters, not LIKE wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page of the actor's school's audit log, newest first. Keyset pagination by `seq` (unique per
 * school, indexed), so a page costs the same however deep it is.
 */
export async function listAuditEvents(db: Db, actor: SchoolActor, query: AuditEventsQuery): Promise<AuditEventsPage> {
  // Events of the last moments may still wait for the sealer: link them, so the log shows them.
  await sealEvents(db, actor.schoolId);
  const where: Sql[] = [sql`e.school_id = ${actor.schoolId}`];
  if (query.entity) where.push(sql`e.entity = ${query.entity}`);
  if (query.entityId) where.push(sql`e.entity_id = ${query.entityId}`);
  if (query.action) where.push(sql`e.action = ${query.action}`);
  if (query.actorUserId) where.push(sql`e.actor_user_id = ${query.actorUserId}`);
  // Days are the school's days: "from 1 March" starts at midnight in the school's time zone.
  if (query.from) where.push(sql`e.occurred_at >= (${query.from}::date::timestamp at time zone s.time_zone)`);
  if (query.to) where.push(sql`e.occurred_at < ((${query.to}::date + 1)::timestamp at time zone s.time_zone)`);
  if (query.q) where.push(sql`e.reason ilike ${likePattern(query.q)}`);
  if (query.before) where.push(sql`e.seq < ${query.before}`);

  const rows = await db.many<EventRow>(sql`
    select e.seq, e.occurred_at, e.actor_user_id, e.entity, e.entity_id, e.action, e.before, e.after, e.reason, e.request_id,
           trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as actor_name
    from events e
    join schools s on s.id = e.school_id
    left join users u on u.id = e.actor_user_id
    where ${sql.join(where, " and ")}
    order by e.seq desc
    limit ${query.limit + 1}`);

  const page = rows.slice(0, query.limit);
  return {
    events: page.map((r) => ({
      seq: Number(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name ?? "" } : null,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before,
      after: r.after,
      reason: r.reason,
      requestId: r.request_id,
    })),
    nextBefore: rows.length > query.limit ? Number(page[page.length - 1]?.seq) : null,
  };
}
