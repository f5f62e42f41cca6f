import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../platform/db/sql.ts";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

describe.each(DATABASES)("own sessions on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("lists the open sessions with a public id, and ends one of them", async () => {
    const user = await buildUser(t.db);
    const here = new TestClient(t);
    const there = new TestClient(t);
    await there.request(
      "POST",
      "/api/v1/auth/login",
      { login: user.login, password: user.password },
      { "user-agent": "Phone Browser 1.0" },
    );
    await here.signIn(user.login, user.password);

    const list = await here.get("/api/v1/me/sessions");
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    const hashes = await t.db.many<{ id_hash: string }>(sql`select id_hash from sessions where user_id = ${user.id}`);
    for (const s of list.body) {
      expect(s.id).toMatch(/^[0-9a-f]{16}$/);
      expect(hashes.some((h) => h.id_hash.includes(s.id))).toBe(false);
    }
    const current = list.body.find((s: { current: boolean }) => s.current);
    const other = list.body.find((s: { current: boolean }) => !s.current);
    expect(current.ip).toBe(here.ip);
    expect(other).toMatchObject({ ip: there.ip, userAgent: "Phone Browser 1.0" });
    expect(Date.parse(other.createdAt)).not.toBeNaN();

    expect((await here.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(200);
    expect((await there.get("/api/v1/me")).status).toBe(401);
    expect((await here.get("/api/v1/me/sessions")).body).toHaveLength(1);
    expect((await here.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(404);
    expect((await here.delete("/api/v1/me/sessions/not-an-id")).status).toBe(400);
    const audit = await t.db.many(sql`select 1 from events where entity_id = ${user.id} and action = 'session.revoke'`);
    expect(audit).toHaveLength(1);
  });

  it("cannot see or end another user's sessions", async () => {
    const alice = await buildUser(t.db);
    const bob = await buildUser(t.db);
    const a = new TestClient(t);
    const b = new TestClient(t);
    await a.signIn(alice.login, alice.password);
    await b.signIn(bob.login, bob.password);
    const bobs = (await b.get("/api/v1/me/sessions")).body;
    expect((await a.delete(`/api/v1/me/sessions/${bobs[0].id}`)).status).toBe(404);
    expect((await b.get("/api/v1/me")).status).toBe(200);
    expect((await new TestClient(t).get("/api/v1/me/sessions")).status).toBe(401);
  });

  it("ends every other session at once, and ending the current one signs out", async () => {
    const user = await buildUser(t.db);
    const clients = [new TestClient(t), new TestClient(t), new TestClient(t)];
    for (const c of clients) await c.signIn(user.login, user.password);
    const [first, second, third] = clients as [TestClient, TestClient, TestClient];
    const r = await first.post("/api/v1/me/sessions/revoke-others");
    expect(r.body).toEqual({ revoked: 2 });
    expect((await second.get("/api/v1/me")).status).toBe(401);
    expect((await third.get("/api/v1/me")).status).toBe(401);
    const mine = (await first.get("/api/v1/me/sessions")).body;
    expect(mine).toHaveLength(1);
    expect((await first.delete(`/api/v1/me/sessions/${mine[0].id}`)).status).toBe(200);
    expect((await first.get("/api/v1/me")).status).toBe(401);
  });
});
