import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { eventsOf, schoolWithAdmin, signedInAs, structureSnapshot } from "../../../test/structure-factories.ts";

describe.each(DATABASES)("classes and subgroups on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("creates a class with a class teacher, changes and archives it, with audit rows", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const teacher = await buildUser(t.db, { schoolId, role: "teacher", lastName: "Смирнов", firstName: "Андрей" });
    const candidates = await client.get("/api/v1/classes/teacher-candidates");
    expect(candidates.body.items).toEqual([{ id: teacher.id, displayName: "Смирнов Андрей" }]);

    // A Latin "a" typed on an English layout becomes the Cyrillic «А».
    const created = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 5, letter: "a", classTeacherId: teacher.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      academicYearId: yearId,
      academicYearName: "2026/2027",
      grade: 5,
      letter: "А",
      name: "5А",
      shift: 1,
      classTeacher: { id: teacher.id, displayName: "Смирнов Андрей" },
      groups: [],
      archived: false,
    });
    const id = created.body.id;
    const changed = await client.patch(`/api/v1/classes/${id}`, { letter: "Б", shift: 2, classTeacherId: null });
    expect(changed.body).toMatchObject({ name: "5Б", shift: 2, classTeacher: null });
    expect((await client.post(`/api/v1/classes/${id}/archive`)).body.archived).toBe(true);
    expect((await client.get("/api/v1/classes")).body.items).toEqual([]);
    expect((await client.get("/api/v1/classes?includeArchived=true")).body.items).toHaveLength(1);
    expect((await client.patch(`/api/v1/classes/${id}`, { shift: 1 })).status).toBe(409);
    expect((await client.post(`/api/v1/classes/${id}/restore`)).body.archived).toBe(false);

    const events = await eventsOf(t.db, schoolId, "class", id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "archive", "restore"]);
    expect(events[1]).toMatchObject({
      before: { letter: "А", classTeacherId: teacher.id },
      after: { letter: "Б", classTeacherId: null, shift: 2 },
    });
  });

  it("refuses bad grades, letters, shifts and class teachers with 400, changing nothing", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const parent = await buildUser(t.db, { schoolId, role: "parent" });
    const other = await schoolWithAdmin(t);
    const foreignTeacher = await buildUser(t.db, { schoolId: other.schoolId, role: "teacher" });
    const snapshot = await structureSnapshot(t.db, schoolId);
    const base = { academicYearId: yearId, grade: 5, letter: "А" };
    const cases: [unknown, string, string][] = [
      [{ ...base, grade: 0 }, "grade", "too_small"],
      [{ ...base, grade: 12 }, "grade", "too_big"],
      [{ ...base, letter: "Q" }, "letter", "invalid_format"],
      [{ ...base, letter: "АБВ" }, "letter", "invalid_format"],
      [{ ...base, letter: "1" }, "letter", "invalid_format"],
      [{ ...base, shift: 4 }, "shift", "too_big"],
      [{ ...base, classTeacherId: parent.id }, "classTeacherId", "not_a_teacher"],
      [{ ...base, classTeacherId: foreignTeacher.id }, "classTeacherId", "not_a_teacher"],
      [{ ...base, academicYearId: other.yearId }, "academicYearId", "not_found"],
      [{ ...base, academicYearId: "not-a-uuid" }, "academicYearId", "invalid_format"],
      [{ ...base, room: "12" }, "", "unrecognized_keys"],
    ];
    for (const [body, field, code] of cases) {
      const r = await client.post("/api/v1/classes", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues).toContainEqual(expect.objectContaining({ path: field ? ["body", field] : ["body"], code }));
    }
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("keeps grade and letter unique among active classes of a year (409)", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const a = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 7, letter: "В" });
    const b = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 7, letter: "Г" });
    const snapshot = await structureSnapshot(t.db, schoolId);
    const dup = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 7, letter: "в" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.issues[0]).toMatchObject({ path: ["body", "letter"], code: "class_taken" });
    expect((await client.patch(`/api/v1/classes/${b.body.id}`, { letter: "В" })).status).toBe(409);
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
    // Another year may have its own 7В.
    const next = await client.post("/api/v1/academic-years", { name: "2027/2028", startsOn: "2027-09-01", endsOn: "2028-05-26" });
    expect((await client.post("/api/v1/classes", { academicYearId: next.body.id, grade: 7, letter: "В" })).status).toBe(201);
    expect((await client.get(`/api/v1/classes?academicYearId=${yearId}`)).body.items.map((c: { name: string }) => c.name)).toEqual([
      "7В",
      "7Г",
    ]);
    // An archived 7В frees the name; it cannot be restored while a new 7В exists.
    await client.post(`/api/v1/classes/${a.body.id}/archive`);
    expect((await client.post("/api/v1/classes", { academicYearId: yearId, grade: 7, letter: "В" })).status).toBe(201);
    expect((await client.post(`/api/v1/classes/${a.body.id}/restore`)).status).toBe(409);
  });

  it("refuses classes in an archived year and hides that year's classes by default", async () => {
    const { yearId, client } = await schoolWithAdmin(t);
    const c = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 1, letter: "А" });
    await client.post(`/api/v1/academic-years/${yearId}/archive`);
    const r = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 2, letter: "А" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].code).toBe("year_archived");
    expect((await client.get("/api/v1/classes")).body.items).toEqual([]);
    const ofYear = await client.get(`/api/v1/classes?academicYearId=${yearId}`);
    expect(ofYear.body.items).toEqual([
      expect.objectContaining({ id: c.body.id, abilities: { edit: false, archive: false, restore: false } }),
    ]);
    expect((await client.patch(`/api/v1/classes/${c.body.id}`, { shift: 2 })).status).toBe(409);
  });

  it("adds, renames, archives and restores subgroups with unique names", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const c = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 6, letter: "А" });
    const g1 = await client.post(`/api/v1/classes/${c.body.id}/groups`, { name: "Английский, группа 1" });
    expect(g1.status).toBe(201);
    expect(g1.body).toMatchObject({ classId: c.body.id, name: "Английский, группа 1", archived: false });
    const g2 = await client.post(`/api/v1/classes/${c.body.id}/groups`, { name: "Английский, группа 2" });
    const dup = await client.post(`/api/v1/classes/${c.body.id}/groups`, { name: "английский, ГРУППА 1" });
    expect(dup.status).toBe(409);
    expect((await client.patch(`/api/v1/class-groups/${g2.body.id}`, { name: "Английский, группа 1" })).status).toBe(409);
    expect((await client.patch(`/api/v1/class-groups/${g2.body.id}`, { name: "Немецкий" })).body.name).toBe("Немецкий");
    expect((await client.post(`/api/v1/classes/${c.body.id}/groups`, { name: "" })).status).toBe(400);

    expect((await client.get(`/api/v1/classes/${c.body.id}`)).body.groups.map((g: { name: string }) => g.name)).toEqual([
      "Английский, группа 1",
      "Немецкий",
    ]);
    expect((await client.post(`/api/v1/class-groups/${g1.body.id}/archive`)).body.archived).toBe(true);
    expect((await client.get(`/api/v1/classes/${c.body.id}`)).body.groups).toHaveLength(1);
    expect((await client.get(`/api/v1/classes/${c.body.id}?includeArchived=true`)).body.groups).toHaveLength(2);
    expect((await client.post(`/api/v1/class-groups/${g1.body.id}/restore`)).body.archived).toBe(false);

    const events = await eventsOf(t.db, schoolId, "class_group", g2.body.id);
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
    expect(events[1]).toMatchObject({ before: { name: "Английский, группа 2" }, after: { name: "Немецкий" } });

    await client.post(`/api/v1/classes/${c.body.id}/archive`);
    expect((await client.post(`/api/v1/classes/${c.body.id}/groups`, { name: "Новая" })).status).toBe(409);
    expect((await client.patch(`/api/v1/class-groups/${g2.body.id}`, { name: "Новая" })).status).toBe(409);
  });

  it("lets teachers read the school's classes; a teacher who is named class teacher sees it in /me", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const teacher = await signedInAs(t, schoolId, "teacher");
    const c = await client.post("/api/v1/classes", { academicYearId: yearId, grade: 9, letter: "А", classTeacherId: teacher.user.id });
    const list = await teacher.client.get("/api/v1/classes");
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: c.body.id, abilities: { edit: false, archive: false, restore: false } }),
    ]);
    expect((await teacher.client.get(`/api/v1/classes/${c.body.id}`)).status).toBe(200);
    expect((await teacher.client.get("/api/v1/classes/teacher-candidates")).status).toBe(403);
    const me = await teacher.client.get("/api/v1/me");
    expect(me.body.memberships[0].classTeacherOf).toEqual([c.body.id]);
    const row = await t.db.one<{ n: number }>(sql`select count(*)::int as n from classes where school_id = ${schoolId}`);
    expect(row.n).toBe(1);
  });
});
