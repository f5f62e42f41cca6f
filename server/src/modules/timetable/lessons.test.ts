import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildStudent, eventsOf, signedIn } from "../../../test/people-factories.ts";
import { addEntry, timetableSchool, timetableSnapshot } from "../../../test/timetable-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const LESSONS = "/api/v1/timetable/lessons";
type Lesson = { id: string; date: string; lessonNumber: number; class: { name: string }; group: { name: string } | null; version: number };

describe.each(DATABASES)("changes of dated lessons on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  /**
   * Monday 1st: maths in 5А (Смирнов, 214) and 5Б (Орлова, 215). Tuesday 2nd: English in 5А,
   * group 1 (Орлова, 301) and group 2 (Смирнов, 302). Lessons generated for the period.
   */
  async function generatedWeek() {
    const s = await timetableSchool(t);
    await s.client.put(`/api/v1/academic-years/${s.yearId}/bell-times`, {
      shift: 1,
      lessons: [
        { lessonNumber: 1, startsAt: "08:30", endsAt: "09:15" },
        { lessonNumber: 2, startsAt: "09:25", endsAt: "10:10" },
      ],
    });
    const english = { classId: s.class5a.id, subjectId: s.english.id, weekday: 2, lessonNumber: 2 };
    await addEntry(s.client, {
      classId: s.class5a.id,
      subjectId: s.maths.id,
      teacherId: s.smirnov.user.id,
      weekday: 1,
      lessonNumber: 1,
      room: "214",
    });
    await addEntry(s.client, {
      classId: s.class5b.id,
      subjectId: s.maths.id,
      teacherId: s.orlova.user.id,
      weekday: 1,
      lessonNumber: 1,
      room: "215",
    });
    await addEntry(s.client, { ...english, groupId: s.group1.id, teacherId: s.orlova.user.id, room: "301" });
    await addEntry(s.client, { ...english, groupId: s.group2.id, teacherId: s.smirnov.user.id, room: "302" });
    await s.client.post("/api/v1/timetable/generate", { periodId: s.period.id });
    const day = async (date: string): Promise<Lesson[]> => (await s.client.get(`/api/v1/timetable/day?date=${date}`)).body.lessons;
    const [maths5a, maths5b] = await day("2026-11-09");
    const [english1, english2] = await day("2026-11-10");
    return {
      ...s,
      day,
      maths5a: maths5a as Lesson,
      maths5b: maths5b as Lesson,
      english1: english1 as Lesson,
      english2: english2 as Lesson,
    };
  }

  it("lists the school's day with bell times and substitutes a free teacher, refusing a busy one", async () => {
    const s = await generatedWeek();
    expect(s.maths5a).toMatchObject({
      date: "2026-11-09",
      lessonNumber: 1,
      startsAt: "08:30",
      endsAt: "09:15",
      class: { name: "5А" },
      subject: { name: "Математика" },
      teacher: { id: s.smirnov.user.id, displayName: "Смирнов Андрей" },
      substitute: null,
      room: "214",
      status: "scheduled",
      isExtra: false,
      changes: [],
      version: 1,
      abilities: { change: true },
    });
    const url = `${LESSONS}/${s.maths5a.id}/substitution`;
    const busy = await s.client.post(url, { version: 1, teacherId: s.orlova.user.id });
    expect(busy.status).toBe(409);
    expect(busy.body.error.details.conflicts).toEqual([
      {
        kind: "teacher",
        lessonId: s.maths5b.id,
        class: "5Б",
        subject: "Математика",
        teacher: "Орлова Мария",
        room: "215",
        date: "2026-11-09",
        lessonNumber: 1,
      },
    ]);
    const snapshot = await timetableSnapshot(t.db, s.schoolId);
    const parent = await buildUser(t.db, { schoolId: s.schoolId, role: "parent" });
    for (const [teacherId, code] of [
      [s.smirnov.user.id, "same_teacher"],
      [parent.id, "not_a_teacher"],
    ] as const) {
      const r = await s.client.post(url, { version: 1, teacherId });
      expect(r.status).toBe(400);
      expect(r.body.error.issues[0]).toMatchObject({ path: ["body", "teacherId"], code });
    }
    expect((await s.client.post(url, { version: 1, teacherId: "not-a-uuid" })).status).toBe(400);
    expect(await timetableSnapshot(t.db, s.schoolId)).toEqual(snapshot);

    const kozlov = await signedIn(t, s.schoolId, "teacher", { lastName: "Козлов", firstName: "Пётр" });
    const done = await s.client.post(url, { version: 1, teacherId: kozlov.user.id, reason: "Больничный" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      substitute: { id: kozlov.user.id, displayName: "Козлов Пётр" },
      changes: ["substitute"],
      version: 2,
    });
    const stale = await s.client.post(url, { version: 1, teacherId: null });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({
      reason: "stale_version",
      current: { version: 2, substitute: { id: kozlov.user.id } },
    });
    const events = await eventsOf(t.db, s.schoolId, "lesson", s.maths5a.id);
    expect(events).toEqual([
      expect.objectContaining({
        action: "substitute",
        reason: "Больничный",
        before: { substituteTeacherId: null },
        after: { substituteTeacherId: kozlov.user.id },
      }),
    ]);

    // The substitute sees the lesson, flagged; the teacher of record still sees it, with the substitute named.
    const own = await kozlov.client.get("/api/v1/me/timetable?from=2026-11-09");
    expect(own.body).toMatchObject({ from: "2026-11-09", to: "2026-11-15", class: null });
    expect(own.body.lessons).toEqual([expect.objectContaining({ id: s.maths5a.id, asSubstitute: true, abilities: { change: false } })]);
    const smirnov = (await s.smirnov.client.get("/api/v1/me/timetable?from=2026-11-09")).body.lessons;
    expect(smirnov.map((l: Lesson) => [l.date, l.lessonNumber])).toEqual([
      ["2026-11-09", 1],
      ["2026-11-10", 2],
    ]);
    expect(smirnov[0]).toMatchObject({ asSubstitute: false, substitute: { displayName: "Козлов Пётр" } });
  });

  it("cancels with a reason and takes it back only while the time is still free", async () => {
    const s = await generatedWeek();
    expect((await s.client.post(`${LESSONS}/${s.maths5b.id}/cancel`, { version: 1, reason: " " })).status).toBe(400);
    const cancelled = await s.client.post(`${LESSONS}/${s.maths5b.id}/cancel`, { version: 1, reason: "Экскурсия" });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "Экскурсия", changes: ["cancelled"], version: 2 });
    expect((await s.client.post(`${LESSONS}/${s.maths5b.id}/cancel`, { version: 2, reason: "Ещё раз" })).status).toBe(409);
    expect((await s.client.post(`${LESSONS}/${s.maths5b.id}/substitution`, { version: 2, teacherId: s.smirnov.user.id })).status).toBe(409);

    // Орлова is free now, so she can stand in for Смирнов; then 5Б's lesson cannot come back.
    const sub = await s.client.post(`${LESSONS}/${s.maths5a.id}/substitution`, { version: 1, teacherId: s.orlova.user.id });
    expect(sub.status).toBe(200);
    const back = await s.client.post(`${LESSONS}/${s.maths5b.id}/uncancel`, { version: 2 });
    expect(back.status).toBe(409);
    expect(back.body.error.details.conflicts).toEqual([
      expect.objectContaining({ kind: "teacher", lessonId: s.maths5a.id, teacher: "Орлова Мария" }),
    ]);
    await s.client.post(`${LESSONS}/${s.maths5a.id}/substitution`, { version: 2, teacherId: null });
    const restored = await s.client.post(`${LESSONS}/${s.maths5b.id}/uncancel`, { version: 2 });
    expect(restored.body).toMatchObject({ status: "scheduled", cancelReason: "", changes: [], version: 3 });
    expect((await s.client.post(`${LESSONS}/${s.maths5b.id}/uncancel`, { version: 3 })).status).toBe(409);
    const events = await eventsOf(t.db, s.schoolId, "lesson", s.maths5b.id);
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ["cancel", "Экскурсия"],
      ["uncancel", null],
    ]);
  });

  it("moves a lesson to a free room; the timetable's room is no change", async () => {
    const s = await generatedWeek();
    const url = `${LESSONS}/${s.english1.id}/room`;
    const taken = await s.client.post(url, { version: 1, room: "302" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.conflicts).toEqual([
      expect.objectContaining({ kind: "room", lessonId: s.english2.id, class: "5А, Английский, группа 2" }),
    ]);
    const moved = await s.client.post(url, { version: 1, room: "305" });
    expect(moved.body).toMatchObject({ room: "305", changes: ["room"], version: 2 });
    // Regenerating keeps the room of this one lesson.
    await s.client.post("/api/v1/timetable/generate", { periodId: s.period.id });
    expect((await s.day("2026-11-10"))[0]).toMatchObject({ room: "305", changes: ["room"] });
    const back = await s.client.post(url, { version: 2, room: "301" });
    expect(back.body).toMatchObject({ room: "301", changes: [], version: 3 });
    expect((await eventsOf(t.db, s.schoolId, "lesson", s.english1.id)).map((e) => e.action)).toEqual(["change_room", "change_room"]);
    expect((await s.client.post(`${LESSONS}/${s.english1.id}/room`, { version: 3, room: "x".repeat(21) })).status).toBe(400);
    expect((await s.smirnov.client.post(url, { version: 3, room: "1" })).status).toBe(403);
  });

  it("adds an extra lesson on a free slot inside a period, and keeps it through regeneration", async () => {
    const s = await generatedWeek();
    const extra = {
      classId: s.class5a.id,
      subjectId: s.maths.id,
      teacherId: s.smirnov.user.id,
      date: "2026-11-12",
      lessonNumber: 2,
      room: "214",
    };
    const created = await s.client.post(`${LESSONS}/extra`, { ...extra, reason: "Подготовка к олимпиаде" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ date: "2026-11-12", isExtra: true, changes: ["extra"], startsAt: "09:25", version: 1 });
    const events = await eventsOf(t.db, s.schoolId, "lesson", created.body.id);
    expect(events).toEqual([expect.objectContaining({ action: "create_extra", reason: "Подготовка к олимпиаде" })]);

    const snapshot = await timetableSnapshot(t.db, s.schoolId);
    const clash = await s.client.post(`${LESSONS}/extra`, {
      ...extra,
      date: "2026-11-09",
      lessonNumber: 1,
      teacherId: s.orlova.user.id,
      room: "",
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.conflicts.map((c: { kind: string }) => c.kind).sort()).toEqual(["class", "teacher"]);
    for (const date of ["2026-12-01", "2027-08-01"]) {
      const outside = await s.client.post(`${LESSONS}/extra`, { ...extra, date });
      expect(outside.status).toBe(400);
      expect(outside.body.error.issues[0]).toMatchObject({ path: ["body", "date"], code: "outside_period" });
    }
    expect((await s.client.post(`${LESSONS}/extra`, { ...extra, lessonNumber: 11 })).status).toBe(400);
    expect(await timetableSnapshot(t.db, s.schoolId)).toEqual(snapshot);

    expect((await s.client.post("/api/v1/timetable/generate", { periodId: s.period.id })).body).toMatchObject({ created: 0, removed: 0 });
    expect((await s.day("2026-11-12")).map((l) => l.id)).toEqual([created.body.id]);
  });

  it("shows each role the lessons that concern them: a class, a student's own subgroup, a guardian's child", async () => {
    const s = await generatedWeek();
    await s.client.post(`/api/v1/academic-years/${s.yearId}/holidays`, {
      kind: "holiday",
      name: "День здоровья",
      startsOn: "2026-11-13",
      endsOn: "2026-11-13",
      gradeFrom: 5,
      gradeTo: 5,
    });
    await s.client.post(`${LESSONS}/${s.english2.id}/cancel`, { version: 1, reason: "Учитель на курсах" });

    const classWeek = await s.orlova.client.get(`/api/v1/timetable/classes/${s.class5a.id}/week?from=2026-11-09`);
    expect(classWeek.body.class).toEqual({ id: s.class5a.id, name: "5А" });
    expect(classWeek.body.lessons.map((l: Lesson) => [l.date, l.group?.name ?? ""])).toEqual([
      ["2026-11-09", ""],
      ["2026-11-10", "Английский, группа 1"],
      ["2026-11-10", "Английский, группа 2"],
    ]);
    expect(classWeek.body.daysOff).toEqual([{ date: "2026-11-13", name: "День здоровья" }]);

    const studentUser = await signedIn(t, s.schoolId, "student");
    const pupil = await buildStudent(t.db, { schoolId: s.schoolId, classId: s.class5a.id, groupId: s.group2.id });
    await t.db.execute(sql`update people set user_id = ${studentUser.user.id} where id = ${pupil.id}`);
    const own = await studentUser.client.get("/api/v1/me/student/timetable?from=2026-11-09");
    expect(own.status).toBe(200);
    expect(own.body.class).toEqual({ id: s.class5a.id, name: "5А" });
    expect(own.body.lessons.map((l: Lesson & { status: string; cancelReason: string }) => [l.id, l.status, l.cancelReason])).toEqual([
      [s.maths5a.id, "scheduled", ""],
      [s.english2.id, "cancelled", "Учитель на курсах"],
    ]);
    expect(own.body.lessons[0].abilities).toEqual({ change: false });

    const parent = await signedIn(t, s.schoolId, "parent");
    const url = `/api/v1/me/children/${pupil.id}/timetable?from=2026-11-09`;
    expect((await parent.client.get(url)).status).toBe(404);
    await t.db.execute(sql`
      insert into guardianships (school_id, parent_user_id, person_id, relation) values (${s.schoolId}, ${parent.user.id}, ${pupil.id}, 'mother')`);
    expect((await parent.client.get(url)).status).toBe(404);
    await t.db.execute(sql`update guardianships set confirmed_at = now() where person_id = ${pupil.id}`);
    const child = await parent.client.get(url);
    expect(child.body.lessons.map((l: Lesson) => l.id)).toEqual([s.maths5a.id, s.english2.id]);

    const noRecord = await signedIn(t, s.schoolId, "student");
    expect((await noRecord.client.get("/api/v1/me/student/timetable")).status).toBe(404);
    expect((await studentUser.client.get(`/api/v1/timetable/classes/${s.class5a.id}/week`)).status).toBe(403);
    expect((await s.client.get(`/api/v1/timetable/classes/${s.yearId}/week`)).status).toBe(404);
    expect((await s.client.get("/api/v1/me/student/timetable?from=2026-13-01")).status).toBe(403);
    expect((await studentUser.client.get("/api/v1/me/student/timetable?from=2026-13-01")).status).toBe(400);
  });
});
