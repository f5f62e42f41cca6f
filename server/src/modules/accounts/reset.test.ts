import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

const REQUEST = "/api/v1/auth/password-reset";
const CONFIRM = "/api/v1/auth/password-reset/confirm";
const NEW_PASSWORD = "Quartz#Meadow58";

describe.each(DATABASES)("password reset and change on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const tokenMailedTo = (to: string) => {
    const text = t.mail.filter((m) => m.to === to).at(-1)?.text ?? "";
    return /\/reset\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
  };

  it("resets by an e-mailed link: new password, every session ended, lockout cleared, link single-use", async () => {
    const user = await buildUser(t.db);
    const phone = new TestClient(t);
    const laptop = new TestClient(t);
    await phone.signIn(user.login, user.password);
    await laptop.signIn(user.login, user.password);
    await t.db.execute(
      sql`update users set failed_logins = 7, locked_until = ${new Date(t.app.now().getTime() + 3600_000).toISOString()} where id = ${user.id}`,
    );

    const requested = await new TestClient(t).post(REQUEST, { login: user.login });
    expect(requested.status).toBe(200);
    expect(requested.body).toEqual({ channel: "email" });
    const mail = t.mail.filter((m) => m.to === user.login).at(-1);
    expect(mail?.text).toContain(`${t.app.config.publicUrl}/reset?token=`);
    const token = tokenMailedTo(user.login);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = await t.db.one<{ code_hash: string }>(
      sql`select code_hash from one_time_codes where user_id = ${user.id} and purpose = 'reset_password'`,
    );
    expect(stored.code_hash).toBe(createHash("sha256").update(token).digest("hex"));

    const client = new TestClient(t);
    const weak = await client.post(CONFIRM, { token, password: "ivanov12" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues.map((i: { code: string }) => i.code)).toEqual(["no_upper", "no_special", "contains_name"]);

    const done = await client.post(CONFIRM, { token, password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect((await phone.get("/api/v1/me")).status).toBe(401);
    expect((await laptop.get("/api/v1/me")).status).toBe(401);
    expect((await new TestClient(t).post("/api/v1/auth/login", { login: user.login, password: user.password })).status).toBe(401);
    expect((await new TestClient(t).signIn(user.login, NEW_PASSWORD)).status).toBe("ok");

    const reused = await client.post(CONFIRM, { token, password: "Another#Pass93" });
    expect(reused.body.error.issues[0]).toMatchObject({ path: ["body", "token"], code: "invalid_token" });
    const audit = await t.db.one<{ after: { sessionsEnded: number } }>(
      sql`select after from events where entity_id = ${user.id} and action = 'password_reset'`,
    );
    expect(audit.after.sessionsEnded).toBe(2);
    expect(t.mail.filter((m) => m.to === user.login).at(-1)?.subject).toBe("Пароль в Отметке изменён");
  });

  it("answers the same for unknown logins and sends nothing", async () => {
    const before = t.mail.length + t.sms.length;
    const email = await new TestClient(t).post(REQUEST, { login: `${randomUUID()}@example.org` });
    expect(email.status).toBe(200);
    expect(email.body).toEqual({ channel: "email" });
    const phone = await new TestClient(t).post(REQUEST, { login: "+7 900 000-00-01" });
    expect(phone.body).toEqual({ channel: "sms" });
    expect(t.mail.length + t.sms.length).toBe(before);
    const junk = await new TestClient(t).post(REQUEST, { login: "not a login" });
    expect(junk.body.error.issues[0].code).toBe("invalid_login");
  });

  it("refuses an expired link", async () => {
    const user = await buildUser(t.db);
    await new TestClient(t).post(REQUEST, { login: user.login });
    const token = tokenMailedTo(user.login);
    t.advanceClock(31 * 60_000);
    const r = await new TestClient(t).post(CONFIRM, { token, password: NEW_PASSWORD });
    expect(r.body.error.issues[0]).toMatchObject({ path: ["body", "token"], code: "token_expired" });
    expect((await new TestClient(t).post(CONFIRM, { token: "x".repeat(43), password: NEW_PASSWORD })).body.error.issues[0].code).toBe(
      "invalid_token",
    );
  });

  it("resets by SMS code; wrong codes are counted", async () => {
    const user = await buildUser(t.db);
    const phone = `+79${String(randomInt(0, 1e9)).padStart(9, "0")}`;
    await t.db.execute(sql`update users set phone = ${phone} where id = ${user.id}`);
    const signedIn = new TestClient(t);
    await signedIn.signIn(user.login, user.password);

    const r = await new TestClient(t).post(REQUEST, { login: `8${phone.slice(2)}` });
    expect(r.body).toEqual({ channel: "sms" });
    const sms = t.sms.filter((s) => s.to === phone);
    expect(sms).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(sms[0]?.text ?? "")?.[1] ?? "";
    const client = new TestClient(t);
    const wrong = await client.post(CONFIRM, { login: phone, code: code === "000000" ? "000001" : "000000", password: NEW_PASSWORD });
    expect(wrong.body.error.issues[0]).toMatchObject({ path: ["body", "code"], code: "invalid_code" });
    const attempts = await t.db.one<{ attempts: number }>(
      sql`select attempts from one_time_codes where user_id = ${user.id} and purpose = 'reset_password'`,
    );
    expect(attempts.attempts).toBe(1);
    expect((await client.post(CONFIRM, { login: phone, password: NEW_PASSWORD })).body.error.issues[0].code).toBe("token_or_code_required");

    expect((await client.post(CONFIRM, { login: phone, code, password: NEW_PASSWORD })).status).toBe(200);
    expect((await signedIn.get("/api/v1/me")).status).toBe(401);
    expect((await new TestClient(t).signIn(phone, NEW_PASSWORD)).status).toBe("ok");
    expect((await client.post(CONFIRM, { login: phone, code, password: "Another#Pass93" })).body.error.issues[0].code).toBe("invalid_code");
  });

  it("takes a staff invitation token (7 days, same format) and activates the invited account", async () => {
    const email = `${randomUUID()}@school.example.org`;
    const invited = await t.db.one<{ id: string }>(sql`
      insert into users (email, last_name, first_name, status) values (${email}, 'Орлова', 'Вера', 'pending') returning id`);
    const token = randomBytes(32).toString("base64url");
    await t.db.execute(sql`
      insert into one_time_codes (user_id, purpose, channel, destination, code_hash, expires_at)
      values (${invited.id}, 'reset_password', 'email', ${email}, ${createHash("sha256").update(token).digest("hex")},
              ${new Date(t.app.now().getTime() + 7 * 86_400_000).toISOString()})`);
    t.advanceClock(6 * 86_400_000);
    const r = await new TestClient(t).post(CONFIRM, { token, password: NEW_PASSWORD });
    expect(r.status).toBe(200);
    const row = await t.db.one<{ status: string; email_verified_at: Date | null }>(
      sql`select status, email_verified_at from users where id = ${invited.id}`,
    );
    expect(row.status).toBe("active");
    expect(row.email_verified_at).not.toBeNull();
    expect((await new TestClient(t).signIn(email, NEW_PASSWORD)).status).toBe("ok");
  });

  it("changes the password with the current one and ends the other sessions", async () => {
    const user = await buildUser(t.db);
    const here = new TestClient(t);
    const elsewhere = new TestClient(t);
    await here.signIn(user.login, user.password);
    await elsewhere.signIn(user.login, user.password);

    const wrong = await here.post("/api/v1/me/password", { currentPassword: "Wrong#Guess11", newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0]).toMatchObject({ path: ["body", "currentPassword"], code: "wrong_password" });
    const counted = await t.db.one<{ failed_logins: number }>(sql`select failed_logins from users where id = ${user.id}`);
    expect(counted.failed_logins).toBe(1);
    const weak = await here.post("/api/v1/me/password", { currentPassword: user.password, newPassword: "abcdefgh" });
    expect(weak.body.error.issues.every((i: { path: string[] }) => i.path.join(".") === "body.newPassword")).toBe(true);
    expect((await elsewhere.get("/api/v1/me")).status).toBe(200);

    expect((await here.post("/api/v1/me/password", { currentPassword: user.password, newPassword: NEW_PASSWORD })).status).toBe(200);
    expect((await here.get("/api/v1/me")).status).toBe(200);
    expect((await elsewhere.get("/api/v1/me")).status).toBe(401);
    expect((await new TestClient(t).signIn(user.login, NEW_PASSWORD)).status).toBe("ok");
    const audit = await t.db.many(sql`select 1 from events where entity_id = ${user.id} and action = 'password.change'`);
    expect(audit).toHaveLength(1);
    expect((await new TestClient(t).post("/api/v1/me/password", { currentPassword: "x", newPassword: "y" })).status).toBe(401);
  });

  it("limits reset requests per IP", async () => {
    const client = new TestClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post(REQUEST, { login: `${randomUUID()}@example.org` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
