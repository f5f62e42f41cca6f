import type { SecretBox } from "./auth/secret-box.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/db.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { ReadCache } from "./cache/read-cache.ts";
import type { LiveHub } from "./realtime/live-hub.ts";
import type { SmsSender } from "./sms/sms.ts";

/** The long-lived things a request handler may use; built once at start-up. */
export interface AppContext {
  config: Config;
  db: Database;
  mailer: Mailer;
  sms: SmsSender;
  /** This instance's live event streams (platform/realtime). */
  live: LiveHub;
  /** Answers of expensive reads kept until their school changes (platform/cache). */
  readCache: ReadCache;
  /** Encryption and keyed hashing with the server's secret (platform/auth/secret-box.ts). */
  secrets: SecretBox;
  /** The current time; tests move it to check expiry and lockout. */
  now(): Date;
}
