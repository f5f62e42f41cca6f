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

/** The NOTIFY channel that wakes the sealers (sealer.ts): the payload is the chain's school id. */
export const SEAL_CHANNEL = "otmetka_audit";

/**
 * Records an event. Call it inside the transaction of the change it records, so both commit
 * together. It takes no lock and reads nothing: the event waits, unlinked, until a sealer links
 * it into its school's hash chain (sealEvents, normally within milliseconds of the commit; the
 * commit's NOTIFY wakes the sealers). Writers of one school therefore never wait for each other.
 * `also` sends another notification in the same statement (a live event: `liveNotification`).
 */
export async function recordEvent(tx: Db, input: EventInput, also?: Notification): Promise<void> {
  const schoolId = input.schoolId ?? PLATFORM_CHAIN;
  const before = normalizeJson(input.before);
  const after = normalizeJson(input.after);
  // Nothing waits for the answer: in a transaction the row goes out with what follows (often the
  // commit), and a failure still fails the transaction.
  await tx.send(sql`
    with recorded as (
      insert into events (school_id, occurred_at, actor_user_id, entity, entity_id, action, before, after, reason, request_id)
      values (${schoolId}, ${new Date().toISOString()}, ${input.actorUserId}, ${input.entity}, ${input.entityId}, ${input.action},
              ${jsonOrNull(before)}::jsonb, ${jsonOrNull(after)}::jsonb, ${input.reason ?? null}, ${input.requestId ?? null})
      returning school_id)
    select pg_notify(${SEAL_CHANNEL}, school_id::text)
           ${also ? sql`, pg_notify(${also.channel}, ${also.payload})` : sql``}
    from recorded`);
}

/** A NOTIFY that goes out with an event, in the same statement (one round trip less on hot paths). */
export interface Notification {
  channel: string;
  payload: string;
}

/** How many waiting events one sealing transaction links at most. */
const SEAL_BATCH = 1000;

/**
 * Links the waiting events of one school's chain (or of every chain with waiting events) and
 * returns how many it linked. Each batch is one transaction under the chain's advisory lock, so
 * sealers on any number of instances take turns and a chain stays a single line. Events are
 * linked in the order they were recorded among those committed when the batch starts; one
 * committed later (a long transaction) goes to the end of the chain, which is why the chain's
 * order is `seq`, not `pos` or the time.
 */
/**
 * The schools with waiting events, one index probe per school (a skip scan of the partial index
 * of waiting events): `select distinct` would read the whole log whenever the planner's
 * estimate of waiting rows is stale, e.g. 35–70 ms a sweep on 30,000 events.
 */
const waitingSchoolsSql = sql`
  with recursive waiting as (
    (select school_id from events where seq is null order by school_id limit 1)
    union all
    select (select e.school_id from events e where e.seq is null and e.school_id > w.school_id order by e.school_id limit 1)
    from waiting w where w.school_id is not null)
  select school_id from waiting where school_id is not null`;

export async function sealEvents(db: Db, schoolId?: string): Promise<number> {
  const schools = schoolId ? [schoolId] : (await db.many<{ school_id: string }>(waitingSchoolsSql)).map((r) => r.school_id);
  let sealed = 0;
  for (const id of schools) {
    for (;;) {
      const n = await db.transaction((tx) => sealBatch(tx, id));
      sealed += n;
      if (n < SEAL_BATCH) break;
    }
  }
  return sealed;
}

async function sealBatch(tx: Db, schoolId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`events:${schoolId}`}))`);
  const waiting = await tx.many<EventRow & { pos: string }>(sql`
    select pos, school_id, occurred_at, actor_user_id, entity, entity_id, action, before, after, reason, request_id
    from events where school_id = ${schoolId} and seq is null order by pos limit ${SEAL_BATCH}`);
  if (waiting.length === 0) return 0;
  const last = await tx.maybeOne<{ seq: string; hash: string }>(
    sql`select seq, hash from events where school_id = ${schoolId} and seq is not null order by seq desc limit 1`,
  );
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS;
  const links = waiting.map((row) => {
    seq++;
    const hash = hashEvent(chainedFields(row, seq, prevHash));
    const link = { pos: row.pos, seq, prevHash, hash };
    prevHash = hash;
    return link;
  });
  await tx.execute(sql`
    update events e set seq = l.seq, prev_hash = l."prevHash", hash = l.hash
    from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as l(pos bigint, seq bigint, "prevHash" text, hash text)
    where e.school_id = ${schoolId} and e.pos = l.pos and e.seq is null`);
  return waiting.length;
}

/** The fields a row's hash covers, as read back from the database. */
function chainedFields(row: Omit<EventRow, "seq" | "prev_hash" | "hash">, seq: number, prevHash: string): ChainedFields {
  return {
    schoolId: row.school_id,
    seq,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
    requestId: row.request_id,
    prevHash,
  };
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

/**
 * Recomputes every chain (or one school's) and returns the first broken row of each. Links the
 * waiting events first, so every committed event is checked.
 */
export async function verifyEventChains(db: Db, schoolId?: string): Promise<{ checked: number; breaks: ChainBreak[] }> {
  await sealEvents(db, schoolId);
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
  return hashEvent(chainedFields(row, Number(row.seq), row.prev_hash)) === row.hash ? null : "hash_mismatch";
}
