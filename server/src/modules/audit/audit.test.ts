import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type EventInput, recordEvent, sealEvents } from "../../platform/audit/events.ts";
import { sql } from "../../platform/db/sql.ts";
import { buildSchool, buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, TestClient, type TestApp } from "../../../test/harness.ts";

describe.each(DATABASES)("audit log on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  async function record(schoolId: string, events: Partial<EventInput>[]) {
    for (const e of events) {
      await t.db.transaction((tx) =>
        recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: randomUUID(), action: "create", ...e }),
      );
    }
    // Link them into the chain now (a server's sealer would within moments), so tests can address them by seq.
    await sealEvents(t.db, schoolId);
  }

  async function schoolWithAdmin() {
    const { schoolId } = await buildSchool(t.db);
    // Some tests break the chain on purpose: remove it, so a shared PostgreSQL stays verifiable.
    onTestFinished(async () => void (await t.db.execute(sql`delete from events where school_id = ${schoolId}`)));
    const admin = await buildUser(t.db, { schoolId, role: "admin", lastName: "Смирнова", firstName: "Ольга" });
    const client = new TestClient(t);
    await client.signIn(admin.login, admin.password);
    return { schoolId, admin, client };
  }

  it("shows the admin their school's events, newest first, with who made them", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin();
    const other = await buildSchool(t.db);
    const gradeId = randomUUID();
    await record(schoolId, [
      { actorUserId: admin.id, entity: "grade", entityId: gradeId, action: "create", after: { value: 4 } },
      {
        actorUserId: admin.id,
        entity: "grade",
        entityId: gradeId,
        action: "update",
        before: { value: 4 },
        after: { value: 5 },
        reason: "Опечатка",
        requestId: "req-1",
      },
      { actorUserId: null, entity: "membership", entityId: admin.id, action: "create", after: { role: "admin" } },
    ]);
    await record(other.schoolId, [{ entity: "grade", action: "create", reason: "другая школа" }]);

    const r = await client.get("/api/v1/audit/events");
    expect(r.status).toBe(200);
    expect(r.body.nextBefore).toBeNull();
    expect(r.body.events.map((e: { seq: number }) => e.seq)).toEqual([3, 2, 1]);
    expect(r.body.events[1]).toEqual({
      seq: 2,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      actor: { id: admin.id, displayName: "Смирнова Ольга" },
      entity: "grade",
      entityId: gradeId,
      action: "update",
      before: { value: 4 },
      after: { value: 5 },
      reason: "Опечатка",
      requestId: "req-1",
    });
    expect(r.body.events[0].actor).toBeNull();
    expect(r.body.events.some((e: { reason: string | null }) => e.reason === "другая школа")).toBe(false);
  });

  it("filters by entity, id, action, actor, reason text and the school's days", async () => {
    const { schoolId, admin, client } = await schoolWithAdmin();
    const teacher = await buildUser(t.db, { schoolId, role: "teacher" });
    const gradeId = randomUUID();
    await record(schoolId, [
      { actorUserId: teacher.id, entity: "grade", entityId: gradeId, action: "create" },
      { actorUserId: teacher.id, entity: "grade", entityId: gradeId, action: "update", reason: "Исправлена 100% ошибка" },
      { actorUserId: admin.id, entity: "class", action: "archive", reason: "Класс выпущен" },
      { actorUserId: admin.id, entity: "grade", action: "update", reason: "Исправлена ошибка_ученика" },
    ]);
    // Moscow is UTC+3: 20:59Z on 1 March is still 1 March there, 21:00Z is already 2 March.
    await t.db.execute(sql`update events set occurred_at = case seq
      when 1 then timestamptz '2026-03-01T20:59:00Z' when 2 then timestamptz '2026-03-01T21:00:00Z'
      when 3 then timestamptz '2026-03-02T20:59:59Z' else timestamptz '2026-03-05T10:00:00Z' end
      where school_id = ${schoolId}`);

    const seqs = async (query: string) => {
      const r = await client.get(`/api/v1/audit/events?${query}`);
      expect(r.status, r.text).toBe(200);
      return r.body.events.map((e: { seq: number }) => e.seq);
    };
    expect(await seqs("entity=grade")).toEqual([4, 2, 1]);
    expect(await seqs(`entityId=${gradeId}`)).toEqual([2, 1]);
    expect(await seqs("action=update")).toEqual([4, 2]);
    expect(await seqs(`actorUserId=${admin.id}`)).toEqual([4, 3]);
    expect(await seqs(`entity=grade&actorUserId=${teacher.id}&action=update`)).toEqual([2]);
    expect(await seqs(`q=${encodeURIComponent("исправлена")}`)).toEqual([4, 2]);
    expect(await seqs(`q=${encodeURIComponent("100%")}`)).toEqual([2]);
    expect(await seqs(`q=${encodeURIComponent("_")}`)).toEqual([4]);
    expect(await seqs("from=2026-03-02")).toEqual([4, 3, 2]);
    expect(await seqs("to=2026-03-01")).toEqual([1]);
    expect(await seqs("from=2026-03-02&to=2026-03-02")).toEqual([3, 2]);
    expect(await seqs("from=2026-03-06")).toEqual([]);
  });

  it("pages by seq: ?before=<nextBefore>&limit=, at most 200", async () => {
    const { schoolId, client } = await schoolWithAdmin();
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 120; i++)
        await recordEvent(tx, { schoolId, actorUserId: null, entity: "grade", entityId: String(i), action: "create" });
    });

    const first = await client.get("/api/v1/audit/events");
    expect(first.body.events).toHaveLength(50);
    expect(first.body.events[0].seq).toBe(120);
    expect(first.body.nextBefore).toBe(71);
    const second = await client.get(`/api/v1/audit/events?before=${first.body.nextBefore}`);
    expect(second.body.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
    const last = await client.get(`/api/v1/audit/events?before=${second.body.nextBefore}&limit=50`);
    expect(last.body.events).toHaveLength(20);
    expect(last.body.nextBefore).toBeNull();

    const all = await client.get("/api/v1/audit/events?limit=200");
    expect(all.body.events).toHaveLength(120);
    expect(all.body.nextBefore).toBeNull();
    const exact = await client.get("/api/v1/audit/events?limit=120");
    expect(exact.body.nextBefore).toBeNull();
    expect((await client.get("/api/v1/audit/events?limit=119")).body.nextBefore).toBe(2);
  });

  it("refuses malformed filters with the fields named", async () => {
    const { client } = await schoolWithAdmin();
    for (const query of [
      "limit=201",
      "limit=0",
      "limit=abc",
      "before=0",
      "before=-5",
      "actorUserId=nope",
      "from=2026-13-01",
      "to=yesterday",
      "sort=seq",
      "q=",
      `q=${"x".repeat(201)}`,
      "q=a%00b",
      "entity=%00",
    ]) {
      const r = await client.get(`/api/v1/audit/events?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
      expect(r.body.error.issues[0].path[0]).toBe("querystring");
    }
  });

  it("is for admins only", async () => {
    const { schoolId } = await buildSchool(t.db);
    expect((await new TestClient(t).get("/api/v1/audit/events")).status).toBe(401);
    expect((await new TestClient(t).get("/api/v1/audit/verify")).status).toBe(401);
    for (const role of ["teacher", "parent", "student"] as const) {
      const user = await buildUser(t.db, { schoolId, role });
      const client = new TestClient(t);
      await client.signIn(user.login, user.password);
      for (const path of ["/api/v1/audit/events", "/api/v1/audit/verify"]) {
        const r = await client.get(path);
        expect(r.status, `${role} ${path}`).toBe(403);
        expect(r.body.error.code).toBe("forbidden");
      }
    }
  });

  it("verifies the school's chain and names the first edited event", async () => {
    const { schoolId, client } = await schoolWithAdmin();
    const other = await buildSchool(t.db);
    onTestFinished(async () => void (await t.db.execute(sql`delete from events where school_id = ${other.schoolId}`)));
    await record(schoolId, [{ after: { value: 3 } }, { after: { value: 4 } }, { after: { value: 5 } }, { after: { value: 2 } }]);
    await record(other.schoolId, [{ after: { value: 3 } }, { after: { value: 4 } }]);

    expect((await client.get("/api/v1/audit/verify")).body).toEqual({ checked: 4, intact: true });

    // Another school's broken chain is not this school's problem.
    await t.db.execute(sql`update events set after = '{"value": 5}' where school_id = ${other.schoolId} and seq = 1`);
    expect((await client.get("/api/v1/audit/verify")).body).toEqual({ checked: 4, intact: true });

    await t.db.execute(sql`update events set after = '{"value": 5}' where school_id = ${schoolId} and seq = 2`);
    await t.db.execute(sql`update events set reason = 'подделка' where school_id = ${schoolId} and seq = 3`);
    const broken = await client.get("/api/v1/audit/verify");
    expect(broken.status).toBe(200);
    expect(broken.body).toEqual({ checked: 2, intact: false, firstBroken: { seq: 2, problem: "hash_mismatch" } });
  });

  it("reports a deleted event as a gap", async () => {
    const { schoolId, client } = await schoolWithAdmin();
    await record(schoolId, [{}, {}, {}, {}]);
    await t.db.execute(sql`delete from events where school_id = ${schoolId} and seq = 2`);
    const r = await client.get("/api/v1/audit/verify");
    expect(r.body).toEqual({ checked: 2, intact: false, firstBroken: { seq: 3, problem: "gap" } });
  });

  it("verifies an empty log as intact", async () => {
    const { client } = await schoolWithAdmin();
    expect((await client.get("/api/v1/audit/verify")).body).toEqual({ checked: 0, intact: true });
  });
});
