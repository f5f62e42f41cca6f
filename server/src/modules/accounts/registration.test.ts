import { randomInt, randomUUID } from "node:crypto";
import { PERSONAL_DATA_POLICY_VERSION } from "@otmetka/core/contracts/identity.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

const PASSWORD = "Zebra#Lantern7";
const REGISTER = "/api/v1/auth/register";
const CONFIRM = "/api/v1/auth/register/confirm";
const RESEND = "/api/v1/auth/register/resend";

function newParent(over: Record<string, unknown> = {}) {
  return {
    lastName: "Смирнова",
    firstName: "Ольга",
    middleName: "Петровна",
    email: `${randomUUID()}@example.org`,
    password: PASSWORD,
    consent: true,
    consentVersion: PERSONAL_DATA_POLICY_VERSION,
    ...over,
  };
}

/** A Russian mobile number no other test uses. */
function newMobile(): string {
  return `+79${String(randomInt(0, 1e9)).padStart(9, "0")}`;
}

function codeIn(text: string): string {
  const m = /\b(\d{6})\b/.exec(text);
  if (!m?.[1]) throw new Error(`no code in: ${text}`);
  return m[1];
}

describe.each(DATABASES)("parent registration on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const mailTo = (to: string) => t.mail.filter((m) => m.to === to);
  const lastCodeMailedTo = (to: string) => codeIn(mailTo(to).at(-1)?.text ?? "");

  it("registers by e-mail: pending until the mailed code is entered, then signed in", async () => {
    const client = new TestClient(t);
    const input = newParent();
    const r = await client.post(REGISTER, input);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      channel: "email",
      destination: expect.stringMatching(/^.{1,2}\*\*\*@example\.org$/),
      codeTtlSeconds: 1800,
      resendAfterSeconds: 60,
    });

    const user = await t.db.one<{ id: string; status: string; password_hash: string; email_verified_at: Date | null }>(
      sql`select id, status, password_hash, email_verified_at from users where email = ${input.email}`,
    );
    expect(user.status).toBe("pending");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.email_verified_at).toBeNull();
    const stored = await t.db.one<{ code_hash: string; purpose: string; expires_at: Date }>(
      sql`select code_hash, purpose, expires_at from one_time_codes where user_id = ${user.id}`,
    );
    const code = lastCodeMailedTo(input.email);
    expect(stored.purpose).toBe("confirm_email");
    expect(stored.code_hash).not.toContain(code);

    // Pending accounts cannot sign in yet.
    const early = await client.post("/api/v1/auth/login", { login: input.email, password: PASSWORD });
    expect(early.status).toBe(403);

    const confirmed = await client.post(CONFIRM, { login: input.email.toUpperCase(), code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.me).toMatchObject({
      userId: user.id,
      displayName: "Смирнова Ольга Петровна",
      email: input.email,
      currentSchoolId: null,
    });
    expect(confirmed.body.me.abilities.connectChild).toBe(true);
    expect((await client.get("/api/v1/me")).status).toBe(200);
    const after = await t.db.one<{ status: string; email_verified_at: Date | null }>(
      sql`select status, email_verified_at from users where id = ${user.id}`,
    );
    expect(after.status).toBe("active");
    expect(after.email_verified_at).not.toBeNull();

    const events = await t.db.many<{ action: string; after: { consent?: { version: string } } }>(
      sql`select action, after from events where entity = 'user' and entity_id = ${user.id} order by pos`,
    );
    expect(events.map((e) => e.action)).toEqual(["register", "register.confirm"]);
    expect(events[0]?.after.consent?.version).toBe(PERSONAL_DATA_POLICY_VERSION);

    // The code works once.
    const again = await new TestClient(t).post(CONFIRM, { login: input.email, code });
    expect(again.status).toBe(400);
    expect(again.body.error.issues[0]).toMatchObject({ path: ["body", "code"], code: "invalid_code" });
    expect((await new TestClient(t).signIn(input.email, PASSWORD)).status).toBe("ok");
  });

  it("registers by phone with an SMS code; the phone is normalised", async () => {
    const phone = newMobile();
    const typed = `8 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;
    const client = new TestClient(t);
    const r = await client.post(REGISTER, newParent({ email: undefined, phone: typed }));
    expect(r.status).toBe(201);
    expect(r.body.channel).toBe("sms");
    expect(r.body.destination).toBe(`+7 ${phone.slice(2, 5)} ***-**-${phone.slice(-2)}`);
    const sms = t.sms.filter((s) => s.to === phone);
    expect(sms).toHaveLength(1);
    const confirmed = await client.post(CONFIRM, { login: typed, code: codeIn(sms[0]?.text ?? "") });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.me.phone).toBe(phone);
    const row = await t.db.one<{ phone_verified_at: Date | null; status: string }>(
      sql`select phone_verified_at, status from users where phone = ${phone}`,
    );
    expect(row).toMatchObject({ status: "active" });
    expect(row.phone_verified_at).not.toBeNull();
  });

  it("rejects weak passwords with one issue per broken rule, and creates nothing", async () => {
    const input = newParent({ firstName: "Иван", password: "ivan1234" });
    const r = await new TestClient(t).post(REGISTER, input);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.issues.map((i: { code: string }) => i.code)).toEqual(["no_upper", "no_special", "sequence", "contains_name"]);
    expect(r.body.error.issues.every((i: { path: string[] }) => i.path.join(".") === "body.password")).toBe(true);

    const dated = await new TestClient(t).post(REGISTER, newParent({ password: "Kite#150311x", birthDate: "2011-03-15" }));
    expect(dated.body.error.issues.map((i: { code: string }) => i.code)).toEqual(["contains_birth_date"]);
    const phone = newMobile();
    const tail = await new TestClient(t).post(REGISTER, newParent({ email: undefined, phone, password: `Kite#${phone.slice(-4)}!Rz` }));
    expect(tail.body.error.issues.map((i: { code: string }) => i.code)).toContain("contains_phone");

    const count = await t.db.one<{ n: number }>(sql`select count(*)::int as n from users where email = ${input.email}`);
    expect(count.n).toBe(0);
    expect(mailTo(input.email)).toHaveLength(0);
  });

  it("checks the phone, the login and the consent", async () => {
    const client = new TestClient(t);
    const landline = await client.post(REGISTER, newParent({ email: undefined, phone: "+7 495 123-45-67" }));
    expect(landline.body.error.issues).toEqual([expect.objectContaining({ path: ["body", "phone"], code: "not_mobile_phone" })]);
    const kazakh = await client.post(REGISTER, newParent({ email: undefined, phone: "+7 701 123-45-67" }));
    expect(kazakh.body.error.issues[0].code).toBe("phone_not_russian");
    const none = await client.post(REGISTER, newParent({ email: undefined }));
    expect(none.body.error.issues[0]).toMatchObject({ path: ["body", "email"], code: "login_required" });
    const oldConsent = await client.post(REGISTER, newParent({ consentVersion: "2001-01-01" }));
    expect(oldConsent.body.error.issues[0]).toMatchObject({ path: ["body", "consentVersion"], code: "outdated_consent" });
    const noConsent = await client.post(REGISTER, newParent({ consent: false }));
    expect(noConsent.status).toBe(400);
    const extra = await client.post(REGISTER, newParent({ role: "admin" }));
    expect(extra.status).toBe(400);
  });

  it("answers an existing e-mail exactly like a new one and mails the owner a notice instead of a code", async () => {
    const existing = await buildUser(t.db);
    const fresh = await new TestClient(t).post(REGISTER, newParent({ email: "someone.new@example.org".replace("someone", randomUUID()) }));
    const taken = await new TestClient(t).post(REGISTER, newParent({ email: existing.login.toUpperCase(), password: "Other#Secret9x" }));
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.body)).toEqual(Object.keys(fresh.body));
    expect(taken.body.channel).toBe("email");
    const notices = mailTo(existing.login);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("/reset");
    expect(notices[0]?.text).not.toMatch(/\b\d{6}\b/);
    // Nothing changed: the old password still works, the new one does not.
    expect((await new TestClient(t).signIn(existing.login, existing.password)).status).toBe("ok");
    expect((await new TestClient(t).post("/api/v1/auth/login", { login: existing.login, password: "Other#Secret9x" })).status).toBe(401);
    // A second attempt within a minute sends no second notice.
    await new TestClient(t).post(REGISTER, newParent({ email: existing.login }));
    expect(mailTo(existing.login)).toHaveLength(1);
    const audit = await t.db.many<{ action: string }>(
      sql`select action from events where entity_id = ${existing.id} and action = 'register.duplicate'`,
    );
    expect(audit).toHaveLength(1);
  });

  it("refuses wrong and expired codes, and stops after five wrong attempts", async () => {
    const input = newParent();
    const client = new TestClient(t);
    await client.post(REGISTER, input);
    const code = lastCodeMailedTo(input.email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const r = await client.post(CONFIRM, { login: input.email, code: wrong });
      expect(r.body.error.issues[0].code).toBe("invalid_code");
    }
    const blocked = await client.post(CONFIRM, { login: input.email, code });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.issues[0].code).toBe("too_many_attempts");

    // A new code (after the cool-down) works; the old one no longer does.
    await client.post(RESEND, { login: input.email });
    expect(mailTo(input.email)).toHaveLength(1);
    t.advanceClock(61_000);
    expect((await client.post(RESEND, { login: input.email })).body).toEqual({ ok: true });
    expect(mailTo(input.email)).toHaveLength(2);
    const second = lastCodeMailedTo(input.email);
    if (second !== code) expect((await client.post(CONFIRM, { login: input.email, code })).body.error.issues[0].code).toBe("invalid_code");

    t.advanceClock(31 * 60_000);
    const expired = await client.post(CONFIRM, { login: input.email, code: second });
    expect(expired.body.error.issues[0].code).toBe("code_expired");

    t.advanceClock(61_000);
    await client.post(RESEND, { login: input.email });
    expect((await client.post(CONFIRM, { login: input.email, code: lastCodeMailedTo(input.email) })).status).toBe(200);
  });

  it("answers resend and confirm for unknown logins like for real ones", async () => {
    const client = new TestClient(t);
    expect((await client.post(RESEND, { login: "nobody-at-all@example.org" })).body).toEqual({ ok: true });
    const r = await client.post(CONFIRM, { login: "nobody-at-all@example.org", code: "123456" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].code).toBe("invalid_code");
  });

  it("limits registrations per IP", async () => {
    const client = new TestClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post(REGISTER, {})).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
