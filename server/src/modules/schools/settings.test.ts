import { DEFAULT_SCHOOL_SETTINGS } from "@otmetka/core/contracts/settings.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { eventsOf, schoolWithAdmin, signedInAs, structureSnapshot } from "../../../test/structure-factories.ts";

const changed = { ...DEFAULT_SCHOOL_SETTINGS, roundingRule: "X65" as const, editWindowDays: 7 };

describe.each(DATABASES)("school settings on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("starts at the defaults (version 0), saves new versions and keeps every old one", async () => {
    const { schoolId, client, admin } = await schoolWithAdmin(t);
    const initial = await client.get("/api/v1/school/settings");
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      version: 0,
      settings: DEFAULT_SCHOOL_SETTINGS,
      createdAt: null,
      createdBy: null,
      abilities: { edit: true },
    });

    const first = await client.put("/api/v1/school/settings", { baseVersion: 0, settings: changed });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, settings: changed, createdBy: { id: admin.id, displayName: "Захарова Ирина" } });
    expect(Date.parse(first.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const weights = { ...changed, workTypes: [{ code: "oral", name: "Ответ", abbr: "УО", weightTenths: 3 }] };
    const second = await client.put("/api/v1/school/settings", { baseVersion: 1, settings: weights });
    expect(second.body.version).toBe(2);
    expect((await client.get("/api/v1/school/settings")).body).toMatchObject({ version: 2, settings: weights });

    const history = await client.get("/api/v1/school/settings/history");
    expect(history.status).toBe(200);
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body.items[1].settings).toEqual(changed);

    const events = await eventsOf(t.db, schoolId, "school_settings", schoolId);
    expect(events.map((e) => e.action)).toEqual(["update", "update"]);
    expect(events[0]).toMatchObject({
      actor_user_id: admin.id,
      before: { version: 0, settings: { roundingRule: "HALF_UP" } },
      after: { version: 1, settings: { roundingRule: "X65" } },
    });
  });

  it("refuses a save based on a stale version with 409 and keeps the other admin's change", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const other = await signedInAs(t, schoolId, "admin");
    expect((await other.client.put("/api/v1/school/settings", { baseVersion: 0, settings: changed })).status).toBe(200);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const stale = await client.put("/api/v1/school/settings", { baseVersion: 0, settings: { ...changed, minMarksForPeriod: 5 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", details: { reason: "stale_version", currentVersion: 1 } });
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
    // A version from the future is stale too.
    expect((await client.put("/api/v1/school/settings", { baseVersion: 7, settings: changed })).status).toBe(409);
  });

  it("lets only one of two admins saving at the same time win", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const other = await signedInAs(t, schoolId, "admin");
    const results = await Promise.all([
      client.put("/api/v1/school/settings", { baseVersion: 0, settings: changed }),
      other.client.put("/api/v1/school/settings", { baseVersion: 0, settings: { ...changed, minMarksForPeriod: 4 } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await client.get("/api/v1/school/settings/history")).body.items).toHaveLength(1);
  });

  it("adds no version when nothing changed", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    await client.put("/api/v1/school/settings", { baseVersion: 0, settings: changed });
    const snapshot = await structureSnapshot(t.db, schoolId);
    const same = await client.put("/api/v1/school/settings", { baseVersion: 1, settings: changed });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("refuses settings that break a rule, with the field of each problem, and changes nothing", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const cases: [unknown, string[], string][] = [
      [
        { ...changed, workTypes: [...changed.workTypes, { ...changed.workTypes[0] }] },
        ["body", "settings", "workTypes", "9", "code"],
        "duplicate_code",
      ],
      [
        { ...changed, periodSystem: [{ gradeFrom: 1, gradeTo: 9, kind: "quarter" }] },
        ["body", "settings", "periodSystem"],
        "grades_not_covered",
      ],
      [
        {
          ...changed,
          periodSystem: [
            { gradeFrom: 1, gradeTo: 9, kind: "quarter" },
            { gradeFrom: 9, gradeTo: 11, kind: "half_year" },
          ],
        },
        ["body", "settings", "periodSystem", "1", "gradeFrom"],
        "grades_overlap",
      ],
      [
        { ...changed, periodSystem: [{ gradeFrom: 11, gradeTo: 1, kind: "quarter" }] },
        ["body", "settings", "periodSystem", "0", "gradeTo"],
        "grade_range_reversed",
      ],
    ];
    for (const [settings, path, code] of cases) {
      const r = await client.put("/api/v1/school/settings", { baseVersion: 0, settings });
      expect(r.status).toBe(400);
      expect(r.body.error.issues.map((i: { path: unknown[] }) => i.path.map(String))).toContainEqual(path);
      expect(r.body.error.issues.map((i: { code: string }) => i.code)).toContain(code);
    }
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("refuses a wrong shape: weights outside 0.1–10, missing fields, unknown fields, a fractional weight", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const { roundingRule: _, ...withoutRounding } = changed;
    const bodies = [
      { baseVersion: 0, settings: { ...changed, workTypes: [{ ...changed.workTypes[0], weightTenths: 0 }] } },
      { baseVersion: 0, settings: { ...changed, workTypes: [{ ...changed.workTypes[0], weightTenths: 2.5 }] } },
      { baseVersion: 0, settings: { ...changed, workTypes: [{ ...changed.workTypes[0], weightTenths: 101 }] } },
      { baseVersion: 0, settings: { ...changed, workTypes: [] } },
      { baseVersion: 0, settings: withoutRounding },
      { baseVersion: 0, settings: { ...changed, roundingRule: "ROUND_DOWN" } },
      { baseVersion: 0, settings: { ...changed, attendanceLetters: { ...changed.attendanceLetters, LATE: "" } } },
      { baseVersion: 0, settings: { ...changed, colour: "red" } },
      { settings: changed },
      { baseVersion: -1, settings: changed },
    ];
    for (const body of bodies) {
      const r = await client.put("/api/v1/school/settings", body);
      expect(r.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("is for admins only, and each admin works on their own school's settings", async () => {
    const a = await schoolWithAdmin(t);
    const b = await schoolWithAdmin(t);
    for (const role of ["teacher", "parent", "student"] as const) {
      const { client } = await signedInAs(t, a.schoolId, role);
      expect((await client.get("/api/v1/school/settings")).status).toBe(403);
      expect((await client.get("/api/v1/school/settings/history")).status).toBe(403);
      expect((await client.put("/api/v1/school/settings", { baseVersion: 0, settings: changed })).status).toBe(403);
    }
    expect((await b.client.put("/api/v1/school/settings", { baseVersion: 0, settings: changed })).status).toBe(200);
    expect((await a.client.get("/api/v1/school/settings")).body.version).toBe(0);
    expect((await a.client.get("/api/v1/school/settings/history")).body.items).toEqual([]);
  });
});
