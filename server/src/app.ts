import type { FastifyInstance } from "fastify";
import { routes } from "./modules/index.ts";
import type { Config } from "./platform/config.ts";
import type { AppContext } from "./platform/context.ts";
import type { Database } from "./platform/db/db.ts";
import { openSecretBox } from "./platform/auth/secret-box.ts";
import { migrate } from "./platform/db/migrate.ts";
import { openDatabase } from "./platform/db/open.ts";
import { buildServer } from "./platform/http/server.ts";
import { createMailer } from "./platform/mail/mailer.ts";
import type { Mailer } from "./platform/mail/mailer.ts";
import { createSmsSender, type SmsSender } from "./platform/sms/sms.ts";

export interface StartOptions {
  config: Config;
  /** An already open database (tests share one per file). */
  db?: Database;
  mailer?: Mailer;
  sms?: SmsSender;
  now?: () => Date;
}

/** Opens the database, applies migrations and builds the HTTP server. */
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
      now: options.now ?? (() => new Date()),
    };
    const server = await buildServer(app, routes);
    server.addHook("onClose", async () => {
      if (!options.db) await db.close();
    });
    return { app, server };
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
}
