import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { eventsOf, schoolWithAdmin, signedInAs, structureSnapshot } from "../../../test/structure-factories.ts";

describe.each(DATABASES)("subjects on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("creates, renames, archives and restores a subject, with audit rows", async () => {
    const { schoolId, client, admin } = await schoolWithAdmin(t);
    const created = await client.post("/api/v1/subjects", { name: "  Русский язык ", shortName: "Рус. яз." });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Русский язык",
      shortName: "Рус. яз.",
      archived: false,
      abilities: { edit: true, archive: true, restore: false },
    });
    const id = created.body.id;
    expect((await client.patch(`/api/v1/subjects/${id}`, { shortName: "Рус" })).body.shortName).toBe("Рус");
    expect((await client.post(`/api/v1/subjects/${id}/archive`)).body.archived).toBe(true);
    expect((await client.get("/api/v1/subjects")).body.items).toEqual([]);
    expect((await client.get("/api/v1/subjects?includeArchived=true")).body.items).toHaveLength(1);
    expect((await client.post(`/api/v1/subjects/${id}/restore`)).body.archived).toBe(false);
    const events = await eventsOf(t.db, schoolId, "subject", id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "archive", "restore"]);
    expect(events[0]).toMatchObject({ actor_user_id: admin.id, before: null, after: { name: "Русский язык" } });
  });

  it("keeps names unique among active subjects, whatever the case (409)", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const algebra = await client.post("/api/v1/subjects", { name: "Алгебра", shortName: "Алг" });
    const geometry = await client.post("/api/v1/subjects", { name: "Геометрия", shortName: "Геом" });
    const snapshot = await structureSnapshot(t.db, schoolId);
    const dup = await client.post("/api/v1/subjects", { name: "алгебра", shortName: "А" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.issues[0]).toMatchObject({ path: ["body", "name"], code: "name_taken" });
    expect((await client.patch(`/api/v1/subjects/${geometry.body.id}`, { name: "АЛГЕБРА" })).status).toBe(409);
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);

    // Once archived, the name is free; the archived one cannot come back while it is taken.
    await client.post(`/api/v1/subjects/${algebra.body.id}/archive`);
    const again = await client.post("/api/v1/subjects", { name: "Алгебра", shortName: "Алг" });
    expect(again.status).toBe(201);
    expect((await client.post(`/api/v1/subjects/${algebra.body.id}/restore`)).status).toBe(409);
  });

  it("refuses empty, too long and unknown fields and changes nothing", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, schoolId);
    for (const body of [
      { name: "", shortName: "x" },
      { name: "x" },
      { name: "x".repeat(121), shortName: "x" },
      { name: "x", shortName: "x", hours: 5 },
    ]) {
      const r = await client.post("/api/v1/subjects", body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("lets teachers read subjects, not change them; another school's admin sees 404", async () => {
    const a = await schoolWithAdmin(t);
    const b = await schoolWithAdmin(t);
    const s = await a.client.post("/api/v1/subjects", { name: "Физика", shortName: "Физ" });
    const teacher = await signedInAs(t, a.schoolId, "teacher");
    const list = await teacher.client.get("/api/v1/subjects");
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: "Физика", abilities: { edit: false, archive: false, restore: false } }),
    ]);
    expect((await teacher.client.post("/api/v1/subjects", { name: "Химия", shortName: "Хим" })).status).toBe(403);
    expect((await b.client.get("/api/v1/subjects")).body.items).toEqual([]);
    expect((await b.client.patch(`/api/v1/subjects/${s.body.id}`, { name: "Химия" })).status).toBe(404);
    expect((await b.client.post(`/api/v1/subjects/${s.body.id}/archive`)).status).toBe(404);
  });
});
