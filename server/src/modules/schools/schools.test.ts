import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { DATABASES, startTestApp, type TestApp, TestClient } from "../../../test/harness.ts";
import { eventsOf, schoolWithAdmin, signedInAs, structureSnapshot } from "../../../test/structure-factories.ts";

/** A valid organisation ИНН nobody else has: the (ИНН, КПП) pair is unique across schools. */
function freshInn(): string {
  const d = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const control = (weights.reduce((s, w, i) => s + w * (d[i] ?? 0), 0) % 11) % 10;
  return [...d, control].join("");
}

const profile = (inn = freshInn()) => ({
  name: "Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»",
  shortName: "МБОУ Школа № 5",
  inn,
  kpp: "772501001",
  ogrn: "1117792450380",
  oktmo: "45 382 000",
  address: "г. Москва, ул. Садовая, д. 5",
  timeZone: "Asia/Yekaterinburg",
});

describe.each(DATABASES)("school profile on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("shows the profile to an admin and saves a change, normalised, with an audit row", async () => {
    const { schoolId, client, admin } = await schoolWithAdmin(t);
    const before = await client.get("/api/v1/school");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id: schoolId, name: "Тестовая школа", abilities: { edit: true } });

    const input = profile();
    const spaced = `${input.inn.slice(0, 4)} ${input.inn.slice(4, 7)}-${input.inn.slice(7)}`;
    const saved = await client.put("/api/v1/school", { ...input, inn: spaced, kpp: " 7725 01 001 ", ogrn: "1-117-792-450-380" });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      ...input,
      id: schoolId,
      inn: input.inn,
      kpp: "772501001",
      ogrn: "1117792450380",
      oktmo: "45382000",
      abilities: { edit: true },
    });
    expect((await client.get("/api/v1/school")).body).toEqual(saved.body);

    const events = await eventsOf(t.db, schoolId, "school", schoolId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "update",
      actor_user_id: admin.id,
      before: { name: "Тестовая школа" },
      after: { inn: input.inn, timeZone: "Asia/Yekaterinburg" },
    });
  });

  it("refuses each bad identifier with its own issue code and changes nothing", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const bad = await client.put("/api/v1/school", {
      ...profile(),
      inn: "7725308291",
      kpp: "77250100",
      ogrn: "1117792450381",
      oktmo: "4538200",
      timeZone: "Europe/Atlantis",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    const byField = Object.fromEntries(bad.body.error.issues.map((i: { path: string[]; code: string }) => [i.path.join("."), i.code]));
    expect(byField).toEqual({
      "body.inn": "invalid_inn",
      "body.kpp": "invalid_kpp",
      "body.ogrn": "invalid_ogrn",
      "body.oktmo": "invalid_oktmo",
      "body.timeZone": "invalid_time_zone",
    });
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("takes only a 10-digit organisation ИНН, not a person's, and no offset as a time zone", async () => {
    const { client } = await schoolWithAdmin(t);
    const personInn = await client.put("/api/v1/school", { ...profile(), inn: "500100732259" });
    expect(personInn.status).toBe(400);
    expect(personInn.body.error.issues).toEqual([expect.objectContaining({ path: ["body", "inn"], code: "invalid_inn" })]);
    const offset = await client.put("/api/v1/school", { ...profile(), timeZone: "+03:00" });
    expect(offset.status).toBe(400);
    expect(offset.body.error.issues[0]).toMatchObject({ path: ["body", "timeZone"], code: "invalid_time_zone" });
  });

  it("refuses missing, empty, too long and unknown fields", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, schoolId);
    const { name: _, ...withoutName } = profile();
    for (const body of [
      withoutName,
      { ...profile(), shortName: "   " },
      { ...profile(), address: "д".repeat(501) },
      { ...profile(), settings: {} },
    ]) {
      const r = await client.put("/api/v1/school", body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect(await structureSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("refuses the ИНН and КПП of another school with 409", async () => {
    const first = await schoolWithAdmin(t);
    const second = await schoolWithAdmin(t);
    const input = profile();
    expect((await first.client.put("/api/v1/school", input)).status).toBe(200);
    const clash = await second.client.put("/api/v1/school", input);
    expect(clash.status).toBe(409);
    expect(clash.body.error.issues[0]).toMatchObject({ path: ["body", "kpp"], code: "inn_kpp_taken" });
    // A branch (филиал) shares the ИНН and differs by КПП.
    expect((await second.client.put("/api/v1/school", { ...input, kpp: "772502001" })).status).toBe(200);
  });

  it("is for admins only; each admin sees and changes only their own school", async () => {
    const a = await schoolWithAdmin(t);
    const b = await schoolWithAdmin(t);
    for (const role of ["teacher", "parent", "student"] as const) {
      const { client } = await signedInAs(t, a.schoolId, role);
      expect((await client.get("/api/v1/school")).status).toBe(403);
      expect((await client.put("/api/v1/school", profile())).status).toBe(403);
    }
    expect((await b.client.get("/api/v1/school")).body.id).toBe(b.schoolId);
    expect((await b.client.put("/api/v1/school", profile())).status).toBe(200);
    const aRow = await t.db.one<{ name: string }>(sql`select name from schools where id = ${a.schoolId}`);
    expect(aRow.name).toBe("Тестовая школа");
  });

  it("asks for a session and the CSRF header", async () => {
    expect((await new TestClient(t).get("/api/v1/school")).status).toBe(401);
    const noCsrf = await t.server.inject({ method: "PUT", url: "/api/v1/school", payload: profile() });
    expect(noCsrf.statusCode).toBe(403);
  });
});
