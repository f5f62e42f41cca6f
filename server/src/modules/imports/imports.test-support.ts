/** What the import tests share: a signed-in caller that can upload raw bytes, and the fixtures made unique per school. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Role } from "@otmetka/core/contracts/common.ts";
import type { ImportKind } from "@otmetka/core/contracts/imports.ts";
import iconv from "iconv-lite";
import { buildSchool, buildUser } from "../../../test/factories.ts";
import type { TestApp } from "../../../test/harness.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

let ipCounter = 1;

/** A signed-in user whose requests carry the session cookie and the CSRF header, with raw-byte uploads. */
export class Caller {
  private readonly t: TestApp;
  private readonly cookie: string;
  private readonly ip = `10.77.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

  constructor(t: TestApp, cookie: string) {
    this.t = t;
    this.cookie = cookie;
  }

  static async signIn(t: TestApp, schoolId: string, role: Role): Promise<Caller & { userId: string }> {
    const user = await buildUser(t.db, { schoolId, role, lastName: "Захарова", firstName: "Ирина" });
    const r = await t.server.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "x-otmetka-csrf": "1", "content-type": "application/json" },
      payload: JSON.stringify({ login: user.login, password: user.password }),
    });
    if (r.statusCode !== 200) throw new Error(`sign-in failed: ${r.statusCode} ${r.body}`);
    const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    return Object.assign(new Caller(t, cookie), { userId: user.id });
  }

  async send(method: "GET" | "POST", url: string, payload?: Uint8Array | string, contentType = "text/csv") {
    const r = await this.t.server.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        cookie: this.cookie,
        ...(method === "GET" ? {} : { "x-otmetka-csrf": "1" }),
        ...(payload !== undefined ? { "content-type": contentType } : {}),
      },
      ...(payload !== undefined ? { payload: typeof payload === "string" ? payload : Buffer.from(payload) } : {}),
    });
    let body: any = null;
    try {
      body = JSON.parse(r.body);
    } catch {
      body = null;
    }
    return { status: r.statusCode, body, text: r.body, headers: r.headers, raw: r.rawPayload };
  }

  get(url: string) {
    return this.send("GET", url);
  }

  /** Dry run by default, as the endpoint. */
  upload(kind: ImportKind, file: Uint8Array | string, query: Record<string, string> = {}) {
    const search = new URLSearchParams(query).toString();
    return this.send("POST", `/api/v1/imports/roster/${kind}${search ? `?${search}` : ""}`, file);
  }

  import(kind: ImportKind, file: Uint8Array | string, query: Record<string, string> = {}) {
    return this.upload(kind, file, { ...query, dryRun: "false" });
  }
}

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`fixtures/${name}`, import.meta.url));
}

export const utf8 = (bytes: Buffer) => bytes.toString("utf8");

/**
 * The fixtures' e-mails and phones made unique to one school: logins are global, and other tests
 * (and earlier runs on PostgreSQL) use the same files. One Personaliser per school keeps a phone
 * the same across its files.
 */
export class Personaliser {
  private readonly domain = `s${randomUUID().slice(0, 8)}.example`;
  private readonly phones = new Map<string, string>();

  apply(text: string): string {
    return text
      .replace(/@(school1|mail)\.example/g, (_, d: string) => `@${d}.${this.domain}`)
      .replace(/(?:\+7|8)\s?\(?9\d{2}\)?\s?\d{3}-\d{2}-\d{2}|89\d{9}/g, (raw) => this.phone(raw));
  }

  /** The replacement of a fixture phone, in E.164. */
  phone(raw: string): string {
    const key = raw.replace(/\D/g, "").slice(-10);
    let value = this.phones.get(key);
    if (!value) {
      value = `+79${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
      this.phones.set(key, value);
    }
    return value;
  }

  email(local: string, domain: "school1" | "mail"): string {
    return `${local}@${domain}.${this.domain}`;
  }
}

/** A school with a signed-in admin and a Personaliser for its files. */
export async function importSchool(t: TestApp) {
  const school = await buildSchool(t.db);
  const admin = await Caller.signIn(t, school.schoolId, "admin");
  return { ...school, admin, files: new Personaliser() };
}

/** Teachers, classes and students of the fixtures, imported in order; returns the school. */
export async function importRoster(t: TestApp, kinds: readonly ImportKind[] = ["teachers", "classes", "students"]) {
  const school = await importSchool(t);
  for (const kind of kinds) {
    const r = await school.admin.import(kind, school.files.apply(utf8(fixture(`${kind}.csv`))));
    if (r.status !== 200) throw new Error(`import of ${kind} failed: ${r.status} ${r.text.slice(0, 2000)}`);
  }
  return school;
}

export const cp1251 = (text: string) => iconv.encode(text, "win1251");

/** Rows of the roster tables in a school: proves a refused import changed nothing. */
export async function rosterCounts(db: Db, schoolId: string) {
  const count = async (table: string) =>
    (await db.one<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where school_id = ${schoolId}`)).n;
  return {
    people: await count("people"),
    enrolments: await count("enrolments"),
    guardianships: await count("guardianships"),
    classes: await count("classes"),
    memberships: await count("memberships"),
    events: await count("events"),
  };
}
