import { openPglite } from "../src/platform/db/pglite.ts";
import { loadTemplate } from "./pglite-template.ts";
import { createApp, type StartOptions } from "../src/app.ts";
import type { AppContext } from "../src/platform/context.ts";
import { loadConfig } from "../src/platform/config.ts";
import type { Database } from "../src/platform/db/db.ts";
import { openDatabase } from "../src/platform/db/open.ts";
import type { Config } from "../src/platform/config.ts";
import type { Mailer, MailMessage } from "../src/platform/mail/mailer.ts";
import type { FastifyInstance } from "fastify";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The databases every database-touching test runs on: PGlite always, PostgreSQL when configured. */
export const DATABASES: ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestApp {
  app: AppContext;
  server: FastifyInstance;
  db: Database;
  /** Messages the app "sent", newest last. */
  mail: MailMessage[];
  sms: { to: string; text: string }[];
  /** Moves the app's clock forward. */
  advanceClock(ms: number): void;
  /** Sets the app's clock to a moment (it runs on from there), e.g. a school day of the test data. */
  setClock(at: string): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** A real mailer (e.g. SMTP to a test server) instead of the in-memory list `mail`. */
  mailer?: Mailer;
  /** Settings over the test defaults (a temporary data directory, silent log, no demo school). */
  config?: Partial<Config>;
  /** Background jobs: the definitions to register and whether this app runs them (default: send only). */
  jobs?: StartOptions["jobs"];
}

export async function startTestApp(kind: "pglite" | "postgres", options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "otmetka-test-"));
  const config = { ...loadConfig({ OTMETKA_DATA_DIR: dataDir, LOG_LEVEL: "silent" }), seedDemo: false, ...options.config };
  const db =
    kind === "postgres"
      ? await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir })
      : await openPglite(undefined, { loadDataDir: loadTemplate() });
  const mail: MailMessage[] = [];
  const sms: { to: string; text: string }[] = [];
  let offset = 0;
  const { app, server } = await createApp({
    config,
    db,
    mailer: options.mailer ?? { send: async (m) => void mail.push(m) },
    sms: { send: async (to, text) => void sms.push({ to, text }) },
    now: () => new Date(Date.now() + offset),
    ...(options.jobs ? { jobs: options.jobs } : {}),
  });
  await server.ready();
  return {
    app,
    server,
    db,
    mail,
    sms,
    advanceClock: (ms) => {
      offset += ms;
    },
    setClock: (at) => {
      offset = Date.parse(at) - Date.now();
    },
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}

let ipCounter = 1;

/** A browser-like client: keeps its cookies, sends the CSRF header, has its own IP. */
export class TestClient {
  readonly ip = `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;
  private readonly cookies = new Map<string, string>();
  private readonly t: { server: FastifyInstance };

  constructor(t: { server: FastifyInstance }) {
    this.t = t;
  }

  async request(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.t.server.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(method === "GET" ? {} : { "x-otmetka-csrf": "1" }),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...(body !== undefined && typeof body !== "string" && !Buffer.isBuffer(body) ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    for (const c of response.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let json: any = null;
    try {
      json = response.body ? JSON.parse(response.body) : null;
    } catch {
      json = null;
    }
    return { status: response.statusCode, body: json, headers: response.headers, text: response.body, raw: response.rawPayload };
  }

  get(url: string) {
    return this.request("GET", url);
  }
  post(url: string, body?: unknown) {
    return this.request("POST", url, body);
  }
  put(url: string, body?: unknown) {
    return this.request("PUT", url, body);
  }
  patch(url: string, body?: unknown) {
    return this.request("PATCH", url, body);
  }
  delete(url: string, body?: unknown) {
    return this.request("DELETE", url, body);
  }

  async signIn(login: string, password: string) {
    const r = await this.post("/api/v1/auth/login", { login, password });
    if (r.status !== 200) throw new Error(`sign-in of ${login} failed: ${r.status} ${r.text}`);
    return r.body;
  }
}
