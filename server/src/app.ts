import type { FastifyInstance } from "fastify";
import { jobs, routes } from "./modules/index.ts";
import type { Config } from "./platform/config.ts";
import type { AppContext } from "./platform/context.ts";
import type { Database } from "./platform/db/db.ts";
import { AuditSealer } from "./platform/audit/sealer.ts";
import { openSecretBox } from "./platform/auth/secret-box.ts";
import { migrate } from "./platform/db/migrate.ts";
import { openDatabase } from "./platform/db/open.ts";
import { buildServer } from "./platform/http/server.ts";
import type { JobDefinition } from "./platform/jobs/jobs.ts";
import { type JobRunnerOptions, startJobs } from "./platform/jobs/runner.ts";
import { createMailer } from "./platform/mail/mailer.ts";
import type { Mailer } from "./platform/mail/mailer.ts";
import { ReadCache } from "./platform/cache/read-cache.ts";
import { LiveHub } from "./platform/realtime/live-hub.ts";
import { createSmsSender, type SmsSender } from "./platform/sms/sms.ts";

export interface StartOptions {
  config: Config;
  /** An already open database (tests share one per file). */
  db?: Database;
  mailer?: Mailer;
  sms?: SmsSender;
  now?: () => Date;
  /**
   * Background jobs: by default this instance only sends them (tests, tools); `serve` and
   * `worker` set `work`. `definitions` replaces the registry of modules/index.ts (tests).
   */
  jobs?: Partial<JobRunnerOptions> & { definitions?: readonly JobDefinition[] };
}

/** Opens the database, applies migrations, starts the job queue and builds the HTTP server. */
export async function createApp(options: StartOptions): Promise<{ app: AppContext; server: FastifyInstance }> {
  const { config } = options;
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await migrate(db);
    const app: AppContext = {
      config,
      db,
      mailer: options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
      sms: options.sms ?? createSmsSender({ gatewayUrl: config.smsGatewayUrl, token: config.smsGatewayToken, dataDir: config.dataDir }),
      secrets: openSecretBox({ secret: config.secret, dataDir: config.dataDir }),
      live: new LiveHub(db),
      readCache: new ReadCache(db, { maxBytes: config.readCacheMb * 1024 * 1024 }),
      now: options.now ?? (() => new Date()),
    };
    const server = await buildServer(app, routes);
    const jobRunner = await startJobs(
      app,
      options.jobs?.definitions ?? jobs,
      { work: options.jobs?.work ?? false, pollSeconds: options.jobs?.pollSeconds },
      server.log,
    ).catch(async (error) => {
      await server.close();
      throw error;
    });
    // Instances that do background work also link audit events into their chains.
    const sealer = options.jobs?.work ? new AuditSealer(db, server.log) : null;
    await sealer?.start();
    // Open event streams would keep the HTTP server from closing: end them first.
    server.addHook("preClose", async () => {
      await app.live.close();
      await app.readCache.close();
    });
    server.addHook("onClose", async () => {
      await sealer?.close();
      await jobRunner.stop();
      if (!options.db) await db.close();
    });
    return { app, server };
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
}
