import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { openDatabase } from "../db/open.ts";
import { sql } from "../db/sql.ts";
import { recordEvent, verifyEventChains } from "./events.ts";
import { AuditSealer } from "./sealer.ts";

const silent = { error: () => {} };

describe.each(DATABASES)("audit sealer on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const waiting = async (schoolId: string) =>
    (await t.db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${schoolId} and seq is null`)).n;
  const record = (schoolId: string, entityId: string) =>
    t.db.transaction((tx) => recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId, action: "create" }));

  it("records without linking, then links within moments of the commit; a rolled-back event never appears", async () => {
    const { schoolId } = await buildSchool(t.db);
    await record(schoolId, "before-start");
    expect(await waiting(schoolId)).toBe(1);

    const sealer = new AuditSealer(t.db, silent, { sweepMs: 60_000 });
    await sealer.start();
    try {
      // The first sweep links what was recorded while no sealer ran.
      await expect.poll(() => waiting(schoolId), { timeout: 2_000, interval: 20 }).toBe(0);
      await expect(
        t.db.transaction(async (tx) => {
          await recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: "rolled-back", action: "create" });
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      const started = Date.now();
      await record(schoolId, "after-start");
      // The commit's notification wakes the sealer: no waiting for the next sweep (a minute away).
      await expect.poll(() => waiting(schoolId), { timeout: 1_000, interval: 10 }).toBe(0);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await sealer.close();
    }
    const chain = await t.db.many<{ seq: number; entity_id: string }>(
      sql`select seq, entity_id from events where school_id = ${schoolId} order by seq`,
    );
    expect(chain.map((r) => [Number(r.seq), r.entity_id])).toEqual([
      [1, "before-start"],
      [2, "after-start"],
    ]);
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 2, breaks: [] });
  });

  it.runIf(kind === "postgres")("keeps one unbroken chain when 40 writers and the sealers of three instances work at once", async () => {
    const { schoolId } = await buildSchool(t.db);
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: "" })));
    const sealers = instances.map((db) => new AuditSealer(db, silent, { sweepMs: 60_000 }));
    try {
      await Promise.all(sealers.map((s) => s.start()));
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          instances[i % 3]!.transaction(async (tx) => {
            await recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: `a${i}`, action: "create" });
            await recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: `b${i}`, action: "update" });
          }),
        ),
      );
      await expect.poll(() => waiting(schoolId), { timeout: 5_000, interval: 20 }).toBe(0);
    } finally {
      await Promise.all(sealers.map((s) => s.close()));
      await Promise.all(instances.map((db) => db.close()));
    }
    const seqs = await t.db.many<{ seq: string }>(sql`select seq from events where school_id = ${schoolId} order by seq`);
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(await verifyEventChains(t.db, schoolId)).toEqual({ checked: 80, breaks: [] });
  });
});
