/**
 * Walks the whole route table (DESIGN.md §5.1, STYLE.md §3): every route declares who may call
 * it, no session means 401, a role outside the route's access means 403, and the outcome of
 * every route for every role is written down below. Routes added later are walked automatically;
 * the test fails until their row is added to EXPECTED.
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

type Who = "anonymous" | Role;
const WHO: readonly Who[] = ["anonymous", ...ROLES];
type Outcomes = Record<Who, number>;

/**
 * What each route answers to each caller, when called with random uuids for path parameters,
 * no query string, and `{}` as the body of routes that take one (a one-line file for routes with
 * a `rawBody` type), so 400 is "let in, then refused for the missing fields". Every caller is
 * signed in to a school of their own with one role; "anonymous" has no session. 401/403 must
 * match the route's `access`.
 *
 * Adding a route? Run this test: it prints the rows to paste here, with what it observed. Check
 * each number is what you mean before pasting it.
 */
const EXPECTED: Record<string, Outcomes> = {
  // accounts
  "GET /api/v1/me": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  // class-teacher
  "GET /api/v1/classes/:classId/absences": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/absences/excuse": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/classes/:classId/journal-completion": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  // home
  "GET /api/v1/home/setup": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/me/class-sizes": { anonymous: 401, admin: 403, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/me/children": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "GET /api/v1/me/student": { anonymous: 401, admin: 403, teacher: 403, parent: 403, student: 404 },
  // school profile, settings and structure (years, periods, holidays, subjects, classes, subgroups)
  "DELETE /api/v1/holidays/:holidayId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/academic-years": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/academic-years/:yearId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/academic-years/:yearId/holidays": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/academic-years/:yearId/periods": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/classes": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/classes/:classId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/classes/teacher-candidates": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/school": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/school/settings": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/school/settings/history": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/subjects": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "PATCH /api/v1/academic-years/:yearId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/class-groups/:groupId": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/classes/:classId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/holidays/:holidayId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/periods/:periodId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/subjects/:subjectId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/holidays": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/periods": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/periods/generate": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/class-groups/:groupId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/class-groups/:groupId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/groups": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/periods/:periodId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/periods/:periodId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/subjects": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/subjects/:subjectId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/subjects/:subjectId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PUT /api/v1/school": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "PUT /api/v1/school/settings": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  // sign-in, registration, password reset, second factor
  "POST /api/v1/auth/login": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/logout": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "POST /api/v1/auth/register": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/register/confirm": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/register/resend": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/password-reset": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/password-reset/confirm": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/mfa": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/mfa/send": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  // own account: password, second factor, sessions (session ids are not uuids: 400)
  "POST /api/v1/me/password": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/me/mfa/totp/setup": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "POST /api/v1/me/mfa/totp/enable": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/me/mfa/disable": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "GET /api/v1/me/sessions": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "DELETE /api/v1/me/sessions/:id": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/me/sessions/revoke-others": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  // people
  "GET /api/v1/students": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/students/:studentId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/students/:studentId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/account": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/enrolments": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/transfer": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/enrolments/:enrolmentId/end": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/guardians": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "DELETE /api/v1/students/:studentId/guardians/:parentUserId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/classes/:classId/roster": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  // staff
  "GET /api/v1/staff": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/staff": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/staff/:userId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/staff/:userId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/staff/:userId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/staff/:userId/invitation": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/teaching-assignments": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/teaching-assignments": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/teaching-assignments/:assignmentId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/me/teaching": { anonymous: 401, admin: 403, teacher: 200, parent: 403, student: 403 },
  // audit
  "GET /api/v1/audit/events": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/audit/verify": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  // live updates (an event stream: the walk reads its status and headers, then hangs up)
  "GET /api/v1/live": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  // imports
  "GET /api/v1/imports/roster/:kind/template": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/imports/roster/:kind": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  // lessons: the lesson page (who sees it is decided per lesson: 404 otherwise), topics, homework and its marks
  "GET /api/v1/lessons/:lessonId": { anonymous: 401, admin: 404, teacher: 404, parent: 404, student: 404 },
  "PUT /api/v1/lessons/:lessonId/topic": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/lessons/:lessonId/homework": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/homework/:homeworkId": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "DELETE /api/v1/homework/:homeworkId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "PUT /api/v1/homework/:homeworkId/done": { anonymous: 401, admin: 403, teacher: 403, parent: 403, student: 400 },
  "PUT /api/v1/homework/:homeworkId/students/:studentId/check": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/homework": { anonymous: 401, admin: 403, teacher: 403, parent: 400, student: 400 },
  // thematic plans (КТП)
  "GET /api/v1/lesson-plans": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "POST /api/v1/lesson-plans": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/lesson-plans/:planId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "PATCH /api/v1/lesson-plans/:planId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "DELETE /api/v1/lesson-plans/:planId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/lesson-plans/template/:format": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/lesson-plans/:planId/import": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "POST /api/v1/lesson-plans/:planId/fill-topics": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  // files (homework attachments; a download is 404 to whoever may not see the homework)
  "POST /api/v1/files": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/files/:fileId": { anonymous: 401, admin: 404, teacher: 404, parent: 404, student: 404 },
  // journal: grid, cells, lesson work types, period and year marks, unlocks (query/body required: 400)
  "GET /api/v1/journal": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/journal/lessons/:lessonId/cells/:studentId": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PATCH /api/v1/journal/lessons/:lessonId": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/journal/period-marks/:periodId/:subjectId/:studentId": {
    anonymous: 401,
    admin: 400,
    teacher: 400,
    parent: 403,
    student: 403,
  },
  "GET /api/v1/journal/year-marks": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/journal/year-marks/:academicYearId/:subjectId/:studentId": {
    anonymous: 401,
    admin: 400,
    teacher: 400,
    parent: 403,
    student: 403,
  },
  "GET /api/v1/journal/unlocks": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/journal/unlocks": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "DELETE /api/v1/journal/unlocks/:unlockId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  // grade import into one journal (the journal key is a required query: 400)
  "GET /api/v1/journal/grade-import/template": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/journal/grade-import": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  // timetable: bell times, weekly entries, lesson generation, week views, changes of dated lessons
  "GET /api/v1/academic-years/:yearId/bell-times": { anonymous: 401, admin: 404, teacher: 404, parent: 404, student: 404 },
  "PUT /api/v1/academic-years/:yearId/bell-times": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/timetable/entries": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/timetable/entries": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/timetable/entries/:entryId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/entries/:entryId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/generate": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/timetable/classes/:classId/week": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/timetable/day": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/me/timetable": { anonymous: 401, admin: 403, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/me/student/timetable": { anonymous: 401, admin: 403, teacher: 403, parent: 403, student: 404 },
  "GET /api/v1/me/children/:studentId/timetable": { anonymous: 401, admin: 403, teacher: 403, parent: 404, student: 403 },
  "POST /api/v1/timetable/lessons/extra": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/substitution": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/cancel": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/uncancel": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/room": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
};

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
