/**
 * Walks the whole route table (DESIGN.md §5.1, STYLE.md §3): every route declares who may call
 * it, no session means 401, a role outside the route's access means 403, and the outcome of
 * every route for every role is written down below. Routes added later are walked automatically;
 * the test fails until their row is added to EXPECTED (routes.expected.ts).
 */
import { randomUUID } from "node:crypto";
import { ROLES, type Role } from "@otmetka/core/contracts/common.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool, buildUser } from "../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../test/harness.ts";
import { createSession, SESSION_COOKIE } from "../platform/auth/session.ts";
import { buildServer } from "../platform/http/server.ts";
import { isAccess, type RouteDefinition } from "../platform/http/route.ts";
import { routes } from "./index.ts";
import { EXPECTED, WHO, type Who } from "./routes.expected.ts";

const routeKey = (r: RouteDefinition) => `${r.endpoint.method} ${r.endpoint.path}`;
const accessOf = (r: RouteDefinition) => JSON.stringify(r.access);

/** May this caller pass the route's access check? */
function isAllowed(route: RouteDefinition, who: Who): boolean {
  if (route.access === "public") return true;
  if (who === "anonymous") return false;
  if (route.access === "signed_in") return true;
  return route.access.includes(who);
}

function expectErrorShape(body: unknown) {
  expect(body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }),
  });
  const keys = Object.keys((body as { error: object }).error);
  expect(
    keys.every((k) => ["code", "message", "requestId", "issues", "details"].includes(k)),
    keys.join(),
  ).toBe(true);
}

let ipCounter = 1;

async function streamText(stream: AsyncIterable<Buffer | string>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

interface Observed {
  status: number;
  body: unknown;
}

describe.each(DATABASES)("route table on %s", (kind) => {
  let t: TestApp;
  const observed = new Map<string, Record<Who, Observed>>();

  /** A school of its own for each route (so one route's effects cannot change another's), with one user and session per role. */
  async function sessionsForOneRoute(): Promise<Record<Role, string>> {
    const { schoolId } = await buildSchool(t.db);
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES) {
      const user = await buildUser(t.db, { schoolId, role });
      tokens[role] = await createSession(t.db, {
        userId: user.id,
        schoolId,
        ip: "127.0.0.1",
        userAgent: "routes.test",
        mfaPending: false,
        ttlHours: 1,
        maxSessions: 10,
        now: t.app.now(),
      });
    }
    return tokens;
  }

  async function call(route: RouteDefinition, token: string | null): Promise<Observed> {
    const e = route.endpoint;
    const url = e.path.replace(/:[A-Za-z]+/g, () => randomUUID());
    const response = await t.server.inject({
      method: e.method,
      url,
      remoteAddress: `10.200.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`,
      headers: {
        ...(e.method === "GET" ? {} : { "x-otmetka-csrf": "1" }),
        ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
        ...(e.body ? { "content-type": route.rawBody ?? "application/json" } : {}),
      },
      ...(e.body ? { payload: route.rawBody ? "x\n" : "{}" } : {}),
      // An event stream never ends: read it as a stream, so the answer arrives with the headers.
      ...(route.responseType === "text/event-stream" ? { payloadAsStream: true } : {}),
    });
    if (route.responseType === "text/event-stream" && response.statusCode === 200) {
      response.stream().destroy();
      return { status: response.statusCode, body: null };
    }
    let body: unknown = null;
    const text = route.responseType === "text/event-stream" ? await streamText(response.stream()) : response.body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.statusCode, body };
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const route of routes) {
      const tokens = await sessionsForOneRoute();
      const outcomes = {} as Record<Who, Observed>;
      // Roles first, anonymous last: a role's call may end its own session (logout), never another's.
      for (const who of [...ROLES, "anonymous"] as const) outcomes[who] = await call(route, who === "anonymous" ? null : tokens[who]);
      observed.set(routeKey(route), outcomes);
    }
  }, 300_000);
  afterAll(async () => t?.close());

  it("has routes, each declaring a valid access, with no method and path twice", () => {
    expect(routes.length).toBeGreaterThan(0);
    const invalid = routes.filter((r) => !isAccess(r.access)).map(routeKey);
    expect(invalid, "routes without a valid access").toEqual([]);
    const keys = routes.map(routeKey);
    expect(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      "routes registered twice",
    ).toEqual([]);
    for (const r of routes) expect(r.endpoint.path, routeKey(r)).toMatch(/^\/api\/v1\//);
  });

  it("answers 401 with the error shape to every non-public route without a session", () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access !== "public")) {
      const o = observed.get(routeKey(route))?.anonymous;
      if (o?.status !== 401) wrong.push(`${routeKey(route)} → ${o?.status}`);
      else {
        expectErrorShape(o.body);
        expect((o.body as { error: { code: string } }).error.code).toBe("unauthenticated");
      }
    }
    expect(wrong, "non-public routes that did not answer 401 without a session").toEqual([]);
  });

  it("refuses a role outside the route's access with 403, and never refuses a role inside it", () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const o = observed.get(routeKey(route))?.[role];
        if (!o) continue;
        if (!isAllowed(route, role)) {
          if (o.status !== 403) wrong.push(`${routeKey(route)} as ${role} (access ${accessOf(route)}): ${o.status}, expected 403`);
          else expect((o.body as { error: { code: string } }).error.code).toBe("forbidden");
        } else if (o.status === 401 || o.status === 403) {
          wrong.push(`${routeKey(route)} as ${role} (access ${accessOf(route)}): ${o.status}, but the role is let in`);
        }
        if (o.status >= 500) wrong.push(`${routeKey(route)} as ${role}: ${o.status} ${JSON.stringify(o.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers every error with the one error shape", () => {
    for (const [key, outcomes] of observed) {
      for (const who of WHO) {
        const o = outcomes[who];
        if (o.status >= 400) expectErrorShape(o.body);
        else expect(o.status, `${key} as ${who}`).toBeLessThan(300);
      }
    }
  });

  it("has a row in EXPECTED for every registered route, and none for a route that is gone", () => {
    const missing = routes.filter((r) => !(routeKey(r) in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((k) => !routes.some((r) => routeKey(r) === k));
    const rows: string[] = [];
    for (const tag of new Set(missing.map((r) => r.endpoint.tag))) {
      rows.push(`  // ${tag}`);
      for (const r of missing.filter((m) => m.endpoint.tag === tag)) {
        const o = observed.get(routeKey(r));
        const cells = WHO.map((who) => `${who}: ${o?.[who].status}`).join(", ");
        rows.push(`  "${routeKey(r)}": { ${cells} }, // access ${accessOf(r)}`);
      }
    }
    const message = [
      missing.length ? `${missing.length} route(s) have no row in EXPECTED (server/src/modules/routes.test.ts).` : "",
      missing.length ? `Observed now; check each number, then paste:\n${rows.join("\n")}` : "",
      stale.length ? `Rows for routes that are no longer registered; delete them: ${stale.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    if (message) console.error(message);
    expect(missing.map(routeKey), message).toEqual([]);
    expect(stale, message).toEqual([]);
  });

  it("answers every route as EXPECTED says", () => {
    const differences: string[] = [];
    for (const route of routes) {
      const expected = EXPECTED[routeKey(route)];
      const o = observed.get(routeKey(route));
      if (!expected || !o) continue;
      for (const who of WHO) {
        if (o[who].status !== expected[who]) {
          differences.push(
            `${routeKey(route)} as ${who}: ${o[who].status} (expected ${expected[who]}) ${JSON.stringify(o[who].body).slice(0, 200)}`,
          );
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it("refuses to start with an /api route registered without route(), or with a route whose access is invalid", async () => {
    const plain = await buildServer(t.app, routes);
    let refusal: unknown = null;
    try {
      plain.get("/api/v1/sneaky", async () => ({ secret: true }));
      await plain.ready();
    } catch (error) {
      refusal = error;
    }
    await plain.close().catch(() => {});
    expect(String(refusal)).toMatch(/GET \/api\/v1\/sneaky has no access policy/);

    // A page outside /api needs no access policy.
    const page = await buildServer(t.app, routes);
    page.get("/healthz", async () => "ok");
    await page.ready();
    await page.close();

    const template = routes[0] as RouteDefinition;
    for (const access of [undefined, [], ["superuser"], "everyone"]) {
      const broken = { ...template, endpoint: { ...template.endpoint, path: "/api/v1/broken" }, access } as unknown as RouteDefinition;
      await expect(
        (async () => {
          const s = await buildServer(t.app, [broken]);
          try {
            await s.ready();
          } finally {
            await s.close().catch(() => {});
          }
        })(),
        JSON.stringify(access),
      ).rejects.toThrow(/access/);
    }
  });
});
