/**
 * The API contract, checked for every route in the table (so routes added later are covered):
 * malformed input of every kind gets a 4xx with the one error shape and changes nothing; random
 * input never gets a 5xx; the OpenAPI document lists every route; unknown paths answer properly.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Role } from "@otmetka/core/contracts/common.ts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildSchool, buildUser, type TestUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { routes } from "../../modules/index.ts";
import { createSession, SESSION_COOKIE } from "../auth/session.ts";
import { sql } from "../db/sql.ts";
import type { RouteDefinition } from "./route.ts";
import { WEB_DIST } from "./server.ts";
import {
  type Leaf,
  type Path,
  anyJson,
  arbitraryFor,
  awkwardString,
  fieldsOf,
  jsonSchemaOf,
  jsonType,
  objectsOf,
  resolve,
  sampleOf,
  setAt,
  wrongValueFor,
} from "../../../test/contract-samples.ts";

const routeKey = (r: RouteDefinition) => `${r.endpoint.method} ${r.endpoint.path}`;
/** Routes taking a JSON body; routes with `rawBody` (e.g. a CSV file) are checked apart. */
const bodyRoutes = routes.filter((r) => r.endpoint.body && !r.rawBody);
const rawBodyRoutes = routes.filter((r) => r.rawBody);
const BODY_LIMIT = 1024 * 1024;

// ---------------------------------------------------------------------------------------------

function expectErrorShape(body: unknown, context: string) {
  expect(body, context).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }),
  });
  const keys = Object.keys((body as { error: object }).error);
  expect(
    keys.every((k) => ["code", "message", "requestId", "issues", "details"].includes(k)),
    `${context}: ${keys.join()}`,
  ).toBe(true);
}

let ipCounter = 1;

describe.each(DATABASES)("API contract on %s", (kind) => {
  let t: TestApp;
  let schoolId: string;
  const users = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    schoolId = (await buildSchool(t.db)).schoolId;
    for (const role of ["admin", "teacher", "parent", "student"] as const) {
      users[role] = await buildUser(t.db, { schoolId, role });
    }
  });
  afterAll(async () => t?.close());

  function newSession(role: Role) {
    return createSession(t.db, {
      userId: users[role].id,
      schoolId,
      ip: "127.0.0.1",
      userAgent: "contract.test",
      mfaPending: false,
      ttlHours: 1,
      maxSessions: 1000,
      now: t.app.now(),
    });
  }

  /** A session that may call the route (null for public routes): the test is about input, not access. */
  function callerOf(route: RouteDefinition): Role | null {
    if (route.access === "public") return null;
    if (route.access === "signed_in") return "admin";
    return route.access.includes("admin") ? "admin" : (route.access[0] as Role);
  }

  interface Send {
    payload?: string | Buffer;
    contentType?: string | null;
    csrf?: boolean;
    url?: string;
  }

  async function send(route: RouteDefinition, options: Send = {}) {
    const role = callerOf(route);
    // A new session each time: some routes end the session they are called with.
    const token = role ? await newSession(role) : null;
    const e = route.endpoint;
    const response = await t.server.inject({
      method: e.method,
      url: options.url ?? e.path.replace(/:[A-Za-z]+/g, () => randomUUID()),
      remoteAddress: `10.201.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`,
      headers: {
        ...(options.csrf === false || e.method === "GET" ? {} : { "x-otmetka-csrf": "1" }),
        ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
        ...(options.contentType === null ? {} : { "content-type": options.contentType ?? "application/json" }),
      },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    });
    let body: unknown = null;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = response.body;
    }
    return { status: response.statusCode, body, headers: response.headers };
  }

  /** Rows of `events` this test could have caused (on a shared PostgreSQL other files write too). */
  async function eventCount(): Promise<number> {
    const ids = Object.values(users).map((u) => u.id);
    const row = await t.db.one<{ n: number }>(
      kind === "pglite"
        ? sql`select count(*)::int as n from events`
        : sql`select count(*)::int as n from events where school_id = ${schoolId} or actor_user_id = any(${ids}::uuid[]) or entity_id = any(${ids}::text[])`,
    );
    return row.n;
  }

  function expectIssueAt(response: { status: number; body: unknown }, path: Path, context: string, code?: string) {
    expect(response.status, `${context}: ${JSON.stringify(response.body).slice(0, 300)}`).toBe(400);
    expectErrorShape(response.body, context);
    const error = (response.body as { error: { code: string; issues?: { path: (string | number)[]; code: string }[] } }).error;
    expect(error.code, context).toBe("validation_failed");
    const wanted = ["body", ...path];
    const found = error.issues?.some((i) => wanted.every((p, n) => String(i.path[n]) === p) && (code === undefined || i.code === code));
    expect(found, `${context}: no issue at ${wanted.join(".")}${code ? ` (${code})` : ""} in ${JSON.stringify(error.issues)}`).toBe(true);
  }

  it("walks at least one route with a body", () => {
    expect(bodyRoutes.length).toBeGreaterThan(0);
  });

  describe.each(rawBodyRoutes.map((r) => [routeKey(r), r] as const))("%s (raw body)", (_key, route) => {
    const type = route.rawBody as string;
    const limit = route.bodyLimit ?? BODY_LIMIT;

    it("refuses another content type (415), a body over its limit (413) and a missing CSRF header (403), and changes nothing", async () => {
      const before = await eventCount();
      const cases: [string, Send, number, string][] = [
        ["JSON", { payload: "{}", contentType: "application/json" }, 415, "unsupported_media_type"],
        ["text/plain", { payload: "a,b\n", contentType: "text/plain" }, 415, "unsupported_media_type"],
        ["no content type", { payload: "a,b\n", contentType: null }, 415, "unsupported_media_type"],
        ["over the limit", { payload: Buffer.alloc(limit + 1, 0x61), contentType: type }, 413, "payload_too_large"],
        ["no CSRF header", { payload: "a,b\n", contentType: type, csrf: false }, 403, "forbidden"],
      ];
      for (const [name, options, status, code] of cases) {
        const r = await send(route, options);
        expect(r.status, `${name}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(status);
        expectErrorShape(r.body, name);
        expect((r.body as { error: { code: string } }).error.code, name).toBe(code);
      }
      expect(await eventCount()).toBe(before);
    });

    it("never answers random bytes or text with a 5xx", async () => {
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc
          .array(fc.array(awkwardString, { maxLength: 6 }), { maxLength: 6 })
          .map((rows) => Buffer.from(rows.map((r) => r.join(",")).join("\r\n"))),
      );
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const r = await send(route, { payload, contentType: type });
          expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBeLessThan(500);
          if (r.status >= 400) expectErrorShape(r.body, payload.toString("utf8").slice(0, 200));
        }),
        { numRuns: 40 },
      );
    });
  });

  describe.each(bodyRoutes.map((r) => [routeKey(r), r] as const))("%s", (_key, route) => {
    const root = jsonSchemaOf(route.endpoint.body as z.ZodType);
    const sample = sampleOf(root, root);
    const fields = fieldsOf(root, root, sample);
    const json = (value: unknown) => ({ payload: JSON.stringify(value) });

    it("refuses wrong JSON types, missing fields and unknown fields, naming each field, and changes nothing", async () => {
      const before = await eventCount();
      if (jsonType(sample) !== "object") {
        expectIssueAt(await send(route, json("not an object")), [], "a string body");
        return;
      }
      expectIssueAt(await send(route, json([sample])), [], "an array body");
      expectIssueAt(await send(route, json(null)), [], "null as the body");
      for (const leaf of fields) {
        const wrong = wrongValueFor(leaf, root);
        if (wrong === undefined) continue;
        expectIssueAt(
          await send(route, json(setAt(sample, leaf.path, wrong))),
          leaf.path,
          `${leaf.path.join(".")} = ${JSON.stringify(wrong)}`,
        );
      }
      for (const key of root.required ?? []) {
        expectIssueAt(await send(route, json(setAt(sample, [key], undefined))), [key], `without ${key}`);
      }
      for (const path of objectsOf(sample)) {
        expectIssueAt(
          await send(route, json(setAt(sample, [...path, "unexpectedField"], 1))),
          path,
          `unknown field at ${path.join(".") || "the top"}`,
          "unrecognized_keys",
        );
      }
      expect(await eventCount()).toBe(before);
    });

    it("refuses a 10 kB string in every string field, one at a time and all at once", async () => {
      const before = await eventCount();
      const strings = fields.filter((f) => typeof f.path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], sample) === "string");
      const longFor = (leaf: Leaf) => "x".repeat(Math.max(10_240, (resolve(leaf.schema, root).maxLength ?? 0) + 1));
      let all = sample;
      for (const leaf of strings) {
        expectIssueAt(await send(route, json(setAt(sample, leaf.path, longFor(leaf)))), leaf.path, `10 kB in ${leaf.path.join(".")}`);
        all = setAt(all, leaf.path, longFor(leaf));
      }
      if (strings.length) expectIssueAt(await send(route, json(all)), [], "10 kB in every string field");
      expect(await eventCount()).toBe(before);
    });

    it("refuses broken transport: over 1 MiB (413), invalid JSON and bad UTF-8 (400), other content types (415), no CSRF header (403)", async () => {
      const before = await eventCount();
      const cases: [string, Send, number, string][] = [
        [
          "over 1 MiB",
          { payload: JSON.stringify({ ...(sample as object), padding: "x".repeat(1024 * 1024 + 1) }) },
          413,
          "payload_too_large",
        ],
        ["invalid JSON", { payload: '{"a": ' }, 400, "bad_request"],
        ["a trailing comma", { payload: "{,}" }, 400, "bad_request"],
        ["a NUL character in a string", { payload: '{"x": "a\\u0000b"}' }, 400, "bad_request"],
        ["a NUL character in a key", { payload: '{"a\\u0000": 1}' }, 400, "bad_request"],
        ["an unpaired surrogate", { payload: '{"x": ["\\ud800"]}' }, 400, "bad_request"],
        ["a __proto__ key", { payload: '{"__proto__": {"isAdmin": true}}' }, 400, "bad_request"],
        ["a constructor.prototype key", { payload: '{"a": {"constructor": {"prototype": {"isAdmin": true}}}}' }, 400, "bad_request"],
        [
          "bad UTF-8",
          { payload: Buffer.concat([Buffer.from('{"x": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) },
          400,
          "bad_request",
        ],
        ["text/plain", { payload: JSON.stringify(sample), contentType: "text/plain" }, 415, "unsupported_media_type"],
        ["a form", { payload: "a=1&b=2", contentType: "application/x-www-form-urlencoded" }, 415, "unsupported_media_type"],
        ["multipart", { payload: "--b\r\n\r\nx\r\n--b--", contentType: "multipart/form-data; boundary=b" }, 415, "unsupported_media_type"],
        ["XML", { payload: "<a/>", contentType: "application/xml" }, 415, "unsupported_media_type"],
        ["no content type", { payload: JSON.stringify(sample), contentType: null }, 415, "unsupported_media_type"],
        ["no CSRF header", { payload: JSON.stringify(sample), csrf: false }, 403, "forbidden"],
      ];
      for (const [name, options, status, code] of cases) {
        const r = await send(route, options);
        expect(r.status, `${name}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(status);
        expectErrorShape(r.body, name);
        expect((r.body as { error: { code: string } }).error.code, name).toBe(code);
      }
      expect(await eventCount()).toBe(before);
    });

    it("never answers random JSON with a 5xx, and answers every refusal with the error shape", async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: arbitraryFor(root, root), weight: 4 }, { arbitrary: anyJson, weight: 1 }), async (body) => {
          const r = await send(route, { payload: JSON.stringify(body) ?? "null" });
          expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBeLessThan(500);
          if (r.status >= 400) expectErrorShape(r.body, JSON.stringify(body).slice(0, 200));
        }),
        { numRuns: 40 },
      );
    });
  });

  it("never answers random query strings and path parameters with a 5xx", async () => {
    /** Every UTF-8 byte %-escaped (encodeURIComponent throws on unpaired surrogates). */
    const percentEncode = (text: string) => [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
    const text = fc.oneof(awkwardString, fc.constantFrom("1", "0", "-1", "1e309", "2026-02-30", randomUUID(), "true", "null"));
    /** Already-escaped pieces, some of them broken on purpose. */
    const segment = fc.oneof(
      text.map((v) => percentEncode(v) || "x"),
      fc.constantFrom("%ZZ", "%E0%A4%A", "%ff%fe", "%00", "a".repeat(300), "%2F", ".."),
    );
    for (const route of routes) {
      const e = route.endpoint;
      const queryKeys = e.query ? Object.keys(jsonSchemaOf(e.query as z.ZodType).properties ?? {}) : [];
      const params = e.path.match(/:[A-Za-z]+/g) ?? [];
      if (!queryKeys.length && !params.length) continue;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys, "unknown").map(percentEncode), segment), segment), { maxLength: 4 }),
          fc.array(segment, { minLength: params.length, maxLength: params.length }),
          async (query, values) => {
            let n = 0;
            const path = e.path.replace(/:[A-Za-z]+/g, () => values[n++] ?? "x");
            const search = e.query && query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
            const url = `${path}${search}`;
            const body: Send = route.rawBody
              ? { payload: "a,b\n", contentType: route.rawBody }
              : e.body
                ? { payload: "{}" }
                : { contentType: null };
            const r = await send(route, { url, ...body });
            expect(r.status, `${e.method} ${url}: ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(500);
            if (r.status >= 400) expectErrorShape(r.body, `${e.method} ${url}`);
          },
        ),
        { numRuns: 15 },
      );
    }
  }, 300_000);

  it("publishes OpenAPI 3.1 listing every route with a response schema", async () => {
    const r = await t.server.inject({ method: "GET", url: "/api/openapi.json" });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as {
      openapi: string;
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const missing: string[] = [];
    for (const route of routes) {
      const e = route.endpoint;
      const operation = doc.paths[e.path.replace(/:([A-Za-z]+)/g, "{$1}")]?.[e.method.toLowerCase()];
      const schema = operation?.responses?.[String(e.status ?? 200)]?.content?.[route.responseType ?? "application/json"]?.schema;
      if (!operation) missing.push(`${routeKey(route)}: not listed`);
      else if (!schema) missing.push(`${routeKey(route)}: no response schema`);
    }
    expect(missing).toEqual([]);
    const listed = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(listed).toBe(routes.length);
  });

  it("serves readable API documentation at /api/docs", async () => {
    let r = await t.server.inject({ method: "GET", url: "/api/docs" });
    for (let hops = 0; r.statusCode >= 300 && r.statusCode < 400 && hops < 3; hops++) {
      r = await t.server.inject({ method: "GET", url: new URL(String(r.headers.location), "http://localhost/api/docs").pathname });
    }
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toMatch(/text\/html/);
    expect(r.body).toMatch(/<html/i);
    const scripts = [...r.body.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await t.server.inject({ method: "GET", url: new URL(src, "http://localhost/api/docs/").pathname });
      expect(asset.statusCode, src).toBe(200);
    }
  });

  it("answers an unknown API path or method with 404 and the error shape", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/no-such-thing"],
      ["POST", "/api/v1/no-such-thing"],
      ["GET", "/api"],
      ["GET", "/api/"],
      ["GET", "/api/v2/me"],
      ["DELETE", "/api/v1/me"],
    ] as const) {
      const r = await t.server.inject({ method, url, headers: { "x-otmetka-csrf": "1" } });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expectErrorShape(r.json(), `${method} ${url}`);
      expect(r.json().error.code).toBe("not_found");
    }
  });

  it.skipIf(!existsSync(join(WEB_DIST, "index.html")))(
    "serves the web app's index.html for any other page (client-side routes)",
    async () => {
      for (const url of ["/", "/journal/2026-09-01", "/settings/school?tab=1"]) {
        const r = await t.server.inject({ method: "GET", url });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers["content-type"]).toMatch(/text\/html/);
        expect(r.body).toMatch(/<div id="root"/);
      }
      const missingAsset = await t.server.inject({ method: "POST", url: "/journal", headers: { "x-otmetka-csrf": "1" } });
      expect(missingAsset.statusCode).toBe(404);
    },
  );
});
