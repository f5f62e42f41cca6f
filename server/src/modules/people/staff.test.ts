import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";
import {
  buildAssignment,
  buildClass,
  buildSubject,
  countRows,
  eventsOf,
  schoolWithAdmin,
  signedIn,
} from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe.each(DATABASES)("staff on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("creates a teacher with no password, sends an invitation whose token hash is stored for 7 days, and audits it", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin(t);
    const email = `Teacher.${Date.now()}@School.RU`;
    const r = await client.post("/api/v1/staff", {
      lastName: "Смирнов",
      firstName: "Андрей",
      middleName: "Павлович",
      email,
      roles: ["teacher"],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      displayName: "Смирнов Андрей Павлович",
      email: email.toLowerCase(),
      roles: ["teacher"],
      invited: true,
      archived: false,
    });
    expect(r.body.abilities).toEqual({ edit: true, editProfile: true, archive: true, invite: true });
    const userId = r.body.userId;

    const user = await t.db.one<{ status: string; password_hash: string | null }>(
      sql`select status, password_hash from users where id = ${userId}`,
    );
    expect(user).toEqual({ status: "active", password_hash: null });

    const mail = t.mail.filter((m) => m.to === email.toLowerCase());
    expect(mail).toHaveLength(1);
    const token = /\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail[0]!.text)?.[1];
    expect(token).toBeDefined();
    expect(mail[0]!.text).toContain(`${t.app.config.publicUrl}/reset?token=`);
    const code = await t.db.one<{
      user_id: string;
      purpose: string;
      channel: string;
      destination: string;
      expires_at: Date;
      used_at: Date | null;
    }>(sql`select user_id, purpose, channel, destination, expires_at, used_at from one_time_codes where code_hash = ${sha256(token!)}`);
    expect(code).toMatchObject({
      user_id: userId,
      purpose: "reset_password",
      channel: "email",
      destination: email.toLowerCase(),
      used_at: null,
    });
    const days = (new Date(code.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const staffEvents = await eventsOf(t.db, schoolId, "staff", userId);
    expect(staffEvents).toHaveLength(1);
    expect(staffEvents[0]).toMatchObject({
      action: "create",
      actor_user_id: admin.id,
      after: { roles: ["teacher"], accountCreated: true },
    });
    const userEvents = (await eventsOf(t.db, schoolId, "user", userId)).map((e) => e.action);
    expect(userEvents).toEqual(["create", "invite"]);

    // The new teacher cannot sign in before setting a password.
    const anon = new TestClient(t);
    expect((await anon.post("/api/v1/auth/login", { login: email, password: "Anything#12345" })).status).toBe(401);

    // The link sets the first password (the password-reset endpoint consumes invitations too).
    const password = "Kettle#Orchard42";
    expect((await anon.post("/api/v1/auth/password-reset/confirm", { token, password })).status).toBe(200);
    expect((await anon.signIn(email, password)).me).toMatchObject({ userId, roles: ["teacher"], currentSchoolId: schoolId });
    expect((await client.get(`/api/v1/staff/${userId}`)).body).toMatchObject({ invited: false, abilities: { invite: false } });

    const list = await client.get("/api/v1/staff");
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { userId: string }) => s.userId)).toEqual(expect.arrayContaining([userId, admin.id]));
    expect((await client.get("/api/v1/staff?role=teacher")).body.items.map((s: { userId: string }) => s.userId)).toEqual([userId]);
  });

  it("gives an existing account (of another school) the role instead of creating a second one", async () => {
    const other = await schoolWithAdmin(t);
    const existing = await buildUser(t.db, { schoolId: other.schoolId, role: "teacher", lastName: "Орлова", firstName: "Вера" });
    const { schoolId, client } = await schoolWithAdmin(t);
    // On a shared PostgreSQL other test files create users too: count only the ones this call could make.
    const otherName = `Другая${Date.now()}`;
    const sameAccount = sql`select count(*)::int as n from users where lower(email) = lower(${existing.login}) or last_name = ${otherName}`;
    const mailBefore = t.mail.length;

    const r = await client.post("/api/v1/staff", {
      lastName: otherName,
      firstName: "Фамилия",
      email: existing.login.toUpperCase(),
      roles: ["teacher", "admin"],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ userId: existing.id, lastName: "Орлова", roles: ["admin", "teacher"], invited: false });
    expect(r.body.abilities.editProfile).toBe(false);
    expect((await t.db.one<{ n: number }>(sameAccount)).n).toBe(1);
    // A notice, not a password link: the account already has a password.
    const notice = t.mail.slice(mailBefore);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).not.toContain("token=");
    expect((await eventsOf(t.db, schoolId, "staff", existing.id))[0]?.after.accountCreated).toBe(false);

    // The other school's admin sees nothing of this; this school may not rename a shared account.
    const rename = await client.patch(`/api/v1/staff/${existing.id}`, { lastName: "Новая" });
    expect(rename.status).toBe(403);
    expect(rename.body.error.details.reason).toBe("shared_account");
    expect(
      (await client.post("/api/v1/staff", { lastName: "Орлова", firstName: "Вера", email: existing.login, roles: ["teacher"] })).status,
    ).toBe(409);
  });

  it("refuses invalid input and changes nothing", async () => {
    const { schoolId, client } = await schoolWithAdmin(t);
    const members = await countRows(t.db, "memberships", schoolId);
    const mail = t.mail.length;
    const noContact = await client.post("/api/v1/staff", { lastName: "Без", firstName: "Контактов", roles: ["teacher"] });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.issues[0]).toMatchObject({ path: ["body", "email"], code: "contact_required" });
    const badPhone = await client.post("/api/v1/staff", { lastName: "А", firstName: "Б", phone: "+7 701 123 45 67", roles: ["teacher"] });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.issues[0]).toMatchObject({ path: ["body", "phone"], message: "phone_not_russian" });
    expect((await client.post("/api/v1/staff", { lastName: "А", firstName: "Б", email: "a@b.ru", roles: [] })).status).toBe(400);
    expect((await client.post("/api/v1/staff", { lastName: "А", firstName: "Б", email: "a@b.ru", roles: ["parent"] })).status).toBe(400);
    expect(
      (await client.post("/api/v1/staff", { lastName: "А", firstName: "Б", email: "a@b.ru", roles: ["teacher"], isAdmin: true })).status,
    ).toBe(400);
    expect((await client.post("/api/v1/staff", { lastName: "", firstName: "Б", email: "a@b.ru", roles: ["teacher"] })).status).toBe(400);
    expect(await countRows(t.db, "memberships", schoolId)).toBe(members);
    expect(t.mail.length).toBe(mail);
  });

  it("invites a phone-only teacher by SMS", async () => {
    const { client } = await schoolWithAdmin(t);
    const phone = `+7916${String(Date.now()).slice(-7)}`;
    const r = await client.post("/api/v1/staff", {
      lastName: "Тихонов",
      firstName: "Олег",
      phone: `8${phone.slice(2)}`,
      roles: ["teacher"],
    });
    expect(r.status).toBe(201);
    expect(r.body.phone).toBe(phone);
    const sms = t.sms.find((m) => m.to === phone);
    const token = /token=([A-Za-z0-9_-]+)/.exec(sms?.text ?? "")?.[1];
    expect(token).toBeDefined();
    const code = await t.db.maybeOne(
      sql`select 1 from one_time_codes where code_hash = ${sha256(token!)} and channel = 'sms' and user_id = ${r.body.userId}`,
    );
    expect(code).not.toBeNull();
  });

  it("edits name, contacts and roles; dropping the teacher role ends the teaching assignments", async () => {
    const { schoolId, yearId, admin, client } = await schoolWithAdmin(t);
    const created = await client.post("/api/v1/staff", {
      lastName: "Иванова",
      firstName: "Ольга",
      email: `o${Date.now()}@school.ru`,
      roles: ["teacher"],
    });
    const id = created.body.userId;
    const cls = await buildClass(t.db, { schoolId, yearId });
    const subject = await buildSubject(t.db, { schoolId });
    await buildAssignment(t.db, { schoolId, teacherId: id, classId: cls.id, subjectId: subject.id });

    // The PostgreSQL test database outlives a run: contacts must be new each time.
    const digits = String(Date.now()).slice(-7);
    const phone = `+7916${digits}`;
    const r = await client.patch(`/api/v1/staff/${id}`, {
      lastName: "Петрова",
      middleName: "Игоревна",
      phone: `8 (916) ${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`,
      roles: ["admin"],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ displayName: "Петрова Ольга Игоревна", phone, roles: ["admin"] });
    const active = await t.db.one<{ n: number }>(
      sql`select count(*) as n from teaching_assignments where teacher_id = ${id} and archived_at is null`,
    );
    expect(active.n).toBe(0);
    const update = (await eventsOf(t.db, schoolId, "staff", id)).find((e) => e.action === "update");
    expect(update).toMatchObject({
      actor_user_id: admin.id,
      before: { lastName: "Иванова", phone: null, roles: ["teacher"] },
      after: { lastName: "Петрова", phone, roles: ["admin"] },
    });

    const taken = await client.patch(`/api/v1/staff/${id}`, { email: admin.login });
    expect(taken.status).toBe(409);
    expect(taken.body.error.issues[0]).toMatchObject({ path: ["body", "email"], code: "email_taken" });
    const none = await client.patch(`/api/v1/staff/${id}`, { email: null, phone: null });
    expect(none.status).toBe(400);
    expect((await client.get(`/api/v1/staff/${id}`)).body.phone).toBe(phone);

    const selfDemote = await client.patch(`/api/v1/staff/${admin.id}`, { roles: ["teacher"] });
    expect(selfDemote.status).toBe(403);
    expect(selfDemote.body.error.details.reason).toBe("own_admin_role");
  });

  it("archives a staff member: roles end at once, the list hides them, and the admin cannot archive themself", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin(t);
    const teacher = await signedIn(t, schoolId, "teacher");
    expect((await teacher.client.get("/api/v1/me/teaching")).status).toBe(200);

    const r = await client.post(`/api/v1/staff/${teacher.user.id}/archive`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ archived: true, roles: [] });
    expect((await teacher.client.get("/api/v1/me/teaching")).status).toBe(403);
    expect((await client.get("/api/v1/staff")).body.items.map((s: { userId: string }) => s.userId)).toEqual([admin.id]);
    expect((await client.get("/api/v1/staff?includeArchived=true")).body.items).toHaveLength(2);
    expect((await client.post(`/api/v1/staff/${teacher.user.id}/archive`)).status).toBe(409);
    expect((await client.post(`/api/v1/staff/${admin.id}/archive`)).status).toBe(403);
    expect((await eventsOf(t.db, schoolId, "staff", teacher.user.id)).map((e) => e.action)).toEqual(["archive"]);

    // Adding the person again brings the same account back.
    const back = await client.post("/api/v1/staff", { lastName: "X", firstName: "Y", email: teacher.user.login, roles: ["teacher"] });
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ userId: teacher.user.id, roles: ["teacher"], archived: false });
  });

  it("sends the invitation again only while the account has no password", async () => {
    const { client } = await schoolWithAdmin(t);
    const r = await client.post("/api/v1/staff", {
      lastName: "Новиков",
      firstName: "Ян",
      email: `n${Date.now()}@school.ru`,
      roles: ["teacher"],
    });
    const before = t.mail.length;
    expect((await client.post(`/api/v1/staff/${r.body.userId}/invitation`)).status).toBe(200);
    expect(t.mail.length).toBe(before + 1);
    expect(t.mail.at(-1)!.text).toContain("/reset?token=");
    const codes = await t.db.one<{ n: number }>(sql`select count(*) as n from one_time_codes where user_id = ${r.body.userId}`);
    expect(codes.n).toBe(2);
  });

  it("hides one school's staff from another school's admin and refuses other roles", async () => {
    const a = await schoolWithAdmin(t);
    const teacherA = await buildUser(t.db, { schoolId: a.schoolId, role: "teacher" });
    const b = await schoolWithAdmin(t);
    expect((await b.client.get(`/api/v1/staff/${teacherA.id}`)).status).toBe(404);
    expect((await b.client.patch(`/api/v1/staff/${teacherA.id}`, { lastName: "Взлом" })).status).toBe(404);
    expect((await b.client.post(`/api/v1/staff/${teacherA.id}/archive`)).status).toBe(404);
    expect((await b.client.get("/api/v1/staff")).body.items.map((s: { userId: string }) => s.userId)).toEqual([b.admin.id]);

    for (const role of ["teacher", "parent", "student"] as const) {
      const { client } = await signedIn(t, a.schoolId, role);
      expect((await client.get("/api/v1/staff")).status).toBe(403);
      expect((await client.post("/api/v1/staff", { lastName: "А", firstName: "Б", email: "x@y.ru", roles: ["admin"] })).status).toBe(403);
    }
    expect((await new TestClient(t).get("/api/v1/staff")).status).toBe(401);
  });
});
