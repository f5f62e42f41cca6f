import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";
import { buildStudent, countRows, eventsOf, schoolWithAdmin, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const parent = (over: Record<string, unknown> = {}) => ({
  lastName: "Соколова",
  firstName: "Елена",
  middleName: "Сергеевна",
  relation: "mother",
  ...over,
});

describe.each(DATABASES)("guardianships on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("links a new parent: creates the account and parent role, confirms by the admin, invites, audits", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin(t);
    const child = await buildStudent(t.db, { schoolId, lastName: "Соколов", firstName: "Миша" });
    const email = `mama${Date.now()}@mail.ru`;
    const r = await client.post(`/api/v1/students/${child.id}/guardians`, parent({ email }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      displayName: "Соколова Елена Сергеевна",
      email,
      relation: "mother",
      invited: true,
      confirmedBy: { userId: admin.id, displayName: "Захарова Ирина" },
      abilities: { unlink: true },
    });
    expect(r.body.confirmedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const parentId = r.body.userId;
    const role = await t.db.one<{ role: string }>(
      sql`select role from memberships where school_id = ${schoolId} and user_id = ${parentId} and archived_at is null`,
    );
    expect(role.role).toBe("parent");
    expect(await eventsOf(t.db, schoolId, "guardianship", child.id)).toEqual([
      expect.objectContaining({
        action: "link",
        actor_user_id: admin.id,
        after: expect.objectContaining({ parentUserId: parentId, relation: "mother" }),
      }),
    ]);

    // The invitation works: the parent sets a password and signs in as a parent.
    const token = /token=([A-Za-z0-9_-]+)/.exec(t.mail.filter((m) => m.to === email)[0]!.text)![1]!;
    const hash = createHash("sha256").update(token).digest("hex");
    expect(
      await t.db.maybeOne(sql`select 1 from one_time_codes where code_hash = ${hash} and user_id = ${parentId} and used_at is null`),
    ).not.toBeNull();
    const mum = new TestClient(t);
    expect((await mum.post("/api/v1/auth/password-reset/confirm", { token, password: "Lantern#Meadow58" })).status).toBe(200);
    expect((await mum.signIn(email, "Lantern#Meadow58")).me.roles).toEqual(["parent"]);
    // …and has no access to admin routes.
    expect((await mum.get(`/api/v1/students/${child.id}`)).status).toBe(403);
    expect((await mum.post(`/api/v1/students/${child.id}/guardians`, parent({ email: "x@y.ru" }))).status).toBe(403);

    const card = (await client.get(`/api/v1/students/${child.id}`)).body;
    expect(card.guardians).toEqual([expect.objectContaining({ userId: parentId, invited: false })]);
  });

  it("links an existing parent found by phone to a second child without a second account or message", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const first = await buildStudent(t.db, { schoolId, firstName: "Аня" });
    const second = await buildStudent(t.db, { schoolId, firstName: "Петя" });
    const phone = `+7903${String(Date.now()).slice(-7)}`;
    const a = await client.post(
      `/api/v1/students/${first.id}/guardians`,
      parent({ phone, relation: "father", lastName: "Соколов", firstName: "Павел", middleName: "Ильич" }),
    );
    expect(a.status).toBe(201);
    expect(t.sms.filter((m) => m.to === phone)).toHaveLength(1);
    await t.db.execute(sql`update users set password_hash = 'x' where id = ${a.body.userId}`);
    const otherName = `Иначе${Date.now()}`;
    // Count only accounts this call could create (other test files share a PostgreSQL database).
    const samePhone = sql`select count(*)::int as n from users where phone = ${phone} or first_name = ${otherName}`;
    expect((await t.db.one<{ n: number }>(samePhone)).n).toBe(1);
    const b = await client.post(
      `/api/v1/students/${second.id}/guardians`,
      parent({ phone: `8${phone.slice(2)}`, relation: "father", firstName: otherName }),
    );
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ userId: a.body.userId, displayName: "Соколов Павел Ильич", relation: "father" });
    expect((await t.db.one<{ n: number }>(samePhone)).n).toBe(1);
    expect(t.sms.filter((m) => m.to === phone)).toHaveLength(1);

    const again = await client.post(`/api/v1/students/${second.id}/guardians`, parent({ phone }));
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_linked");
  });

  it("refuses bad contacts, a student's own account, and changes nothing", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const child = await buildStudent(t.db, { schoolId });
    const pupil = await buildUser(t.db, { schoolId, role: "student" });
    const before = await countRows(t.db, "guardianships", schoolId);
    const noContact = await client.post(`/api/v1/students/${child.id}/guardians`, parent());
    expect(noContact.body.error.issues[0]).toMatchObject({ path: ["body", "email"], code: "contact_required" });
    expect((await client.post(`/api/v1/students/${child.id}/guardians`, parent({ email: "не-почта" }))).status).toBe(400);
    expect((await client.post(`/api/v1/students/${child.id}/guardians`, parent({ email: "a@b.ru", relation: "aunt" }))).status).toBe(400);
    const student = await client.post(`/api/v1/students/${child.id}/guardians`, parent({ email: pupil.login }));
    expect(student.status).toBe(400);
    expect(student.body.error.issues[0].code).toBe("account_is_student");
    expect(await countRows(t.db, "guardianships", schoolId)).toBe(before);
  });

  it("unlinks a parent; one left with no child in the school loses the parent role", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin(t);
    const a = await buildStudent(t.db, { schoolId, firstName: "Оля" });
    const b = await buildStudent(t.db, { schoolId, firstName: "Коля" });
    const p = await signedIn(t, schoolId, "parent");
    await client.post(`/api/v1/students/${a.id}/guardians`, parent({ email: p.user.login }));
    await client.post(`/api/v1/students/${b.id}/guardians`, parent({ email: p.user.login, relation: "guardian" }));

    expect((await client.delete(`/api/v1/students/${a.id}/guardians/${p.user.id}`)).status).toBe(200);
    expect((await client.get(`/api/v1/students/${a.id}`)).body.guardians).toEqual([]);
    expect((await p.client.get("/api/v1/me")).body.roles).toEqual(["parent"]);
    expect((await client.delete(`/api/v1/students/${a.id}/guardians/${p.user.id}`)).status).toBe(404);

    expect((await client.delete(`/api/v1/students/${b.id}/guardians/${p.user.id}`)).status).toBe(200);
    expect((await p.client.get("/api/v1/me")).body.roles).toEqual([]);
    expect((await eventsOf(t.db, schoolId, "guardianship", b.id)).map((e) => e.action)).toEqual(["link", "unlink"]);
    const revoke = (await eventsOf(t.db, schoolId, "membership", p.user.id)).at(-1);
    expect(revoke).toMatchObject({ action: "revoke", actor_user_id: admin.id, before: { role: "parent" } });

    // Linking again restores the link and the role.
    expect(
      (await client.post(`/api/v1/students/${a.id}/guardians`, parent({ email: p.user.login, relation: "parent" }))).body.relation,
    ).toBe("parent");
    expect((await p.client.get("/api/v1/me")).body.roles).toEqual(["parent"]);
  });

  it("is 404 across schools", async () => {
    const a = await schoolWithAdmin(t);
    const child = await buildStudent(t.db, { schoolId: a.schoolId });
    const link = await a.client.post(`/api/v1/students/${child.id}/guardians`, parent({ email: `p${Date.now()}@mail.ru` }));
    const b = await schoolWithAdmin(t);
    expect((await b.client.post(`/api/v1/students/${child.id}/guardians`, parent({ email: "z@z.ru" }))).status).toBe(404);
    expect((await b.client.delete(`/api/v1/students/${child.id}/guardians/${link.body.userId}`)).status).toBe(404);
    expect(await countRows(t.db, "guardianships", a.schoolId)).toBe(1);
  });
});
