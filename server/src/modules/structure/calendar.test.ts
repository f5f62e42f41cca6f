import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { eventsOf, schoolWithAdmin, signedInAs, structureSnapshot } from "../../../test/structure-factories.ts";

const quarter = (n: number, startsOn: string, endsOn: string, grades: [number, number] = [1, 9]) => ({
  kind: "quarter",
  number: n,
  name: `${n} четверть`,
  startsOn,
  endsOn,
  gradeFrom: grades[0],
  gradeTo: grades[1],
});

describe.each(DATABASES)("academic years on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("creates, changes, archives and restores a year, each with an audit row", async () => {
    const { schoolId, yearId, client, admin } = await schoolWithAdmin(t);
    const created = await client.post("/api/v1/academic-years", { name: "2027/2028", startsOn: "2027-09-01", endsOn: "2028-05-26" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "2027/2028",
      startsOn: "2027-09-01",
      endsOn: "2028-05-26",
      archived: false,
      abilities: { edit: true, archive: true, restore: false },
    });
    const id = created.body.id;

    const changed = await client.patch(`/api/v1/academic-years/${id}`, { endsOn: "2028-05-31" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "2027/2028", endsOn: "2028-05-31" });

    const list = await client.get("/api/v1/academic-years");
    expect(list.body.items.map((y: { id: string }) => y.id)).toEqual([id, yearId]);

    const archived = await client.post(`/api/v1/academic-years/${id}/archive`);
    expect(archived.body).toMatchObject({ archived: true, abilities: { edit: false, archive: false, restore: true } });
    expect((await client.get("/api/v1/academic-years")).body.items.map((y: { id: string }) => y.id)).toEqual([yearId]);
    expect((await client.get("/api/v1/academic-years?includeArchived=true")).body.items).toHaveLength(2);
    expect((await client.patch(`/api/v1/academic-years/${id}`, { name: "x" })).status).toBe(409);
    expect((await client.post(`/api/v1/academic-years/${id}/restore`)).body.archived).toBe(false);

    const events = await eventsOf(t.db, schoolId, "academic_year", id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "archive", "restore"]);
    expect(events[1]).toMatchObject({ actor_user_id: admin.id, before: { endsOn: "2028-05-26" }, after: { endsOn: "2028-05-31" } });
  });

  it("refuses bad dates with 400 and a field issue, and changes nothing", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const cases: [unknown, string, string][] = [
      [{ name: "A", startsOn: "2028-09-01", endsOn: "2028-05-26" }, "endsOn", "ends_before_start"],
      [{ name: "B", startsOn: "2028-09-01", endsOn: "2028-09-01" }, "endsOn", "ends_before_start"],
      [{ name: "C", startsOn: "2028-09-01", endsOn: "2029-12-31" }, "endsOn", "year_too_long"],
      [{ name: "D", startsOn: "2027-01-01", endsOn: "2027-08-31" }, "startsOn", "overlaps_year"],
      [{ name: "E", startsOn: "2028-02-30", endsOn: "2028-05-26" }, "startsOn", "invalid_format"],
      [{ name: "", startsOn: "2028-09-01", endsOn: "2029-05-26" }, "name", "too_small"],
    ];
    for (const [body, field, code] of cases) {
      const r = await client.post("/api/v1/academic-years", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues).toContainEqual(expect.objectContaining({ path: ["body", field], code }));
    }
    expect((await client.patch(`/api/v1/academic-years/${yearId}`, { startsOn: "2026-09-01", endsOn: "2026-08-01" })).status).toBe(400);
    expect((await client.patch(`/api/v1/academic-years/${yearId}`, { colour: "red" })).status).toBe(400);
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("refuses a name already used in the school with 409", async () => {
    const { client } = await schoolWithAdmin(t);
    const r = await client.post("/api/v1/academic-years", { name: "2026/2027", startsOn: "2030-09-01", endsOn: "2031-05-26" });
    expect(r.status).toBe(409);
    expect(r.body.error.issues[0]).toMatchObject({ path: ["body", "name"], code: "name_taken" });
  });

  it("will not shrink a year past its periods and holidays", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    expect((await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(4, "2027-04-06", "2027-05-26"))).status).toBe(201);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const r = await client.patch(`/api/v1/academic-years/${yearId}`, { endsOn: "2027-05-20" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].code).toBe("periods_outside_year");
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });
});

describe.each(DATABASES)("study periods and holidays on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("adds, changes, archives and restores periods; lists them by grade range and date", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const q1 = await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(1, "2026-09-01", "2026-10-24"));
    expect(q1.status).toBe(201);
    expect(q1.body).toMatchObject({ academicYearId: yearId, kind: "quarter", number: 1, gradeFrom: 1, gradeTo: 9, archived: false });
    const h1 = await client.post(`/api/v1/academic-years/${yearId}/periods`, {
      ...quarter(1, "2026-09-01", "2026-12-30", [10, 11]),
      kind: "half_year",
      name: "1 полугодие",
    });
    expect(h1.status).toBe(201);
    const q2 = await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(2, "2026-11-03", "2026-12-30"));
    expect(q2.status).toBe(201);

    const list = await client.get(`/api/v1/academic-years/${yearId}/periods`);
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(["1 четверть", "2 четверть", "1 полугодие"]);

    const moved = await client.patch(`/api/v1/periods/${q2.body.id}`, { startsOn: "2026-11-05" });
    expect(moved.body.startsOn).toBe("2026-11-05");
    expect((await client.post(`/api/v1/periods/${q2.body.id}/archive`)).body.archived).toBe(true);
    expect((await client.get(`/api/v1/academic-years/${yearId}/periods`)).body.items).toHaveLength(2);
    expect((await client.get(`/api/v1/academic-years/${yearId}/periods?includeArchived=true`)).body.items).toHaveLength(3);
    // The archived quarter's dates are free again; restoring it would now clash.
    expect((await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(2, "2026-11-03", "2026-12-29"))).status).toBe(201);
    const clash = await client.post(`/api/v1/periods/${q2.body.id}/restore`);
    expect(clash.status).toBe(409);
    expect(clash.body.error.issues.map((i: { code: string }) => i.code)).toContain("overlaps_period");

    const events = await eventsOf(t.db, schoolId, "period", q2.body.id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "archive"]);
    expect(events[1]).toMatchObject({ before: { startsOn: "2026-11-03" }, after: { startsOn: "2026-11-05" } });
  });

  it("refuses a period outside the year, ending before it starts, overlapping, or reusing a number; changes nothing", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(1, "2026-09-01", "2026-10-24"));
    const snapshot = await structureSnapshot(t.db, schoolId);
    const url = `/api/v1/academic-years/${yearId}/periods`;
    const cases: [unknown, string, string][] = [
      [quarter(2, "2026-08-20", "2026-10-30"), "startsOn", "outside_year"],
      [quarter(4, "2027-04-06", "2027-06-30"), "endsOn", "outside_year"],
      [quarter(2, "2026-12-30", "2026-11-03"), "endsOn", "ends_before_start"],
      [quarter(2, "2026-11-03", "2026-12-30", [9, 5]), "gradeTo", "grade_range_reversed"],
      [quarter(2, "2026-10-20", "2026-12-30"), "startsOn", "overlaps_period"],
      [quarter(2, "2026-10-01", "2026-10-10", [5, 11]), "startsOn", "overlaps_period"],
      [quarter(1, "2026-11-03", "2026-12-30"), "number", "number_taken"],
      [{ ...quarter(2, "2026-11-03", "2026-12-30"), kind: "season" }, "kind", "invalid_value"],
      [{ ...quarter(2, "2026-11-03", "2026-12-30"), gradeTo: 12 }, "gradeTo", "too_big"],
    ];
    for (const [body, field, code] of cases) {
      const r = await client.post(url, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues).toContainEqual(expect.objectContaining({ path: ["body", field], code }));
    }
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("lets periods of other grades share dates", async () => {
    const { yearId, client } = await schoolWithAdmin(t);
    expect((await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(1, "2026-09-01", "2026-10-24", [1, 4]))).status).toBe(
      201,
    );
    expect((await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(1, "2026-09-01", "2026-10-24", [5, 9]))).status).toBe(
      201,
    );
  });

  it("generates the standard periods and holidays from the settings' period system, once", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const r = await client.post(`/api/v1/academic-years/${yearId}/periods/generate`, {});
    expect(r.status).toBe(201);
    const periods = r.body.periods.map((p: Record<string, unknown>) => [p.name, p.startsOn, p.endsOn, p.gradeFrom, p.gradeTo]);
    expect(periods).toEqual([
      ["1 четверть", "2026-09-01", "2026-10-24", 1, 9],
      ["2 четверть", "2026-11-03", "2026-12-30", 1, 9],
      ["3 четверть", "2027-01-12", "2027-03-27", 1, 9],
      ["4 четверть", "2027-04-06", "2027-05-26", 1, 9],
      ["1 полугодие", "2026-09-01", "2026-12-30", 10, 11],
      ["2 полугодие", "2027-01-12", "2027-05-26", 10, 11],
    ]);
    const holidays = r.body.holidays.map((h: Record<string, unknown>) => [h.startsOn, h.endsOn, h.gradeFrom, h.gradeTo]);
    expect(holidays).toEqual([
      ["2026-10-25", "2026-11-02", 1, 11],
      ["2026-12-31", "2027-01-11", 1, 11],
      ["2027-02-16", "2027-02-22", 1, 1],
      ["2027-03-28", "2027-04-05", 1, 11],
    ]);
    expect((await client.get(`/api/v1/academic-years/${yearId}/holidays`)).body.items).toHaveLength(4);
    expect((await eventsOf(t.db, schoolId, "period", r.body.periods[0].id)).map((e) => e.action)).toEqual(["create"]);

    const snapshot = await structureSnapshot(t.db, schoolId);
    const again = await client.post(`/api/v1/academic-years/${yearId}/periods/generate`, {});
    expect(again.status).toBe(409);
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("generates trimesters when the settings say so, without holidays if asked", async () => {
    const { yearId, client } = await schoolWithAdmin(t);
    const settings = (await client.get("/api/v1/school/settings")).body.settings;
    const saved = await client.put("/api/v1/school/settings", {
      baseVersion: 0,
      settings: { ...settings, periodSystem: [{ gradeFrom: 1, gradeTo: 11, kind: "trimester" }] },
    });
    expect(saved.status).toBe(200);
    const r = await client.post(`/api/v1/academic-years/${yearId}/periods/generate`, { includeHolidays: false });
    expect(r.body.periods.map((p: Record<string, unknown>) => [p.name, p.startsOn, p.endsOn])).toEqual([
      ["1 триместр", "2026-09-01", "2026-11-30"],
      ["2 триместр", "2026-12-01", "2027-02-28"],
      ["3 триместр", "2027-03-01", "2027-05-26"],
    ]);
    expect(r.body.holidays).toEqual([]);
  });

  it("refuses to generate periods for a year that does not run September–May", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const odd = await client.post("/api/v1/academic-years", { name: "Лето", startsOn: "2027-06-01", endsOn: "2027-08-31" });
    const snapshot = await structureSnapshot(t.db, schoolId);
    const r = await client.post(`/api/v1/academic-years/${odd.body.id}/periods/generate`, {});
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].code).toBe("year_not_standard");
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("adds, changes and deletes holidays and moved working days, with audit rows", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const url = `/api/v1/academic-years/${yearId}/holidays`;
    const moved = await client.post(url, {
      kind: "working_day",
      name: "Перенос с 2 ноября",
      startsOn: "2026-10-31",
      endsOn: "2026-10-31",
      gradeFrom: 1,
      gradeTo: 11,
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ kind: "working_day", abilities: { edit: true, delete: true } });
    const changed = await client.patch(`/api/v1/holidays/${moved.body.id}`, { gradeFrom: 5 });
    expect(changed.body.gradeFrom).toBe(5);

    const snapshot = await structureSnapshot(t.db, schoolId);
    for (const body of [
      { kind: "holiday", name: "X", startsOn: "2027-06-01", endsOn: "2027-06-05", gradeFrom: 1, gradeTo: 11 },
      { kind: "holiday", name: "X", startsOn: "2026-11-05", endsOn: "2026-11-01", gradeFrom: 1, gradeTo: 11 },
      { kind: "holiday", name: "X", startsOn: "2026-11-01", endsOn: "2026-11-05", gradeFrom: 6, gradeTo: 2 },
      { kind: "vacation", name: "X", startsOn: "2026-11-01", endsOn: "2026-11-05", gradeFrom: 1, gradeTo: 11 },
    ]) {
      expect((await client.post(url, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await client.patch(`/api/v1/holidays/${moved.body.id}`, { endsOn: "2026-10-30" })).status).toBe(400);
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);

    expect((await client.delete(`/api/v1/holidays/${moved.body.id}`)).body).toEqual({ ok: true });
    expect((await client.get(url)).body.items).toEqual([]);
    expect((await client.delete(`/api/v1/holidays/${moved.body.id}`)).status).toBe(404);
    const events = await eventsOf(t.db, schoolId, "holiday", moved.body.id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(events[2]?.before).toMatchObject({ name: "Перенос с 2 ноября", gradeFrom: 5 });
  });

  it("keeps an archived year read-only: no new periods, holidays or changes until restored", async () => {
    const { yearId, client } = await schoolWithAdmin(t);
    const p = await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(1, "2026-09-01", "2026-10-24"));
    await client.post(`/api/v1/academic-years/${yearId}/archive`);
    expect((await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(2, "2026-11-03", "2026-12-30"))).status).toBe(409);
    expect((await client.patch(`/api/v1/periods/${p.body.id}`, { name: "Первая" })).status).toBe(409);
    const list = await client.get(`/api/v1/academic-years/${yearId}/periods`);
    expect(list.body.items[0].abilities).toEqual({ edit: false, archive: false, restore: false });
    await client.post(`/api/v1/academic-years/${yearId}/restore`);
    expect((await client.patch(`/api/v1/periods/${p.body.id}`, { name: "Первая" })).status).toBe(200);
  });

  it("lets teachers read the calendar but not change it", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const p = await client.post(`/api/v1/academic-years/${yearId}/periods`, quarter(1, "2026-09-01", "2026-10-24"));
    const teacher = await signedInAs(t, schoolId, "teacher");
    const years = await teacher.client.get("/api/v1/academic-years");
    expect(years.status).toBe(200);
    expect(years.body.items[0].abilities).toEqual({ edit: false, archive: false, restore: false });
    expect((await teacher.client.get(`/api/v1/academic-years/${yearId}/periods`)).body.items).toHaveLength(1);
    expect((await teacher.client.get(`/api/v1/academic-years/${yearId}/holidays`)).status).toBe(200);
    expect((await teacher.client.patch(`/api/v1/periods/${p.body.id}`, { name: "x" })).status).toBe(403);
  });
});
