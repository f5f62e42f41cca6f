import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool } from "../../../test/factories.ts";
import type { Database } from "../db/db.ts";
import { migrate } from "../db/migrate.ts";
import { openDatabase } from "../db/open.ts";
import { sql } from "../db/sql.ts";
import { recordEvent, sealEvents } from "./events.ts";

/** Each CLI run starts Node, PGlite (WASM) and the migrations: seconds, more on a busy machine. */
const CLI_TIMEOUT = 120_000;
const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
/**
 * The CLI runs TypeScript directly, which needs Node ≥ 22.18. Vitest's own Node is that one when
 * PATH starts with node_modules/.bin (the brief's setup); otherwise use the pinned `node` package.
 */
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
const NODE = major > 22 || (major === 22 && minor >= 18) ? process.execPath : join(REPO, "node_modules/node/bin/node");

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runVerifyAudit(env: { OTMETKA_DATA_DIR: string; DATABASE_URL?: string }): Promise<CliResult> {
  const { DATABASE_URL: _inherited, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(
      NODE,
      [MAIN, "verify-audit"],
      { cwd: REPO, env: { ...base, ...env, LOG_LEVEL: "silent", OTMETKA_SEED_DEMO: "0" }, timeout: CLI_TIMEOUT - 10_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Where the CLI's database lives. PostgreSQL gets a database of its own: the CLI checks every
 * chain in the database, and other test files write to the shared one at the same time.
 */
interface Target {
  /** Opens our own handle (for PGlite it holds the directory lock until closed). */
  open(): Promise<Database>;
  env: { OTMETKA_DATA_DIR: string; DATABASE_URL?: string };
  dispose(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), "otmetka-verify-"));
  return { open: () => openDatabase({ dataDir }), env: { OTMETKA_DATA_DIR: dataDir }, dispose: async () => {} };
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const name = `otmetka_verify_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), "otmetka-verify-"));
  return {
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir }),
    env: { OTMETKA_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async dispose() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const TARGETS: ["pglite" | "postgres", () => Promise<Target>][] = [["pglite", pgliteTarget]];
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) TARGETS.push(["postgres", () => postgresTarget(testDatabaseUrl)]);

describe.each(TARGETS)("verify-audit CLI on %s", (kind, makeTarget) => {
  let target: Target;
  let schoolA: string;
  let schoolB: string;
  /** Undoes each tampering, in order. */
  const restore: ((db: Database) => Promise<unknown>)[] = [];

  /** Runs `fn` on our own handle and closes it, so the CLI can take the PGlite lock. */
  async function withDb<R>(fn: (db: Database) => Promise<R>): Promise<R> {
    const db = await target.open();
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    target = await makeTarget();
    await withDb(async (db) => {
      await migrate(db);
      schoolA = (await buildSchool(db)).schoolId;
      schoolB = (await buildSchool(db)).schoolId;
      for (const schoolId of [schoolA, schoolB, null]) {
        for (let i = 1; i <= 5; i++) {
          await db.transaction((tx) =>
            recordEvent(tx, {
              schoolId,
              actorUserId: null,
              entity: "grade",
              entityId: randomUUID(),
              action: "update",
              before: { value: i },
              after: { value: i + 1 },
              reason: `правка ${i}`,
            }),
          );
        }
      }
      await sealEvents(db);
    });
  });
  afterAll(async () => target?.dispose());

  it("runs the CLI on a Node that strips types (≥ 22.18)", async () => {
    const version = await new Promise<string>((resolve, reject) =>
      execFile(NODE, ["-p", "process.versions.node"], (error, stdout) => (error ? reject(error) : resolve(stdout.trim()))),
    );
    const [maj = 0, min = 0] = version.split(".").map(Number);
    expect(maj > 22 || (maj === 22 && min >= 18), `node ${version} at ${NODE}`).toBe(true);
  });

  it(
    "reports an untouched log as intact and exits 0",
    async () => {
      const r = await runVerifyAudit(target.env);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/intact: 15 events checked/);
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 1 and names the school and the event when a row was edited",
    async () => {
      await withDb(async (db) => {
        const row = await db.one<{ after: unknown }>(sql`select after from events where school_id = ${schoolA} and seq = 3`);
        restore.push((d) =>
          d.execute(sql`update events set after = ${JSON.stringify(row.after)}::jsonb where school_id = ${schoolA} and seq = 3`),
        );
        await db.execute(sql`update events set after = '{"value": 5}' where school_id = ${schoolA} and seq = 3`);
      });
      const broken = await runVerifyAudit(target.env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`BROKEN: school ${schoolA}, event #3: hash_mismatch`);
      expect(broken.stderr).not.toContain(schoolB);
      expect(broken.stdout).not.toMatch(/intact/);
    },
    CLI_TIMEOUT,
  );

  it(
    "catches a row deleted from the middle as a gap",
    async () => {
      await withDb(async (db) => {
        const row = await db.one<Record<string, unknown>>(sql`select * from events where school_id = ${schoolB} and seq = 3`);
        restore.push((d) =>
          d.execute(sql`insert into events select * from jsonb_populate_record(null::events, ${JSON.stringify(row)}::jsonb)`),
        );
        await db.execute(sql`delete from events where school_id = ${schoolB} and seq = 3`);
      });
      const broken = await runVerifyAudit(target.env);
      expect(broken.code).toBe(1);
      // Both tampered chains are named: the edit from the test before and this gap.
      expect(broken.stderr).toContain(`BROKEN: school ${schoolB}, event #4: gap`);
      expect(broken.stderr.trim().split("\n")).toHaveLength(2);
    },
    CLI_TIMEOUT,
  );

  it(
    "is intact again once the original rows are back (the check is exact, not a heuristic)",
    async () => {
      await withDb(async (db) => {
        for (const fn of restore.splice(0)) await fn(db);
      });
      const r = await runVerifyAudit(target.env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/intact: 15 events checked/);
    },
    CLI_TIMEOUT,
  );

  it.runIf(kind === "pglite")(
    "refuses to open a data directory another process holds, and says so",
    async () => {
      const db = await target.open();
      try {
        const r = await runVerifyAudit(target.env);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain("is in use by another Otmetka process");
      } finally {
        await db.close();
      }
    },
    CLI_TIMEOUT,
  );
});
