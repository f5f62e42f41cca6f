import { createHash } from "node:crypto";
import type { Db } from "../db/db.ts";
import { sql } from "../db/sql.ts";
import { canonicalJson } from "./canonical-json.ts";

/** The chain of events that belong to no school (accounts before they join one). */
export const PLATFORM_CHAIN = "00000000-0000-0000-0000-000000000000";
const GENESIS = "0".repeat(64);

export interface EventInput {
  schoolId: string | null;
  actorUserId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
}

interface ChainedFields {
  schoolId: string;
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  prevHash: string;
}

export function hashEvent(fields: ChainedFields): string {
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

/**
 * Appends an event to its school's hash chain. Call it inside the transaction of the change it
 * records, so both commit together. A per-school advisory lock orders concurrent writers.
 */
export async function recordEvent(tx: Db, input: EventInput): Promise<void> {
  const schoolId = input.schoolId ?? PLATFORM_CHAIN;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`events:${schoolId}`}))`);
  const last = await tx.maybeOne<{ seq: number; hash: string }>(
    sql`select seq, hash from events where school_id = ${schoolId} order by seq desc limit 1`,
  );
  const fields: ChainedFields = {
    schoolId,
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date().toISOString(),
    actorUserId: input.actorUserId,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    before: normalizeJson(input.before),
    after: normalizeJson(input.after),
    reason: input.reason ?? null,
    requestId: input.requestId ?? null,
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = hashEvent(fields);
  await tx.execute(sql`
    insert into events (school_id, seq, occurred_at, actor_user_id, entity, entity_id, action, before, after, reason, request_id, prev_hash, hash)
    values (${schoolId}, ${fields.seq}, ${fields.occurredAt}, ${fields.actorUserId}, ${fields.entity}, ${fields.entityId},
            ${fields.action}, ${jsonOrNull(fields.before)}::jsonb, ${jsonOrNull(fields.after)}::jsonb, ${fields.reason},
            ${fields.requestId}, ${fields.prevHash}, ${hash})`);
}

/** What jsonb will give back: dates as strings, no undefined. */
function normalizeJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function jsonOrNull(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

export interface ChainBreak {
  schoolId: string;
  seq: number;
  problem: "hash_mismatch" | "prev_hash_mismatch" | "gap";
}

/** Recomputes every chain (or one school's) and returns the first broken row of each. */
export async function verifyEventChains(db: Db, schoolId?: string): Promise<{ checked: number; breaks: ChainBreak[] }> {
  const schools = schoolId
    ? [schoolId]
    : (await db.many<{ school_id: string }>(sql`select distinct school_id from events`)).map((r) => r.school_id);
  const breaks: ChainBreak[] = [];
  let checked = 0;
  for (const id of schools) {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let afterSeq = 0;
    for (;;) {
      const rows = await db.many<EventRow>(sql`
        select school_id, seq, occurred_at, actor_user_id, entity, entity_id, action, before, after, reason, request_id, prev_hash, hash
        from events where school_id = ${id} and seq > ${afterSeq} order by seq limit 5000`);
      if (rows.length === 0) break;
      const broken = rows.find((row) => {
        checked++;
        const problem = checkRow(row, expectedSeq, prevHash);
        if (problem) {
          breaks.push({ schoolId: id, seq: Number(row.seq), problem });
          return true;
        }
        prevHash = row.hash;
        expectedSeq++;
        return false;
      });
      if (broken) break;
      afterSeq = Number(rows[rows.length - 1]?.seq);
    }
  }
  return { checked, breaks };
}

interface EventRow {
  school_id: string;
  seq: number;
  occurred_at: Date;
  actor_user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

function checkRow(row: EventRow, expectedSeq: number, prevHash: string): ChainBreak["problem"] | null {
  if (Number(row.seq) !== expectedSeq) return "gap";
  if (row.prev_hash !== prevHash) return "prev_hash_mismatch";
  const recomputed = hashEvent({
    schoolId: row.school_id,
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  });
  return recomputed === row.hash ? null : "hash_mismatch";
}
