import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { buildSchool, buildUser, type TestUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

describe.each(DATABASES)("two-factor sign-in on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const totp = (secret: string) => generate({ secret, epoch: Math.floor(t.app.now().getTime() / 1000) });
  const nextStep = () => t.advanceClock(30_000);

  /** Signs in, sets up the app and turns 2FA on; returns the secret and the recovery codes. */
  async function enableTotp(user: TestUser) {
    const client = new TestClient(t);
    await client.signIn(user.login, user.password);
    const setup = await client.post("/api/v1/me/mfa/totp/setup");
    expect(setup.status).toBe(200);
    const enabled = await client.post("/api/v1/me/mfa/totp/enable", { code: await totp(setup.body.secret) });
    expect(enabled.status).toBe(200);
    return { client, secret: setup.body.secret as string, recoveryCodes: enabled.body.recoveryCodes as string[] };
  }

  async function startSignIn(user: TestUser) {
    const client = new TestClient(t);
    const r = await client.post("/api/v1/auth/login", { login: user.login, password: user.password });
    expect(r.body.status).toBe("mfa_required");
    return client;
  }

  it("sets up TOTP (secret stored encrypted), refuses a wrong code, and returns ten recovery codes", async () => {
    const user = await buildUser(t.db);
    const client = new TestClient(t);
    await client.signIn(user.login, user.password);
    const setup = await client.post("/api/v1/me/mfa/totp/setup");
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(setup.body.otpauthUri).toContain(encodeURIComponent(user.login));
    const stored = await t.db.one<{ totp_secret: string; mfa_enabled: boolean }>(
      sql`select totp_secret, mfa_enabled from users where id = ${user.id}`,
    );
    expect(stored.mfa_enabled).toBe(false);
    expect(stored.totp_secret).toMatch(/^v1\./);
    expect(stored.totp_secret).not.toContain(setup.body.secret);

    const good = await totp(setup.body.secret);
    const wrong = await client.post("/api/v1/me/mfa/totp/enable", { code: good === "000000" ? "000001" : "000000" });
    expect(wrong.body.error.issues[0]).toMatchObject({ path: ["body", "code"], code: "invalid_code" });
    const enabled = await client.post("/api/v1/me/mfa/totp/enable", { code: good });
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
    expect((await client.get("/api/v1/me")).body.mfaEnabled).toBe(true);
    expect((await client.post("/api/v1/me/mfa/totp/setup")).status).toBe(409);
    const audit = await t.db.many<{ action: string }>(
      sql`select action from events where entity_id = ${user.id} and action like 'mfa.%' order by pos`,
    );
    expect(audit.map((a) => a.action)).toEqual(["mfa.totp_setup", "mfa.enable"]);
  });

  it("signs in with password then TOTP; the pending session reaches nothing else; a code works once", async () => {
    const user = await buildUser(t.db);
    const { secret } = await enableTotp(user);
    const client = new TestClient(t);
    const login = await client.post("/api/v1/auth/login", { login: user.login, password: user.password });
    expect(login.body).toEqual({ status: "mfa_required", methods: ["totp", "email", "recovery"] });
    expect((await client.get("/api/v1/me")).status).toBe(401);
    expect((await client.get("/api/v1/me/sessions")).status).toBe(401);

    // The code of the step used to turn 2FA on is spent already.
    const replayed = await client.post("/api/v1/auth/mfa", { method: "totp", code: await totp(secret) });
    expect(replayed.body.error.issues[0].code).toBe("invalid_code");
    nextStep();
    const code = await totp(secret);
    const done = await client.post("/api/v1/auth/mfa", { method: "totp", code });
    expect(done.status).toBe(200);
    expect(done.body.me.userId).toBe(user.id);
    // The pending token was replaced: it no longer opens anything.
    const cookieOf = (r: { headers: Record<string, unknown> }) => /otm_session=([^;]+)/.exec(String(r.headers["set-cookie"]))?.[1];
    const pendingToken = cookieOf(login);
    expect(cookieOf(done)).toBeDefined();
    expect(cookieOf(done)).not.toBe(pendingToken);
    const stale = await t.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: `otm_session=${pendingToken}` } });
    expect(stale.statusCode).toBe(401);
    expect((await client.get("/api/v1/me")).status).toBe(200);
    expect((await client.post("/api/v1/auth/mfa", { method: "totp", code })).status).toBe(400);

    const other = await startSignIn(user);
    expect((await other.post("/api/v1/auth/mfa", { method: "totp", code })).body.error.issues[0].code).toBe("invalid_code");
    nextStep();
    expect((await other.post("/api/v1/auth/mfa", { method: "totp", code: await totp(secret) })).status).toBe(200);
  });

  it("accepts a recovery code once", async () => {
    const user = await buildUser(t.db);
    const { recoveryCodes } = await enableTotp(user);
    const code = recoveryCodes[3] ?? "";
    const first = await startSignIn(user);
    expect((await first.post("/api/v1/auth/mfa", { method: "recovery", code: code.toUpperCase() })).status).toBe(200);
    const second = await startSignIn(user);
    expect((await second.post("/api/v1/auth/mfa", { method: "recovery", code })).body.error.issues[0].code).toBe("invalid_code");
    expect((await second.post("/api/v1/auth/mfa", { method: "recovery", code: recoveryCodes[4] ?? "" })).status).toBe(200);
  });

  it("sends a second-factor code by e-mail, with a cool-down", async () => {
    const user = await buildUser(t.db);
    await enableTotp(user);
    const client = await startSignIn(user);
    const sent = await client.post("/api/v1/auth/mfa/send", { method: "email" });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ channel: "email", codeTtlSeconds: 600 });
    expect((await client.post("/api/v1/auth/mfa/send", { method: "email" })).status).toBe(429);
    expect((await client.post("/api/v1/auth/mfa/send", { method: "sms" })).body.error.issues[0].code).toBe("method_unavailable");
    const code = /\b(\d{6})\b/.exec(t.mail.filter((m) => m.to === user.login).at(-1)?.text ?? "")?.[1];
    const done = await client.post("/api/v1/auth/mfa", { method: "email", code });
    expect(done.status).toBe(200);
    // A full session has no second factor left to give.
    expect((await client.post("/api/v1/auth/mfa/send", { method: "email" })).status).toBe(400);
    expect((await new TestClient(t).post("/api/v1/auth/mfa/send", { method: "email" })).status).toBe(401);
  });

  it("counts wrong second-factor codes towards the sign-in lockout", async () => {
    const user = await buildUser(t.db);
    const { secret } = await enableTotp(user);
    const client = await startSignIn(user);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post("/api/v1/auth/mfa", { method: "totp", code: `12345${i}` })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 423]);
    nextStep();
    expect((await client.post("/api/v1/auth/mfa", { method: "totp", code: await totp(secret) })).status).toBe(423);
    t.advanceClock(61_000);
    expect((await client.post("/api/v1/auth/mfa", { method: "totp", code: await totp(secret) })).status).toBe(200);
  });

  it("turns 2FA off with the password", async () => {
    const user = await buildUser(t.db);
    const { client } = await enableTotp(user);
    const wrong = await client.post("/api/v1/me/mfa/disable", { password: "Wrong#Pass123" });
    expect(wrong.body.error.issues[0]).toMatchObject({ path: ["body", "password"], code: "wrong_password" });
    expect((await client.post("/api/v1/me/mfa/disable", { password: user.password })).status).toBe(200);
    expect((await new TestClient(t).signIn(user.login, user.password)).status).toBe("ok");
    const left = await t.db.one<{ n: number }>(sql`select count(*)::int as n from recovery_codes where user_id = ${user.id}`);
    expect(left.n).toBe(0);
  });

  it("holds staff of a school that requires 2FA at the setup until they turn it on", async () => {
    const { schoolId } = await buildSchool(t.db);
    await t.db.execute(
      sql`insert into school_settings (school_id, version, settings) values (${schoolId}, 1, ${JSON.stringify({ requireStaffMfa: true })}::jsonb)`,
    );
    const teacher = await buildUser(t.db, { schoolId, role: "teacher" });
    const parent = await buildUser(t.db, { schoolId, role: "parent" });

    const client = new TestClient(t);
    const login = await client.post("/api/v1/auth/login", { login: teacher.login, password: teacher.password });
    expect(login.body.me.mfaSetupRequired).toBe(true);
    expect((await client.get("/api/v1/me")).body.mfaSetupRequired).toBe(true);
    const refused = await client.get("/api/v1/me/sessions");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("mfa_required");
    expect((await client.post("/api/v1/me/password", { currentPassword: teacher.password, newPassword: "Quartz#Meadow58" })).status).toBe(
      403,
    );

    const setup = await client.post("/api/v1/me/mfa/totp/setup");
    expect(setup.status).toBe(200);
    expect((await client.post("/api/v1/me/mfa/totp/enable", { code: await totp(setup.body.secret) })).status).toBe(200);
    expect((await client.get("/api/v1/me")).body.mfaSetupRequired).toBe(false);
    expect((await client.get("/api/v1/me/sessions")).status).toBe(200);

    const parentClient = new TestClient(t);
    const parentLogin = await parentClient.signIn(parent.login, parent.password);
    expect(parentLogin.me.mfaSetupRequired).toBe(false);
    expect((await parentClient.get("/api/v1/me/sessions")).status).toBe(200);
    expect((await client.post("/api/v1/auth/logout")).status).toBe(200);
  });
});
