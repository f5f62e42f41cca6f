import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { buildSchool } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { sql } from "../db/sql.ts";
import { hashEvent, PLATFORM_CHAIN, recordEvent, sealEvents, verifyEventChains } from "./events.ts";

const GENESIS = "0".repeat(64);

describe.each(DATABASES)("audit hash chain on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  async function record(schoolId: string | null, count: number, extra: { before?: unknown; after?: unknown } = {}) {
    for (let i = 0; i < count; i++) {
      await t.db.transaction((tx) =>
        recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: randomUUID(), action: "create", after: { i }, ...extra }),
      );
    }
    await sealEvents(t.db, schoolId ?? PLATFORM_CHAIN);
  }

  /** A school whose chain a test breaks on purpose or fills with thousands of rows: removed afterwards, so a shared PostgreSQL stays verifiable and small. */
  async function scratchSchool() {
    const { schoolId } = await buildSchool(t.db);
    onTestFinished(async () => void (await t.db.execute(sql`delete from events where school_id = ${schoolId}`)));
    return schoolId;
  }

  /** The school's chain as sealed: waiting events are linked first, as a server's sealer would within moments. */
  async function chainOf(schoolId: string) {
    await sealEvents(t.db, schoolId);
    return t.db.many<{ seq: number; prev_hash: string; hash: string }>(
      sql`select seq, prev_hash, hash from events where school_id = ${schoolId} order by seq`,
    );
  }

  it("numbers a school's events 1, 2, 3… and links each to the one before", async () => {
    const { schoolId } = await buildSchool(t.db);
    await record(schoolId, 4);
    const chain = await chainOf(schoolId);
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0]?.prev_hash).toBe(GENESIS);
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prev_hash).toBe(chain[i - 1]?.hash);
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 4, breaks: [] });
  });

  it("hashes what jsonb gives back: dates, key order, undefined, unicode and awkward numbers verify", async () => {
    const { schoolId } = await buildSchool(t.db);
    const awkward = {
      zeta: 1,
      alpha: { nested: [3, 2, 1], when: new Date("2026-09-01T08:30:00.123Z"), gone: undefined },
      text: 'Ёжик «в тумане» \u2028 "кавычки" \\ 😀',
      numbers: [0.1 + 0.2, 1e21, -0, 1.5e-7, 2 ** 53 - 1, -42],
      empty: {},
      list: [],
      nothing: null,
    };
    await record(schoolId, 1, { before: awkward, after: [awkward, "строка", 7, true] });
    await record(schoolId, 1, { before: "просто строка", after: 12.5 });
    await record(schoolId, 1, { before: undefined, after: null });
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 3, breaks: [] });
    const stored = await t.db.one<{ before: { alpha: Record<string, unknown> } }>(
      sql`select before from events where school_id = ${schoolId} and seq = 1`,
    );
    expect(stored.before.alpha).toEqual({ nested: [3, 2, 1], when: "2026-09-01T08:30:00.123Z" });
  });

  it("keeps events without a school in the platform chain", async () => {
    const before = (await t.db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${PLATFORM_CHAIN}`)).n;
    await record(null, 2);
    const after = (await t.db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${PLATFORM_CHAIN}`)).n;
    expect(after - before).toBe(2);
    // Other test files write to the platform chain at the same time on a shared PostgreSQL; it stays whole.
    expect((await verifyEventChains(t.db, PLATFORM_CHAIN)).breaks).toEqual([]);
  });

  it("rolls the event back with the change it records", async () => {
    const { schoolId } = await buildSchool(t.db);
    await record(schoolId, 1);
    await expect(
      t.db.transaction(async (tx) => {
        await recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: "x", action: "create" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await record(schoolId, 1);
    expect((await chainOf(schoolId)).map((r) => r.seq)).toEqual([1, 2]);
    expect((await verifyEventChains(t.db, schoolId)).breaks).toEqual([]);
  });

  it("keeps one chain when 20 writers record at once", async () => {
    const { schoolId } = await buildSchool(t.db);
    const other = await buildSchool(t.db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction(async (tx) => {
          // Interleave two schools: writers take no lock, and the sealer makes one line of each school's events.
          await recordEvent(tx, {
            schoolId: i % 4 === 0 ? other.schoolId : schoolId,
            actorUserId: null,
            entity: "grade",
            entityId: String(i),
            action: "create",
          });
          await recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: String(i), action: "update", after: { i } });
        }),
      ),
    );
    expect((await chainOf(schoolId)).map((r) => r.seq)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 35, breaks: [] });
    expect(await verifyEventChains(t.db, other.schoolId)).toEqual({ checked: 5, breaks: [] });
  });

  it("finds an edited row, an edit with a recomputed hash, a changed link and a deleted row", async () => {
    const edited = await scratchSchool();
    const rehashed = await scratchSchool();
    const relinked = await scratchSchool();
    const deleted = await scratchSchool();
    const intact = await scratchSchool();
    for (const id of [edited, rehashed, relinked, deleted, intact]) await record(id, 5);

    await t.db.execute(sql`update events set after = '{"i": 99}' where school_id = ${edited} and seq = 3`);
    // Someone who knows the algorithm rewrites row 2 and its hash: row 3 no longer points to it.
    const row2 = await t.db.one<{ occurred_at: Date; entity_id: string; prev_hash: string }>(
      sql`select occurred_at, entity_id, prev_hash from events where school_id = ${rehashed} and seq = 2`,
    );
    const forged = hashEvent({
      schoolId: rehashed,
      seq: 2,
      occurredAt: new Date(row2.occurred_at).toISOString(),
      actorUserId: null,
      entity: "grade",
      entityId: row2.entity_id,
      action: "create",
      before: null,
      after: { i: 99 },
      reason: null,
      requestId: null,
      prevHash: row2.prev_hash,
    });
    await t.db.execute(sql`update events set after = '{"i": 99}', hash = ${forged} where school_id = ${rehashed} and seq = 2`);
    await t.db.execute(sql`update events set prev_hash = ${"f".repeat(64)} where school_id = ${relinked} and seq = 4`);
    await t.db.execute(sql`delete from events where school_id = ${deleted} and seq = 2`);

    const result = async (id: string) => (await verifyEventChains(t.db, id)).breaks;
    expect(await result(edited)).toEqual([{ schoolId: edited, seq: 3, problem: "hash_mismatch" }]);
    expect(await result(rehashed)).toEqual([{ schoolId: rehashed, seq: 3, problem: "prev_hash_mismatch" }]);
    expect(await result(relinked)).toEqual([{ schoolId: relinked, seq: 4, problem: "prev_hash_mismatch" }]);
    expect(await result(deleted)).toEqual([{ schoolId: deleted, seq: 3, problem: "gap" }]);
    expect(await result(intact)).toEqual([]);

    // Without a school: every chain is checked, and each broken one is named once.
    const all = await verifyEventChains(t.db);
    for (const id of [edited, rehashed, relinked, deleted]) expect(all.breaks.filter((b) => b.schoolId === id)).toHaveLength(1);
    expect(all.breaks.some((b) => b.schoolId === intact)).toBe(false);
  });

  it("checks chains longer than one read batch (5,000 rows) without skipping or repeating rows", async () => {
    const schoolId = await scratchSchool();
    const rows: Record<string, unknown>[] = [];
    let prevHash = GENESIS;
    const start = Date.parse("2026-09-01T06:00:00Z");
    for (let seq = 1; seq <= 5003; seq++) {
      const fields = {
        schoolId,
        seq,
        occurredAt: new Date(start + seq * 1000).toISOString(),
        actorUserId: null,
        entity: "grade",
        entityId: String(seq),
        action: "create",
        before: null,
        after: { seq },
        reason: null,
        requestId: null,
        prevHash,
      };
      const hash = hashEvent(fields);
      rows.push({ ...fields, hash });
      prevHash = hash;
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await t.db.execute(sql`
        insert into events (school_id, seq, occurred_at, actor_user_id, entity, entity_id, action, before, after, reason, request_id, prev_hash, hash)
        select "schoolId", seq, "occurredAt", "actorUserId", entity, "entityId", action, before, after, reason, "requestId", "prevHash", hash
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 1000))}::jsonb) as r(
          "schoolId" uuid, seq bigint, "occurredAt" timestamptz, "actorUserId" uuid, entity text, "entityId" text, action text,
          before jsonb, after jsonb, reason text, "requestId" text, "prevHash" text, hash text)`);
    }
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 5003, breaks: [] });
    await t.db.execute(sql`update events set after = '{"seq": 0}' where school_id = ${schoolId} and seq = 5001`);
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 5001, breaks: [{ schoolId, seq: 5001, problem: "hash_mismatch" }] });
  });
});
