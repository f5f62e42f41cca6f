import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { buildSchool, buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

describe.each(DATABASES)("sign-in on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("signs in with e-mail in any case, shows the user, and signs out", async () => {
    const { schoolId } = await buildSchool(t.db);
    const user = await buildUser(t.db, { schoolId, role: "teacher", lastName: "Петрова", firstName: "Анна" });
    const client = new TestClient(t);
    const login = await client.post("/api/v1/auth/login", { login: user.login.toUpperCase(), password: user.password });
    expect(login.status).toBe(200);
    expect(login.body.status).toBe("ok");
    expect(login.body.me).toMatchObject({ userId: user.id, displayName: "Петрова Анна", roles: ["teacher"], currentSchoolId: schoolId });
    const me = await client.get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body.abilities).toMatchObject({ keepJournal: true, manageSchool: false });

    expect((await client.post("/api/v1/auth/logout")).status).toBe(200);
    expect((await client.get("/api/v1/me")).status).toBe(401);
  });

  it("answers a wrong password and an unknown login the same way", async () => {
    const user = await buildUser(t.db);
    const client = new TestClient(t);
    const wrong = await client.post("/api/v1/auth/login", { login: user.login, password: "Wrong#Password1" });
    const unknown = await client.post("/api/v1/auth/login", { login: "nobody@example.org", password: "Wrong#Password1" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.body.error.code).toBe("unauthenticated");
  });

  it("locks the account after five failures, with a growing delay, and lets it in once the time is over", async () => {
    const user = await buildUser(t.db);
    const client = new TestClient(t);
    for (let i = 1; i <= 4; i++) {
      expect((await client.post("/api/v1/auth/login", { login: user.login, password: `Wrong#Pass${i}x` })).status).toBe(401);
    }
    const fifth = await client.post("/api/v1/auth/login", { login: user.login, password: "Wrong#Pass5x" });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.details.retryAfterSeconds).toBe(60);
    // Even the right password is refused while locked.
    expect((await client.post("/api/v1/auth/login", { login: user.login, password: user.password })).status).toBe(423);
    t.advanceClock(61_000);
    const sixth = await client.post("/api/v1/auth/login", { login: user.login, password: "Wrong#Pass6x" });
    expect(sixth.status).toBe(423);
    expect(sixth.body.error.details.retryAfterSeconds).toBe(120);
    t.advanceClock(121_000);
    expect((await client.post("/api/v1/auth/login", { login: user.login, password: user.password })).status).toBe(200);
    const row = await t.db.one<{ failed_logins: number }>(sql`select failed_logins from users where id = ${user.id}`);
    expect(row.failed_logins).toBe(0);
  });

  it("ends the oldest session beyond the limit of five", async () => {
    const user = await buildUser(t.db);
    const clients = Array.from({ length: 6 }, () => new TestClient(t));
    for (const c of clients) await c.signIn(user.login, user.password);
    expect((await clients[0]!.get("/api/v1/me")).status).toBe(401);
    expect((await clients[1]!.get("/api/v1/me")).status).toBe(200);
    expect((await clients[5]!.get("/api/v1/me")).status).toBe(200);
  });
});
