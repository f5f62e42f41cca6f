import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../../../test/harness.ts";
import { loadTemplate } from "../../../test/pglite-template.ts";
import { PLATFORM_CHAIN, recordEvent } from "../audit/events.ts";
import type { Database, Db } from "./db.ts";
import { openDatabase } from "./open.ts";
import { openPglite } from "./pglite.ts";
import { SharedListener } from "./pg-listener.ts";
import { sql } from "./sql.ts";

/** A table of this transaction only (it goes at commit), so a shared PostgreSQL keeps nothing. */
async function scratchTable(tx: Db): Promise<void> {
  await tx.execute(sql`create temporary table scratch (id int primary key, note text not null) on commit drop`);
}

describe.each(DATABASES)("the database driver on %s", (kind) => {
  let db: Database;
  beforeAll(async () => {
    db =
      kind === "postgres"
        ? await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: mkdtempSync(join(tmpdir(), "otmetka-db-")) })
        : await openPglite(undefined, { loadDataDir: loadTemplate() });
  });
  afterAll(async () => db?.close());

  it("runs statements issued together in a transaction in the order they were issued", async () => {
    const rows = await db.transaction(async (tx) => {
      await scratchTable(tx);
      const [, , , read] = await Promise.all([
        tx.execute(sql`insert into scratch values (1, 'first')`),
        tx.execute(sql`update scratch set note = 'changed' where id = 1`),
        tx.execute(sql`insert into scratch values (2, 'second')`),
        tx.many<{ id: number; note: string }>(sql`select id, note from scratch order by id`),
      ]);
      return read;
    });
    expect(rows).toEqual([
      { id: 1, note: "changed" },
      { id: 2, note: "second" },
    ]);
  });

  it("reports the failing statement's own error and keeps nothing of the transaction", async () => {
    const entityId = randomUUID();
    const failure = db.transaction(async (tx) => {
      await recordEvent(tx, { schoolId: null, actorUserId: null, entity: "test", entityId, action: "create" });
      await scratchTable(tx);
      // The duplicate key fails; the statement sent behind it meets an aborted transaction.
      await Promise.all([
        tx.execute(sql`insert into scratch values (1, 'a')`),
        tx.execute(sql`insert into scratch values (1, 'b')`),
        tx.execute(sql`insert into scratch values (2, 'c')`),
      ]);
    });
    await expect(failure).rejects.toMatchObject({ code: "23505" });
    const kept = await db.one<{ n: number }>(sql`select count(*)::int as n from events where entity_id = ${entityId}`);
    expect(kept.n).toBe(0);
    // The connection is usable afterwards.
    expect(await db.one<{ ok: number }>(sql`select 1 as ok`)).toEqual({ ok: 1 });
  });

  it("commits a sent statement, and shows it to the statements after it", async () => {
    const entityId = randomUUID();
    const seen = await db.transaction(async (tx) => {
      await tx.send(sql`insert into events (school_id, occurred_at, entity, entity_id, action)
                        values (${PLATFORM_CHAIN}, now(), 'test', ${entityId}, 'create')`);
      return tx.one<{ n: number }>(sql`select count(*)::int as n from events where entity_id = ${entityId}`);
    });
    expect(seen.n).toBe(1);
    const kept = await db.one<{ n: number }>(sql`select count(*)::int as n from events where entity_id = ${entityId}`);
    expect(kept.n).toBe(1);
    await db.execute(sql`delete from events where entity_id = ${entityId}`);
  });

  it.each([
    ["the last statement", false],
    ["a statement followed by others", true],
  ])("fails the transaction with the error of a sent statement that fails, as %s", async (_, more) => {
    const entityId = randomUUID();
    const failure = db.transaction(async (tx) => {
      await recordEvent(tx, { schoolId: null, actorUserId: null, entity: "test", entityId, action: "create" });
      // Not a uuid: the statement fails on the server, after this function has gone on.
      await tx.send(sql`select ${"not-a-uuid"}::uuid`);
      if (more) await tx.one(sql`select 1 as after_the_failure`);
      return "done";
    });
    await expect(failure).rejects.toMatchObject({ code: "22P02" });
    const kept = await db.one<{ n: number }>(sql`select count(*)::int as n from events where entity_id = ${entityId}`);
    expect(kept.n).toBe(0);
  });

  it("answers a statement that keeps coming back the same each time", async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) {
      answers.push(await db.one<{ n: number; s: string }>(sql`select ${i}::int * 2 as n, ${`x${i}`}::text as s`));
    }
    expect(answers).toEqual(Array.from({ length: 8 }, (_, i) => ({ n: i * 2, s: `x${i}` })));
  });

  it.runIf(kind === "postgres")("prepares a statement that keeps coming back, and not a one-off", async () => {
    const prepared = await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await tx.one(sql`select ${i}::int + 40 as repeated_statement`);
      await tx.one(sql`select 1 as one_off_statement`);
      // A * list is never prepared: a column added by a newer instance's migration would break it.
      for (let i = 0; i < 5; i++) await tx.many(sql`select *, ${i}::int as star_statement from schools limit 1`);
      return tx.many<{ statement: string }>(sql`select statement from pg_prepared_statements`);
    });
    const statements = prepared.map((p) => p.statement);
    expect(statements.some((s) => s.includes("repeated_statement"))).toBe(true);
    expect(statements.some((s) => s.includes("one_off_statement"))).toBe(false);
    expect(statements.some((s) => s.includes("star_statement"))).toBe(false);
  });
});

describe.runIf(DATABASES.includes("postgres"))("the LISTEN connection on PostgreSQL", () => {
  const url = process.env.TEST_DATABASE_URL as string;
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), "otmetka-db-")) });
  });
  afterAll(async () => db?.close());

  /** Waits until `check` holds, for at most `ms`. */
  async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  }

  it("listens to every channel on one connection, and replaces it when it drops", async () => {
    const name = `otmetka-listen-${randomUUID().slice(0, 8)}`;
    const listener = new SharedListener(url, name);
    const [a, b] = [`test_a_${randomUUID().slice(0, 8)}`, `test_b_${randomUUID().slice(0, 8)}`];
    const got: string[] = [];
    const reconnected: string[] = [];
    const connections = async () =>
      (await db.one<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where application_name = ${name}`)).n;
    try {
      const stops = await Promise.all([
        listener.subscribe(
          a,
          (p) => got.push(`a1:${p}`),
          () => reconnected.push("a1"),
        ),
        listener.subscribe(
          a,
          (p) => got.push(`a2:${p}`),
          () => reconnected.push("a2"),
        ),
        listener.subscribe(
          b,
          (p) => got.push(`b:${p}`),
          () => reconnected.push("b"),
        ),
      ]);
      expect(await connections()).toBe(1);

      await db.execute(sql`select pg_notify(${a}, 'one'), pg_notify(${b}, 'two')`);
      await until(() => got.length === 3);
      expect(got.sort()).toEqual(["a1:one", "a2:one", "b:two"]);

      // The connection drops: a new one listens to both channels, and every subscriber hears of it.
      await db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`);
      await until(() => reconnected.length === 3);
      expect(reconnected.sort()).toEqual(["a1", "a2", "b"]);
      got.length = 0;
      await db.execute(sql`select pg_notify(${a}, 'three'), pg_notify(${b}, 'four')`);
      await until(() => got.length === 3);
      expect(got.sort()).toEqual(["a1:three", "a2:three", "b:four"]);

      // Unsubscribed channels go quiet; the last unsubscription closes the connection.
      await (stops[0] as () => Promise<void>)();
      await (stops[2] as () => Promise<void>)();
      got.length = 0;
      await db.execute(sql`select pg_notify(${a}, 'five'), pg_notify(${b}, 'six')`);
      await until(() => got.length >= 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual(["a2:five"]);
      await (stops[1] as () => Promise<void>)();
      await until(async () => (await connections()) === 0);
      expect(await connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });
});
