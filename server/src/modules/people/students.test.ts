import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildClass, buildStudent, countRows, eventsOf, schoolWithAdmin, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const student = (over: Record<string, unknown> = {}) => ({
  lastName: "Кузнецов",
  firstName: "Артём",
  middleName: "Дмитриевич",
  birthDate: "2014-05-20",
  gender: "m",
  ...over,
});

describe.each(DATABASES)("students on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("creates a student with a normalised СНИЛС and birth certificate, audited with the СНИЛС", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin(t);
    const r = await client.post(
      "/api/v1/students",
      student({ snils: "112-233-445 95", document: { type: "RF_BRTH_CERT", series: "1у-мю", number: "123 456" } }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      displayName: "Кузнецов Артём Дмитриевич",
      birthDate: "2014-05-20",
      gender: "m",
      snils: "11223344595",
      snilsNeedsReview: false,
      document: { type: "RF_BRTH_CERT", series: "IV-МЮ", number: "123456" },
      account: null,
      archived: false,
      enrolments: [],
      guardians: [],
      abilities: { edit: true, archive: true, createAccount: true, enrol: true, addGuardian: true },
    });
    const events = await eventsOf(t.db, schoolId, "person", r.body.id);
    expect(events).toEqual([
      expect.objectContaining({ action: "create", actor_user_id: admin.id, after: expect.objectContaining({ snils: "11223344595" }) }),
    ]);
    expect((await client.get(`/api/v1/students/${r.body.id}`)).body.snils).toBe("11223344595");

    const passport = await client.post(
      "/api/v1/students",
      student({ firstName: "Ян", birthDate: "2009-01-02", document: { type: "RF_PASSPORT", number: "45 06 123456" } }),
    );
    expect(passport.status).toBe(201);
    expect(passport.body.document).toEqual({ type: "RF_PASSPORT", series: "4506", number: "123456" });
    const exempt = await client.post("/api/v1/students", student({ firstName: "Ия", snils: "001-001-998 00" }));
    expect(exempt.body.snilsNeedsReview).toBe(true);
  });

  it("refuses a bad СНИЛС, document or birth date and a СНИЛС another active student has, changing nothing", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    await client.post("/api/v1/students", student({ snils: "14527450861" }));
    const people = await countRows(t.db, "people", schoolId);
    const events = (await t.db.one<{ n: number }>(sql`select count(*) as n from events where school_id = ${schoolId}`)).n;

    const badSnils = await client.post("/api/v1/students", student({ snils: "112-233-445 94" }));
    expect(badSnils.status).toBe(400);
    expect(badSnils.body.error.issues).toEqual([expect.objectContaining({ path: ["body", "snils"], message: "invalid_snils" })]);
    const badCert = await client.post(
      "/api/v1/students",
      student({ document: { type: "RF_BRTH_CERT", series: "IV-MЮ", number: "12345" } }),
    );
    expect(badCert.status).toBe(400);
    expect(badCert.body.error.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual([
      "body.document.series",
      "body.document.number",
    ]);
    const badPassport = await client.post("/api/v1/students", student({ document: { type: "RF_PASSPORT", number: "АБ 123456" } }));
    expect(badPassport.status).toBe(400);
    expect(badPassport.body.error.issues[0]).toMatchObject({ path: ["body", "document", "number"], message: "invalid_passport" });
    const future = await client.post("/api/v1/students", student({ birthDate: "2999-01-01" }));
    expect(future.status).toBe(400);
    expect(future.body.error.issues[0]).toMatchObject({ path: ["body", "birthDate"], code: "birth_date_out_of_range" });
    expect((await client.post("/api/v1/students", student({ gender: "x" }))).status).toBe(400);
    expect((await client.post("/api/v1/students", student({ userId: "x" }))).status).toBe(400);
    const dup = await client.post("/api/v1/students", student({ firstName: "Другой", snils: "145 274 508 61" }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.issues[0]).toMatchObject({ path: ["body", "snils"], code: "snils_taken" });

    expect(await countRows(t.db, "people", schoolId)).toBe(people);
    expect((await t.db.one<{ n: number }>(sql`select count(*) as n from events where school_id = ${schoolId}`)).n).toBe(events);
  });

  it("edits a student, audits before and after, and frees the СНИЛС once the student is archived", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const created = await client.post("/api/v1/students", student({ snils: "03021488400" }));
    const id = created.body.id;
    const r = await client.patch(`/api/v1/students/${id}`, {
      lastName: "Кузнецова",
      firstName: "Алла",
      gender: "f",
      document: null,
      snils: null,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ displayName: "Кузнецова Алла Дмитриевич", gender: "f", snils: null, document: null });
    const update = (await eventsOf(t.db, schoolId, "person", id)).find((e) => e.action === "update");
    expect(update?.before).toMatchObject({ lastName: "Кузнецов", snils: "03021488400" });
    expect(update?.after).toMatchObject({ lastName: "Кузнецова", snils: null });
    expect((await client.patch(`/api/v1/students/${id}`, { snils: "030-214-884 01" })).status).toBe(400);

    // Archiving ends the enrolment today and frees the СНИЛС for a new record of the same child.
    await client.patch(`/api/v1/students/${id}`, { snils: "030-214-884 00" });
    const cls = await buildClass(t.db, { schoolId, yearId });
    expect((await client.post("/api/v1/enrolments", { studentId: id, classId: cls.id, startsOn: "2026-09-01" })).status).toBe(201);
    const archived = await client.post(`/api/v1/students/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ archived: true, abilities: { edit: false, archive: false, enrol: false } });
    expect(archived.body.enrolments[0].endsOn).not.toBeNull();
    expect(archived.body.enrolments[0].abilities).toEqual({ end: false, transfer: false });
    expect((await client.patch(`/api/v1/students/${id}`, { lastName: "Х" })).status).toBe(409);
    expect((await client.post(`/api/v1/students/${id}/archive`)).status).toBe(409);
    expect((await client.post("/api/v1/students", student({ snils: "03021488400" }))).status).toBe(201);
  });

  it("lists and searches students by ФИО (ё = е) or СНИЛС, with their current class", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const cls = await buildClass(t.db, { schoolId, yearId, grade: 7, letter: "Б" });
    await buildStudent(t.db, { schoolId, lastName: "Алёшин", firstName: "Фёдор", classId: cls.id });
    await buildStudent(t.db, { schoolId, lastName: "Борисова", firstName: "Анна" });
    await client.post("/api/v1/students", student({ lastName: "Волков", snils: "00326335296" }));
    const other = await schoolWithAdmin(t);
    await buildStudent(t.db, { schoolId: other.schoolId, lastName: "Алешин" });

    const all = await client.get("/api/v1/students");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((s: { displayName: string }) => s.displayName)).toEqual([
      "Алёшин Фёдор",
      "Борисова Анна",
      "Волков Артём Дмитриевич",
    ]);
    expect(all.body.items[0].currentClass).toEqual({ id: cls.id, name: "7Б" });
    const q = async (query: string) =>
      (await client.get(`/api/v1/students?${query}`)).body.items.map((s: { displayName: string }) => s.displayName);
    expect(await q(`q=${encodeURIComponent("алешин федор")}`)).toEqual(["Алёшин Фёдор"]);
    expect(await q(`q=${encodeURIComponent("263-352")}`)).toEqual(["Волков Артём Дмитриевич"]);
    expect(await q(`q=${encodeURIComponent("100%")}`)).toEqual([]);
    expect(await q(`classId=${cls.id}`)).toEqual(["Алёшин Фёдор"]);
    const page = await client.get("/api/v1/students?limit=1&offset=1");
    expect(page.body).toMatchObject({ total: 3, items: [{ displayName: "Борисова Анна" }] });
    expect((await client.get("/api/v1/students?limit=1000")).status).toBe(400);
  });

  it("gives a student a login account with an invitation; never takes over a parent's or another student's account", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const id = (await client.post("/api/v1/students", student())).body.id;
    const email = `pupil${Date.now()}@mail.ru`;
    const r = await client.post(`/api/v1/students/${id}/account`, { email });
    expect(r.status).toBe(200);
    expect(r.body.account).toMatchObject({ email, invited: true });
    expect(r.body.abilities.createAccount).toBe(false);
    const userId = r.body.account.userId;
    const role = await t.db.one<{ role: string }>(sql`select role from memberships where school_id = ${schoolId} and user_id = ${userId}`);
    expect(role.role).toBe("student");
    const mail = t.mail.filter((m) => m.to === email);
    expect(mail).toHaveLength(1);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail[0]!.text)![1]!;
    const hash = createHash("sha256").update(token).digest("hex");
    expect(
      await t.db.maybeOne(
        sql`select 1 from one_time_codes where code_hash = ${hash} and user_id = ${userId} and purpose = 'reset_password'`,
      ),
    ).not.toBeNull();
    expect((await eventsOf(t.db, schoolId, "person", id)).map((e) => e.action)).toEqual(["create", "account.create"]);

    expect((await client.post(`/api/v1/students/${id}/account`, { email: "other@mail.ru" })).status).toBe(409);
    const second = (await client.post("/api/v1/students", student({ firstName: "Близнец" }))).body.id;
    const sameAccount = await client.post(`/api/v1/students/${second}/account`, { email });
    expect(sameAccount.status).toBe(409);
    expect(sameAccount.body.error.details.reason).toBe("account_of_another_student");
    expect((await client.post(`/api/v1/students/${second}/account`, {})).status).toBe(400);
    const parent = await signedIn(t, schoolId, "parent");
    const parentsMail = await client.post(`/api/v1/students/${second}/account`, { email: parent.user.login });
    expect(parentsMail.status).toBe(409);
    expect(parentsMail.body.error.details.reason).toBe("account_not_a_student");
    expect((await client.get(`/api/v1/students/${second}`)).body.account).toBeNull();
  });

  it("shows a student only to the admins of their school: 404 elsewhere, 403 for other roles", async () => {
    const a = await schoolWithAdmin(t);
    const id = (await a.client.post("/api/v1/students", student())).body.id;
    const b = await schoolWithAdmin(t);
    expect((await b.client.get(`/api/v1/students/${id}`)).status).toBe(404);
    expect((await b.client.patch(`/api/v1/students/${id}`, { lastName: "Чужой" })).status).toBe(404);
    expect((await b.client.post(`/api/v1/students/${id}/archive`)).status).toBe(404);
    expect((await b.client.post(`/api/v1/students/${id}/account`, { email: "x@y.ru" })).status).toBe(404);
    expect((await b.client.get("/api/v1/students")).body.total).toBe(0);
    for (const role of ["parent", "student", "teacher"] as const) {
      const { client } = await signedIn(t, a.schoolId, role);
      expect((await client.get(`/api/v1/students/${id}`)).status).toBe(403);
      expect((await client.post("/api/v1/students", student())).status).toBe(403);
    }
    expect((await a.client.get("/api/v1/students/not-a-uuid")).status).toBe(400);
    expect((await a.client.get(`/api/v1/students/${id}`)).body.lastName).toBe("Кузнецов");
  });
});
