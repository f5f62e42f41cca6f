import { fromPglite, PgBoss } from "pg-boss";
import type { AppContext } from "../context.ts";
import type { JobDefinition, JobSender } from "./jobs.ts";
import { registerSender } from "./jobs.ts";

export interface JobRunnerOptions {
  /** Run the handlers on this instance (`serve`, `worker`); otherwise it only sends jobs. */
  work: boolean;
  /**
   * Seconds between polls for retries and delayed jobs (default 5). New jobs do not wait for a
   * poll: their NOTIFY wakes a worker at once.
   */
  pollSeconds?: number;
}

interface RunnerLog {
  error(details: object, message: string): void;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the app's database: installs or upgrades its schema (`pgboss`), creates a
 * queue per job definition and, with `work`, runs their handlers. On PGlite it shares the one
 * embedded connection (its statements wait while a business transaction is open, never run
 * inside it); on PostgreSQL it has a small pool of its own plus one LISTEN connection.
 */
export async function startJobs(
  app: AppContext,
  definitions: readonly JobDefinition[],
  options: JobRunnerOptions,
  log: RunnerLog,
): Promise<JobRunner> {
  const connection = app.db.connection;
  const boss = new PgBoss({
    ...(connection.kind === "pglite"
      ? { db: fromPglite(connection.pglite), backend: "pglite" as const }
      : { connectionString: connection.url, max: 3 }),
    schema: "pgboss",
    // Maintenance (expiring, archiving, deleting old jobs) belongs to the instances that work.
    supervise: options.work,
    schedule: false,
    registerInstance: options.work,
    useListenNotify: options.work,
  });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();

  const byName = new Map<string, JobDefinition>();
  try {
    for (const d of definitions) {
      if (byName.has(d.name)) throw new Error(`Job "${d.name}" is defined twice`);
      byName.set(d.name, d);
      const queue = {
        retryLimit: d.retryLimit ?? 3,
        retryDelay: d.retryDelaySeconds ?? 10,
        retryBackoff: true,
        retryDelayMax: d.retryDelayMaxSeconds ?? 3600,
        expireInSeconds: d.expireInSeconds ?? 900,
        notify: true,
      };
      // createQueue keeps an existing queue as it is; updateQueue applies today's settings to it.
      // Both also fill pg-boss's queue cache, which a send inside a transaction relies on: a cache
      // miss would read through pg-boss's own connection, and PGlite's one connection is the
      // transaction's until it ends.
      await boss.createQueue(d.name, queue);
      await boss.updateQueue(d.name, queue);
      if (options.work) {
        const pollingIntervalSeconds = options.pollSeconds ?? 5;
        await boss.work(d.name, { pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds }, async ([job]) => {
          if (!job) return;
          await d.handler(d.data.parse(job.data), { app, jobId: job.id, retryCount: job.retryCount, signal: job.signal });
        });
      }
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }

  const sender: JobSender = {
    has: (name) => byName.has(name),
    async send(tx, name, data, sendOptions) {
      const definition = byName.get(name) as JobDefinition;
      const id = await boss.send(name, definition.data.parse(data), {
        ...sendOptions,
        db: { executeSql: (text, values = []) => tx.queryText(text, values) },
      });
      if (!id) throw new Error(`pg-boss did not enqueue job "${name}"`);
      return id;
    },
  };
  const unregister = registerSender(sender);
  return {
    async stop() {
      unregister();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
