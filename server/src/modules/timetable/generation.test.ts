import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildPeriod } from "../../../test/journal-factories.ts";
import { buildClass, buildStudent, eventsOf } from "../../../test/people-factories.ts";
import { addEntry, lessonsOf, timetableSchool, timetableSnapshot } from "../../../test/timetable-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const GENERATE = "/api/v1/timetable/generate";
const dates = (rows: { date: string }[]) => rows.map((r) => r.date);

describe.each(DATABASES)("generating dated lessons on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  /** 5А: maths Monday 1st and Wednesday 2nd, English (group 1) Tuesday 3rd; 5Б: maths Friday 1st. */
  async function weekOfLessons() {
    const s = await timetableSchool(t);
    const maths = { classId: s.class5a.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id };
    const entries = {
      monday: await addEntry(s.client, { ...maths, weekday: 1, lessonNumber: 1, room: "214" }),
      wednesday: await addEntry(s.client, { ...maths, weekday: 3, lessonNumber: 2, room: "214" }),
      english: await addEntry(s.client, {
        classId: s.class5a.id,
        groupId: s.group1.id,
        subjectId: s.english.id,
        teacherId: s.orlova.user.id,
        weekday: 2,
        lessonNumber: 3,
      }),
      friday: await addEntry(s.client, {
        classId: s.class5b.id,
        subjectId: s.maths.id,
        teacherId: s.orlova.user.id,
        weekday: 5,
        lessonNumber: 1,
      }),
    };
    const holidays = `/api/v1/academic-years/${s.yearId}/holidays`;
    const range = (d: string) => ({ startsOn: d, endsOn: d });
    await s.client.post(holidays, { kind: "holiday", name: "Выходной", ...range("2026-11-11"), gradeFrom: 1, gradeTo: 11 });
    await s.client.post(holidays, { kind: "holiday", name: "Только 1 класс", ...range("2026-11-20"), gradeFrom: 1, gradeTo: 1 });
    const moved = await s.client.post(holidays, {
      kind: "working_day",
      name: "Перенос со среды",
      ...range("2026-11-14"),
      gradeFrom: 1,
      gradeTo: 11,
      followsWeekday: 3,
    });
    expect(moved.body.followsWeekday).toBe(3);
    return { ...s, entries };
  }

  it("creates lessons for study days, skipping holidays and following moved working days, and is idempotent", async () => {
    const s = await weekOfLessons();
    const first = await s.client.post(GENERATE, { periodId: s.period.id });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ created: 8, updated: 0, removed: 0, kept: 0, keptLessons: [] });
    const a = await lessonsOf(t.db, s.schoolId, s.class5a.id);
    // 11 November is a holiday; Saturday 14 November works as a Wednesday.
    expect(a.map((l) => [l.date, l.lesson_number])).toEqual([
      ["2026-11-09", 1],
      ["2026-11-10", 3],
      ["2026-11-14", 2],
      ["2026-11-16", 1],
      ["2026-11-17", 3],
      ["2026-11-18", 2],
    ]);
    expect(a[0]).toMatchObject({ teacher_id: s.smirnov.user.id, room: "214", timetable_entry_id: s.entries.monday });
    // The first-grade-only holiday does not touch 5Б.
    expect(dates(await lessonsOf(t.db, s.schoolId, s.class5b.id))).toEqual(["2026-11-13", "2026-11-20"]);

    const again = await s.client.post(GENERATE, { periodId: s.period.id });
    expect(again.body).toEqual({ created: 0, updated: 0, removed: 0, kept: 0, keptLessons: [] });
    expect(await lessonsOf(t.db, s.schoolId, s.class5a.id)).toEqual(a);
    const events = await eventsOf(t.db, s.schoolId, "timetable", s.period.id);
    expect(events.map((e) => e.action)).toEqual(["generate_lessons", "generate_lessons"]);
    expect(events[0]?.after).toMatchObject({ created: 8, updated: 0, removed: 0, kept: 0, classId: null });
  });

  it("brings future lessons without data in line with changed entries and keeps lessons with data or in the past", async () => {
    const s = await weekOfLessons();
    await s.client.post(GENERATE, { periodId: s.period.id });

    await s.client.patch(`/api/v1/timetable/entries/${s.entries.monday}`, { room: "215", teacherId: s.orlova.user.id });
    expect((await s.client.post(GENERATE, { periodId: s.period.id })).body).toMatchObject({ created: 0, updated: 2, removed: 0, kept: 0 });
    const mondays = (await lessonsOf(t.db, s.schoolId, s.class5a.id)).filter((l) => l.lesson_number === 1);
    expect(mondays.map((l) => [l.room, l.teacher_id, l.version])).toEqual([
      ["215", s.orlova.user.id, 2],
      ["215", s.orlova.user.id, 2],
    ]);

    // English is dropped: the lesson with a topic and the one with a mark stay, the other goes.
    const english = (await lessonsOf(t.db, s.schoolId, s.class5a.id)).filter((l) => l.lesson_number === 3);
    expect(english).toHaveLength(2);
    await t.db.execute(sql`update lessons set topic = 'Present Simple' where id = ${english[1]?.id}`);
    await s.client.post(`/api/v1/timetable/entries/${s.entries.english}/archive`);
    const dropped = await s.client.post(GENERATE, { periodId: s.period.id });
    expect(dropped.body).toEqual({
      created: 0,
      updated: 0,
      removed: 1,
      kept: 1,
      keptLessons: [
        { lessonId: english[1]?.id, date: "2026-11-17", lessonNumber: 3, class: "5А", subject: "Английский язык", reason: "has_data" },
      ],
    });
    const student = await buildStudent(t.db, { schoolId: s.schoolId, classId: s.class5a.id });
    const wednesday = (await lessonsOf(t.db, s.schoolId, s.class5a.id)).find((l) => l.date === "2026-11-18");
    await t.db.execute(sql`
      insert into journal_cells (school_id, lesson_id, student_id, mark1) values (${s.schoolId}, ${wednesday?.id}, ${student.id}, '5')`);

    // On 17 November the lessons up to that day are past: they keep their old lesson number.
    t.setClock("2026-11-17T12:00:00Z");
    await s.client.signIn(s.admin.login, s.admin.password);
    await s.client.patch(`/api/v1/timetable/entries/${s.entries.wednesday}`, { lessonNumber: 4 });
    const late = await s.client.post(GENERATE, { periodId: s.period.id });
    expect(late.body).toMatchObject({ created: 0, updated: 0, removed: 0, kept: 3 });
    expect(late.body.keptLessons.map((k: { date: string; reason: string }) => [k.date, k.reason]).sort()).toEqual([
      ["2026-11-14", "past"],
      ["2026-11-17", "has_data"],
      ["2026-11-18", "has_data"],
    ]);
    t.setClock("2026-11-01T09:00:00Z");
  });

  it("generates for one class, or for every period of a year by each class's grade", async () => {
    const s = await weekOfLessons();
    const class10 = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 10, letter: "А" });
    await t.db.execute(sql`update periods set grade_to = 9 where id = ${s.period.id}`);
    const halfYear = await buildPeriod(t.db, {
      schoolId: s.schoolId,
      yearId: s.yearId,
      startsOn: "2026-11-09",
      endsOn: "2026-11-15",
      gradeFrom: 10,
      gradeTo: 11,
    });
    await addEntry(s.client, { classId: class10.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id, weekday: 1, lessonNumber: 5 });

    expect((await s.client.post(GENERATE, { periodId: s.period.id, classId: s.class5b.id })).body.created).toBe(2);
    expect(await lessonsOf(t.db, s.schoolId, s.class5a.id)).toEqual([]);
    const wrongGrade = await s.client.post(GENERATE, { periodId: s.period.id, classId: class10.id });
    expect(wrongGrade.status).toBe(400);
    expect(wrongGrade.body.error.issues[0]).toMatchObject({ path: ["body", "classId"], code: "grade_outside_period" });

    expect((await s.client.post(GENERATE, { yearId: s.yearId })).body.created).toBe(6 + 1);
    const tenth = await t.db.many<{ period_id: string }>(sql`select period_id from lessons where class_id = ${class10.id}`);
    expect(tenth.map((l) => l.period_id)).toEqual([halfYear.id]);
  });

  it("studies on Saturdays in a 6-day week", async () => {
    const s = await timetableSchool(t);
    const settings = (await s.client.get("/api/v1/school/settings")).body;
    await s.client.put("/api/v1/school/settings", {
      baseVersion: settings.version,
      settings: { ...settings.settings, studyWeek: [{ gradeFrom: 1, gradeTo: 11, days: 6 }] },
    });
    await addEntry(s.client, { classId: s.class5a.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id, weekday: 6, lessonNumber: 1 });
    expect((await s.client.post(GENERATE, { periodId: s.period.id })).body.created).toBe(2);
    expect(dates(await lessonsOf(t.db, s.schoolId, s.class5a.id))).toEqual(["2026-11-14", "2026-11-21"]);
  });

  it("refuses bad requests clearly and changes nothing", async () => {
    const s = await weekOfLessons();
    const other = await buildSchool(t.db);
    const foreignPeriod = await buildPeriod(t.db, { schoolId: other.schoolId, yearId: other.yearId });
    const snapshot = await timetableSnapshot(t.db, s.schoolId);
    expect((await s.client.post(GENERATE, {})).status).toBe(400);
    expect((await s.client.post(GENERATE, { periodId: s.period.id, yearId: s.yearId })).status).toBe(400);
    expect((await s.client.post(GENERATE, { periodId: foreignPeriod.id })).status).toBe(404);
    expect((await s.client.post(GENERATE, { yearId: other.yearId })).status).toBe(404);
    expect((await s.smirnov.client.post(GENERATE, { periodId: s.period.id })).status).toBe(403);
    await t.db.execute(sql`update periods set archived_at = now() where id = ${s.period.id}`);
    expect((await s.client.post(GENERATE, { periodId: s.period.id })).status).toBe(409);
    expect(await timetableSnapshot(t.db, s.schoolId)).toEqual(snapshot);

    const holidays = `/api/v1/academic-years/${s.yearId}/holidays`;
    const wrong = {
      kind: "holiday",
      name: "X",
      startsOn: "2026-11-12",
      endsOn: "2026-11-12",
      gradeFrom: 1,
      gradeTo: 11,
      followsWeekday: 1,
    };
    const r = await s.client.post(holidays, wrong);
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0]).toMatchObject({ path: ["body", "followsWeekday"], code: "not_a_working_day" });
    expect((await s.client.post(holidays, { ...wrong, kind: "working_day", followsWeekday: 7 })).status).toBe(400);
  });
});
