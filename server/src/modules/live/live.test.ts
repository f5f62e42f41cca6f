import type { LiveEvent } from "@otmetka/core/contracts/live.ts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildSchool, buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, buildPeriod } from "../../../test/journal-factories.ts";
import { type LiveClient, listenOnLoopback, openLiveClient, sessionToken } from "../../../test/live-client.ts";
import { buildAssignment, buildClass, buildStudent, buildSubject } from "../../../test/people-factories.ts";
import { hashToken } from "../../platform/auth/session.ts";
import { LISTENER_APPLICATION_NAME } from "../../platform/db/pg-listener.ts";
import { sql } from "../../platform/db/sql.ts";
import { type LiveEventInput, publishLive } from "../../platform/realtime/publish.ts";
import { MAX_STREAMS_PER_USER } from "./live.service.ts";

/**
 * One school with every kind of subscriber around class 5А, plus a second school. Who sees what:
 * admin everything; the teacher of 5А, its class teacher and a substitute of one 5А lesson that
 * lesson or the class; student Алексеев and his parent his own cells and the class's lessons.
 */
async function liveSchool(t: TestApp) {
  const { schoolId, yearId } = await buildSchool(t.db);
  const user = (role: "admin" | "teacher" | "parent" | "student") => buildUser(t.db, { schoolId, role });
  const [admin, teacher, classTeacher, otherTeacher, substitute, newSubstitute] = await Promise.all([
    user("admin"),
    user("teacher"),
    user("teacher"),
    user("teacher"),
    user("teacher"),
    user("teacher"),
  ]);
  const [studentUser, classmateUser, parent, classmateParent] = await Promise.all([
    user("student"),
    user("student"),
    user("parent"),
    user("parent"),
  ]);
  const class5a = await buildClass(t.db, { schoolId, yearId, grade: 5, letter: "А", classTeacherId: classTeacher.id });
  const class6b = await buildClass(t.db, { schoolId, yearId, grade: 6, letter: "Б" });
  const maths = await buildSubject(t.db, { schoolId });
  await buildAssignment(t.db, { schoolId, teacherId: teacher.id, classId: class5a.id, subjectId: maths.id });
  await buildAssignment(t.db, { schoolId, teacherId: otherTeacher.id, classId: class6b.id, subjectId: maths.id });
  const student = await buildStudent(t.db, { schoolId, lastName: "Алексеев", classId: class5a.id });
  const classmate = await buildStudent(t.db, { schoolId, lastName: "Белова", classId: class5a.id });
  for (const [person, account] of [
    [student, studentUser],
    [classmate, classmateUser],
  ] as const) {
    await t.db.execute(sql`update people set user_id = ${account.id} where school_id = ${schoolId} and id = ${person.id}`);
  }
  for (const [person, guardian] of [
    [student, parent],
    [classmate, classmateParent],
  ] as const) {
    await t.db.execute(sql`
      insert into guardianships (school_id, parent_user_id, person_id, confirmed_by, confirmed_at)
      values (${schoolId}, ${guardian.id}, ${person.id}, ${admin.id}, now())`);
  }
  const period = await buildPeriod(t.db, { schoolId, yearId });
  const lesson = (date: string) =>
    buildLesson(t.db, { schoolId, yearId, periodId: period.id, classId: class5a.id, subjectId: maths.id, teacherId: teacher.id, date });
  const [substituted, later] = [await lesson("2026-11-10"), await lesson("2026-11-11")];
  await t.db.execute(
    sql`update lessons set substitute_teacher_id = ${substitute.id} where school_id = ${schoolId} and id = ${substituted.id}`,
  );

  const other = await buildSchool(t.db);
  const otherAdmin = await buildUser(t.db, { schoolId: other.schoolId, role: "admin" });
  const otherClass = await buildClass(t.db, { schoolId: other.schoolId, yearId: other.yearId });
  return {
    schoolId,
    users: { admin, teacher, classTeacher, otherTeacher, substitute, newSubstitute, studentUser, classmateUser, parent, classmateParent },
    otherAdmin,
    other: { ...other, classId: otherClass.id },
    class5a,
    class6b,
    maths,
    student,
    classmate,
    substituted,
    later,
  };
}

describe.each(DATABASES)("live updates on %s", (kind) => {
  let t: TestApp;
  let base: string;
  let s: Awaited<ReturnType<typeof liveSchool>>;
  const open: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    base = await listenOnLoopback(t);
    s = await liveSchool(t);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    // Every closed stream leaves the hub: nothing leaks from one test into the next.
    const deadline = Date.now() + 2000;
    while (t.app.live.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.app.live.size).toBe(0);
  });
  afterAll(async () => t?.close());

  async function connect(userId: string, schoolId = s.schoolId): Promise<LiveClient> {
    const client = await openLiveClient(base, await sessionToken(t, userId, schoolId));
    open.push(client);
    if (client.status === 200) await client.hello;
    return client;
  }

  async function publish(event: LiveEventInput, app = t): Promise<LiveEventInput> {
    await app.db.transaction((tx) => publishLive(tx, event));
    return event;
  }

  /** Matches the received form of a published event (which gained `at`). */
  const same = (event: LiveEventInput) => (e: LiveEvent) => {
    const { at: _at, ...received } = e;
    return (
      Object.keys(received).length === Object.keys(event).length &&
      Object.entries(event).every(([k, v]) => received[k as keyof typeof received] === v)
    );
  };

  it("streams server-sent events with headers that keep proxies from buffering, a retry hint and a hello", async () => {
    const c = await connect(s.users.admin.id);
    expect(c.status).toBe(200);
    expect(c.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(c.headers["cache-control"]).toMatch(/no-cache/);
    expect(c.headers["x-accel-buffering"]).toBe("no");
    expect(c.lines.slice(0, 3)).toEqual(["retry: 3000", "event: hello", "data: {}"]);
  });

  it("delivers a mark within a second to everyone allowed to see it, and to no one else", async () => {
    const u = s.users;
    const allowed = await Promise.all(
      [u.admin, u.teacher, u.classTeacher, u.substitute, u.studentUser, u.parent].map((x) => connect(x.id)),
    );
    const refused = await Promise.all([u.otherTeacher, u.classmateUser, u.classmateParent, u.newSubstitute].map((x) => connect(x.id)));
    const otherSchool = await connect(s.otherAdmin.id, s.other.schoolId);

    const started = Date.now();
    const cell = await publish({
      schoolId: s.schoolId,
      kind: "journal.cell",
      classId: s.class5a.id,
      subjectId: s.maths.id,
      lessonId: s.substituted.id,
      studentId: s.student.id,
      version: 2,
    });
    await Promise.all(allowed.map((c) => c.next(same(cell), 1000)));
    expect(Date.now() - started).toBeLessThan(1000);

    // Each refused subscriber then gets an event of its own; NOTIFY keeps commit order, so the
    // mark would have come first had it been sent.
    const own: [LiveClient, LiveEventInput][] = [
      [refused[0] as LiveClient, { schoolId: s.schoolId, kind: "journal.lesson", classId: s.class6b.id }],
      [refused[1] as LiveClient, { schoolId: s.schoolId, kind: "journal.cell", classId: s.class5a.id, studentId: s.classmate.id }],
      [refused[2] as LiveClient, { schoolId: s.schoolId, kind: "journal.period_mark", classId: s.class5a.id, studentId: s.classmate.id }],
      [otherSchool, { schoolId: s.other.schoolId, kind: "journal.lesson", classId: s.other.classId }],
    ];
    for (const [client, event] of own) await client.next(same(await publish(event)), 1000);
    for (const client of [...refused, otherSchool]) expect(client.events.some(same(cell))).toBe(false);
    // The teacher with no class and no lesson in 5А saw none of it.
    expect(refused[3]?.events).toEqual([]);
  });

  it("sends events of a class's lessons to its students and parents, but one student's marks to no classmate", async () => {
    const classmate = await connect(s.users.classmateUser.id);
    const parent = await connect(s.users.classmateParent.id);
    const lesson = await publish({
      schoolId: s.schoolId,
      kind: "journal.lesson",
      classId: s.class5a.id,
      lessonId: s.later.id,
      subjectId: s.maths.id,
    });
    await classmate.next(same(lesson));
    await parent.next(same(lesson));
    const mark = await publish({
      schoolId: s.schoolId,
      kind: "journal.period_mark",
      classId: s.class5a.id,
      subjectId: s.maths.id,
      studentId: s.student.id,
    });
    const sentinel = await publish({ schoolId: s.schoolId, kind: "timetable.lesson", classId: s.class5a.id, lessonId: s.later.id });
    await classmate.next(same(sentinel));
    await parent.next(same(sentinel));
    expect([...classmate.events, ...parent.events].some(same(mark))).toBe(false);
  });

  it("never delivers an event published in a transaction that rolled back", async () => {
    const admin = await connect(s.users.admin.id);
    const doomed: LiveEventInput = { schoolId: s.schoolId, kind: "journal.lesson", classId: s.class5a.id, lessonId: s.substituted.id };
    await expect(
      t.db.transaction(async (tx) => {
        await publishLive(tx, doomed);
        throw new Error("the save failed");
      }),
    ).rejects.toThrow("the save failed");
    const after = await publish({ schoolId: s.schoolId, kind: "journal.lesson", classId: s.class5a.id, lessonId: s.later.id });
    await admin.next(same(after));
    expect(admin.events.some(same(doomed))).toBe(false);
  });

  it("widens a teacher's scope when a timetable change makes them the substitute of a lesson", async () => {
    const teacher = await connect(s.users.newSubstitute.id);
    const change: LiveEventInput = { schoolId: s.schoolId, kind: "timetable.lesson", classId: s.class5a.id, lessonId: s.later.id };
    await t.db.transaction(async (tx) => {
      await tx.execute(
        sql`update lessons set substitute_teacher_id = ${s.users.newSubstitute.id} where school_id = ${s.schoolId} and id = ${s.later.id}`,
      );
      await publishLive(tx, change);
    });
    await teacher.next(same(change), 1000);
    const cell = await publish({
      schoolId: s.schoolId,
      kind: "journal.cell",
      classId: s.class5a.id,
      lessonId: s.later.id,
      studentId: s.student.id,
    });
    await teacher.next(same(cell), 1000);
  });

  it("ends the stream when its scope is reread after the session was ended", async () => {
    const token = await sessionToken(t, s.users.otherTeacher.id, s.schoolId);
    const client = await openLiveClient(base, token);
    open.push(client);
    await client.hello;
    await t.db.execute(sql`update sessions set revoked_at = now() where id_hash = ${hashToken(token)}`);
    // A timetable change outside the teacher's classes makes the stream reread its scope.
    await publish({ schoolId: s.schoolId, kind: "timetable.lesson", classId: s.class5a.id, lessonId: s.substituted.id });
    await client.ended;
    expect(client.events).toEqual([]);
  });

  it("removes a stream from the hub when the client goes away", async () => {
    const before = t.app.live.size;
    const clients = await Promise.all([connect(s.users.teacher.id), connect(s.users.parent.id)]);
    expect(t.app.live.size).toBe(before + 2);
    for (const c of clients) c.close();
    const deadline = Date.now() + 2000;
    while (t.app.live.size > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.app.live.size).toBe(before);
  });

  it(`allows ${MAX_STREAMS_PER_USER} streams per user and refuses one more with 429`, async () => {
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await connect(s.users.classTeacher.id));
    expect(streams.map((c) => c.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const extra = await connect(s.users.classTeacher.id);
    expect(extra.status).toBe(429);
    expect(JSON.parse(extra.refusal).error.code).toBe("rate_limited");
    (streams[0] as LiveClient).close();
    const deadline = Date.now() + 2000;
    let again = await connect(s.users.classTeacher.id);
    while (again.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await connect(s.users.classTeacher.id);
    }
    expect(again.status).toBe(200);
  });

  it("refuses a request without a session with 401", async () => {
    const response = await fetch(`${base}/api/v1/live`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it.runIf(kind === "postgres")("replaces a dropped LISTEN connection and tells open streams to refetch", async () => {
    const admin = await connect(s.users.admin.id);
    await t.db.execute(sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`);
    const deadline = Date.now() + 5000;
    while (admin.lines.filter((l) => l === "event: hello").length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(admin.lines.filter((l) => l === "event: hello")).toHaveLength(2);
    const after = await publish({ schoolId: s.schoolId, kind: "journal.lesson", classId: s.class5a.id, lessonId: s.later.id });
    await admin.next(same(after), 1000);
  });

  it.runIf(kind === "postgres")("delivers an event published on one app instance to a stream on another", async () => {
    const a = await startTestApp(kind);
    try {
      const admin = await connect(s.users.admin.id);
      const parent = await connect(s.users.parent.id);
      const started = Date.now();
      const cell = await publish(
        { schoolId: s.schoolId, kind: "journal.cell", classId: s.class5a.id, lessonId: s.later.id, studentId: s.student.id, version: 7 },
        a,
      );
      await Promise.all([admin.next(same(cell), 1000), parent.next(same(cell), 1000)]);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await a.close();
    }
  });
});
