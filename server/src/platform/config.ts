import { resolve } from "node:path";

/** Everything the server reads from the environment, in one place (README has the table). */
export interface Config {
  port: number;
  host: string;
  /** postgres://… selects PostgreSQL; unset means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Public base URL, used in links sent by e-mail. */
  publicUrl: string;
  /** smtp://user:pass@host:port; unset writes e-mails as .eml files into dataDir/mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** HTTP SMS gateway endpoint; unset writes messages into dataDir/sms. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /** Whether the server sits behind a TLS-terminating proxy (Secure cookies, X-Forwarded-For). */
  trustProxy: boolean;
  sessionTtlHours: number;
  logLevel: string;
  /**
   * OTMETKA_SECRET: the key material for encrypting second-factor secrets and keying code hashes.
   * Unset: a random key is created once in dataDir/secret.key (set it when several instances
   * share one PostgreSQL database, so they all use the same key).
   */
  secret: string | undefined;
  /** Create the demo school on an empty database (default: on for the embedded database). */
  seedDemo: boolean;
  /** Memory for kept answers of expensive reads, in MiB (platform/cache); 0 keeps none. */
  readCacheMb: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.OTMETKA_DATA_DIR ?? "data");
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error("DATABASE_URL must start with postgres://");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl,
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Отметка <no-reply@otmetka.local>",
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 24 * 14),
    logLevel: env.LOG_LEVEL ?? "info",
    secret: env.OTMETKA_SECRET || undefined,
    seedDemo: env.OTMETKA_SEED_DEMO ? env.OTMETKA_SEED_DEMO === "1" : !databaseUrl,
    readCacheMb: nonNegative(env.READ_CACHE_MB ?? "64", "READ_CACHE_MB"),
  };
}

function nonNegative(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got "${text}"`);
  return value;
}
