import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { sql } from "../db/sql.ts";
import { defineJob, sendJob } from "./jobs.ts";

const PROBE = "test.jobs.probe";

/** Waits until `check` holds, polling; fails after `ms`. */
async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(DATABASES)("background jobs on %s", (kind) => {
  let t: TestApp;
  /** Attempts the handler saw, by marker (a marker per test keeps leftovers of other runs apart). */
  const attempts = new Map<string, number[]>();
  const probe = defineJob({
    name: PROBE,
    data: z.strictObject({ marker: z.uuid(), failAttempts: z.number().int().min(0) }),
    retryLimit: 2,
    retryDelaySeconds: 1,
    async handler(data, { retryCount }) {
      attempts.set(data.marker, [...(attempts.get(data.marker) ?? []), retryCount]);
      if (retryCount < data.failAttempts) throw new Error(`planned failure ${retryCount + 1}`);
    },
  });

  beforeAll(async () => {
    t = await startTestApp(kind, { jobs: { definitions: [probe], work: true, pollSeconds: 1 } });
  });
  afterAll(async () => t?.close());

  async function storedJobs(marker: string) {
    return t.db.many<{ state: string; retry_count: number }>(sql`
      select state, retry_count from pgboss.job where name = ${PROBE} and data ->> 'marker' = ${marker}`);
  }

  it("runs a job sent in a committed transaction, soon after the commit", async () => {
    const marker = randomUUID();
    const id = await t.db.transaction((tx) => sendJob(tx, PROBE, { marker, failAttempts: 0 }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => attempts.has(marker), 5000, "the job to run");
    expect(attempts.get(marker)).toEqual([0]);
    await waitFor(async () => (await storedJobs(marker))[0]?.state === "completed", 5000, "the job to complete");
  });

  it("never runs a job sent in a transaction that rolls back, and stores nothing of it", async () => {
    const rolledBack = randomUUID();
    await expect(
      t.db.transaction(async (tx) => {
        await sendJob(tx, PROBE, { marker: rolledBack, failAttempts: 0 });
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");
    // A committed job sent afterwards runs: by then the rolled-back one would have had its chance.
    const committed = randomUUID();
    await t.db.transaction((tx) => sendJob(tx, PROBE, { marker: committed, failAttempts: 0 }));
    await waitFor(() => attempts.has(committed), 5000, "the committed job to run");
    await new Promise((r) => setTimeout(r, 1500));
    expect(attempts.has(rolledBack)).toBe(false);
    expect(await storedJobs(rolledBack)).toEqual([]);
  });

  it("retries a failing handler after a delay until it succeeds", async () => {
    const marker = randomUUID();
    await t.db.transaction((tx) => sendJob(tx, PROBE, { marker, failAttempts: 1 }));
    await waitFor(() => (attempts.get(marker)?.length ?? 0) >= 2, 10_000, "the retry");
    expect(attempts.get(marker)).toEqual([0, 1]);
    await waitFor(async () => (await storedJobs(marker))[0]?.state === "completed", 5000, "the job to complete");
  }, 15_000);

  it("keeps a job that fails every attempt as failed after its retries", async () => {
    const marker = randomUUID();
    await t.db.transaction((tx) => sendJob(tx, PROBE, { marker, failAttempts: 99 }));
    await waitFor(async () => (await storedJobs(marker))[0]?.state === "failed", 20_000, "the job to fail for good");
    expect(attempts.get(marker)).toEqual([0, 1, 2]);
  }, 25_000);

  it("refuses an unknown job or bad data, and the transaction then stores nothing", async () => {
    const marker = randomUUID();
    await expect(t.db.transaction((tx) => sendJob(tx, "test.jobs.unknown", { marker }))).rejects.toThrow(/No job "test.jobs.unknown"/);
    await expect(t.db.transaction((tx) => sendJob(tx, PROBE, { marker, failAttempts: -1 }))).rejects.toThrow();
    expect(await storedJobs(marker)).toEqual([]);
  });
});
