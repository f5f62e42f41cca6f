/**
 * Averages, period and year marks end to end through the API: the test vectors of domain.md
 * §4.4 (weights КР 5, СР 3, УО 2, ДЗ 1, РУ 1 — the default work types), entered as a teacher
 * would, and the period and year marks set on top.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, buildPeriod, journalSchool } from "../../../test/journal-factories.ts";
import { buildAssignment, buildClass, eventsOf, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";
import { gridUrl, type JournalSchool, saveCell, saveSettings, TODAY } from "./journal.test-support.ts";

interface Work {
  workType?: string;
  /** A per-lesson weight set through the API (PATCH). */
  weightTenths?: number;
  marks: string[];
}

describe.each(DATABASES)("averages, period and year marks on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  /** One lesson per work on Monday 9 November, marks entered for the first student; returns the student's period result per rounding rule. */
  async function enter(works: Work[], settings: Record<string, unknown> = {}) {
    const s = await journalSchool(t, { lessons: 0 });
    const student = s.students[0]?.id as string;
    if (Object.keys(settings).length) await saveSettings(s.client, settings);
    for (const [i, work] of works.entries()) {
      const lesson = await buildLesson(t.db, {
        ...lessonBase(s),
        date: "2026-11-09",
        lessonNumber: i,
        ...(work.workType ? { workType: work.workType } : {}),
      });
      if (work.weightTenths) {
        const patched = await s.teacher.client.patch(`/api/v1/journal/lessons/${lesson.id}`, {
          weightTenths: work.weightTenths,
          version: 1,
        });
        expect(patched.status, patched.text).toBe(200);
        expect(patched.body).toMatchObject({ weightTenths: work.weightTenths, weightOverridden: true, version: 2 });
      }
      const saved = await saveCell(s.teacher.client, lesson.id, student, { marks: work.marks });
      expect(saved.status, saved.text).toBe(200);
    }
    const results: Record<string, { average: { num: number; den: number; text: string } | null; suggested: string }> = {};
    for (const roundingRule of ["HALF_UP", "X60", "X65"]) {
      await saveSettings(s.client, { roundingRule, ...settings });
      const grid = await s.teacher.client.get(gridUrl(s));
      expect(grid.status).toBe(200);
      results[roundingRule] = grid.body.periodMarks.find((m: { studentId: string }) => m.studentId === student);
    }
    return { s, student, results };
  }

  it("vector A: 5/КР, 3/РУ, 4/ДЗ → 32/7, HALF_UP 5, X60 4, X65 4", async () => {
    const { results } = await enter([
      { workType: "control", marks: ["5"] },
      { workType: "classwork", marks: ["3"] },
      { workType: "homework", marks: ["4"] },
    ]);
    expect(results.HALF_UP).toMatchObject({ average: { num: 32, den: 7, text: "4.57" }, count: 3, suggested: "5", reason: null });
    expect(results.X60?.suggested).toBe("4");
    expect(results.X65?.suggested).toBe("4");
  });

  it("vector D: non-numeric marks are ignored → 39/11, HALF_UP 4, X60 3, X65 3", async () => {
    const { results } = await enter([
      { workType: "control", marks: ["3"] },
      { workType: "independent", marks: ["4"] },
      { workType: "oral", marks: ["4"] },
      { workType: "classwork", marks: ["4", "PASS"] },
      { workType: "homework", marks: ["DUE"] },
    ]);
    expect(results.HALF_UP).toMatchObject({ average: { num: 39, den: 11, text: "3.55" }, count: 4, suggested: "4" });
    expect(results.X60?.suggested).toBe("3");
    expect(results.X65?.suggested).toBe("3");
  });

  it("vector E: 5,4,5,4,5 all ДЗ → 23/5, the X60 boundary is inclusive", async () => {
    const { results } = await enter(["5", "4", "5", "4", "5"].map((m) => ({ workType: "homework", marks: [m] })));
    expect(results.HALF_UP).toMatchObject({ average: { num: 23, den: 5, text: "4.60" }, suggested: "5" });
    expect(results.X60?.suggested).toBe("5");
    expect(results.X65?.suggested).toBe("4");
  });

  it("vector H: weights 0.3 per lesson → exactly 7/2, HALF_UP 4 (floating point would say 3)", async () => {
    const { s, student, results } = await enter(
      [
        { weightTenths: 3, marks: ["3"] },
        { weightTenths: 3, marks: ["4"] },
      ],
      { minMarksForPeriod: 2 },
    );
    expect(results.HALF_UP).toMatchObject({ average: { num: 7, den: 2, text: "3.50" }, count: 2, suggested: "4" });
    expect(results.X60?.suggested).toBe("3");
    expect(results.X65?.suggested).toBe("3");
    // The suggestion of the last save is stored with the exact fraction and the settings version it used.
    const stored = await t.db.one<{ average_num: number; average_den: number; suggested: string }>(sql`
      select average_num, average_den, suggested from period_marks where school_id = ${s.schoolId} and student_id = ${student}`);
    expect(stored).toEqual({ average_num: 7, average_den: 2, suggested: "4" });
    const lesson = (await s.teacher.client.get(gridUrl(s))).body.lessons[0];
    expect(await eventsOf(t.db, s.schoolId, "lesson", lesson.id)).toEqual([
      expect.objectContaining({
        action: "update",
        before: { workType: null, weightTenths: null },
        after: { workType: null, weightTenths: 3 },
      }),
    ]);
  });

  it("vector F: only зач → н/а, no numeric marks", async () => {
    const { results } = await enter([{ workType: "classwork", marks: ["PASS"] }]);
    expect(results.HALF_UP).toMatchObject({ average: null, count: 0, suggested: "NA", reason: "no_marks" });
  });

  it("changes a lesson's work type and weight: the averages follow; unknown types and stale versions are refused", async () => {
    const { s, student } = await enter([
      { workType: "control", marks: ["5"] },
      { workType: "classwork", marks: ["3"] },
      { workType: "homework", marks: ["4"] },
    ]);
    await saveSettings(s.client, { roundingRule: "HALF_UP" });
    const lessons = (await s.teacher.client.get(gridUrl(s))).body.lessons;
    const control = lessons[0];
    const url = `/api/v1/journal/lessons/${control.id}`;
    expect((await s.teacher.client.patch(url, { workType: "nonsense", version: control.version })).body.error.issues[0]).toMatchObject({
      path: ["body", "workType"],
      code: "unknown_work_type",
    });
    const changed = await s.teacher.client.patch(url, { workType: "classwork", version: control.version });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ workType: "classwork", weightTenths: 10, weightOverridden: false, version: control.version + 1 });
    const stale = await s.client.patch(url, { weightTenths: 50, version: control.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({
      reason: "stale_version",
      current: { workType: "classwork", version: control.version + 1 },
    });
    // 5, 3, 4 all with weight 1 now: 4 exactly; the stored suggestion follows too.
    const grid = await s.teacher.client.get(gridUrl(s));
    expect(grid.body.periodMarks[0]).toMatchObject({ average: { num: 4, den: 1, text: "4.00" }, suggested: "4" });
    const stored = await t.db.one<{ suggested: string }>(
      sql`select suggested from period_marks where school_id = ${s.schoolId} and student_id = ${student}`,
    );
    expect(stored.suggested).toBe("4");
    const weighted = await s.teacher.client.patch(url, { weightTenths: 20, version: control.version + 1 });
    expect(weighted.body).toMatchObject({ workType: "classwork", weightTenths: 20, weightOverridden: true });
    const back = await s.teacher.client.patch(url, { weightTenths: null, version: control.version + 2 });
    expect(back.body).toMatchObject({ weightTenths: 10, weightOverridden: false });
  });

  it("counts the marks a student got in the previous class after moving during the period", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const class5b = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "Б" });
    await buildAssignment(t.db, { schoolId: s.schoolId, teacherId: s.teacher.user.id, classId: class5b.id, subjectId: s.maths.id });
    const mover = s.students[0]?.id as string;
    await t.db.execute(sql`update enrolments set ends_on = '2026-11-10' where school_id = ${s.schoolId} and person_id = ${mover}`);
    await t.db.execute(
      sql`insert into enrolments (school_id, person_id, class_id, starts_on) values (${s.schoolId}, ${mover}, ${class5b.id}, '2026-11-11')`,
    );
    const before = await buildLesson(t.db, { ...lessonBase(s), date: "2026-11-10", workType: "control" });
    const after = await buildLesson(t.db, { ...lessonBase(s), classId: class5b.id, date: "2026-11-11", workType: "homework" });
    expect((await saveCell(s.teacher.client, before.id, mover, { marks: ["5"] })).status).toBe(200);
    const saved = await saveCell(s.teacher.client, after.id, mover, { marks: ["3", "4"] });
    expect(saved.body.periodMark).toMatchObject({ average: { num: 32, den: 7 }, count: 3, suggested: "5" });
    const grid = await s.teacher.client.get(gridUrl({ ...s, class5a: class5b }));
    expect(grid.body.students).toEqual([expect.objectContaining({ id: mover, from: "2026-11-11", to: null })]);
    expect(grid.body.cells.map((c: { lessonId: string }) => c.lessonId)).toEqual([after.id]);
    expect(grid.body.periodMarks[0]).toMatchObject({ average: { num: 32, den: 7 }, suggested: "5" });
  });

  it("sets a period mark: override recorded with who and when, reason to change, stale version 409, class teacher 403", async () => {
    const { s, student } = await enter([
      { workType: "control", marks: ["5"] },
      { workType: "classwork", marks: ["3"] },
      { workType: "homework", marks: ["4"] },
    ]);
    await saveSettings(s.client, { roundingRule: "HALF_UP" });
    const url = `/api/v1/journal/period-marks/${s.period.id}/${s.maths.id}/${student}`;
    const set = await s.teacher.client.put(url, { value: "5", version: 0 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ value: "5", suggested: "5", overridden: false, version: 1, setBy: { userId: s.teacher.user.id } });

    const stale = await s.teacher.client.put(url, { value: "4", version: 0, reason: "итоговая работа" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ reason: "stale_version", current: { value: "5", version: 1 } });
    const noReason = await s.teacher.client.put(url, { value: "4", version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toEqual(["body", "reason"]);
    expect((await s.teacher.client.put(url, { value: "1", version: 1, reason: "x" })).status).toBe(400);

    const changed = await s.teacher.client.put(url, { value: "4", version: 1, reason: "итоговая работа" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ value: "4", suggested: "5", overridden: true, version: 2 });
    expect(Math.abs(Date.parse(changed.body.setAt) - Date.parse(TODAY))).toBeLessThan(60_000);
    const grid = await s.teacher.client.get(gridUrl(s));
    expect(grid.body.periodMarks[0]).toMatchObject({ value: "4", overridden: true, setBy: { displayName: "Смирнов Андрей" } });
    expect(await eventsOf(t.db, s.schoolId, "period_mark", `${s.period.id}:${s.maths.id}:${student}`)).toEqual([
      expect.objectContaining({ action: "set", before: { value: null, suggested: "5" }, after: { value: "5", suggested: "5" } }),
      expect.objectContaining({ action: "set", reason: "итоговая работа", after: { value: "4", suggested: "5" } }),
    ]);

    const classTeacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Кузнецова" });
    await t.db.execute(
      sql`update classes set class_teacher_id = ${classTeacher.user.id} where school_id = ${s.schoolId} and id = ${s.class5a.id}`,
    );
    expect((await classTeacher.client.put(url, { value: "5", version: 2, reason: "x" })).status).toBe(403);
    const stranger = await signedIn(t, s.schoolId, "teacher");
    expect((await stranger.client.put(url, { value: "5", version: 2, reason: "x" })).status).toBe(404);
    const cleared = await s.client.put(url, { value: null, version: 2, reason: "пересмотр" });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ value: null, overridden: false, setBy: null, version: 3 });
  });

  it("suggests the year mark from the set period marks and sets it", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const periods = [
      await buildPeriod(t.db, { schoolId: s.schoolId, yearId: s.yearId, number: 1, startsOn: "2026-09-01", endsOn: "2026-10-24" }),
      s.period,
      await buildPeriod(t.db, { schoolId: s.schoolId, yearId: s.yearId, number: 3, startsOn: "2027-01-11", endsOn: "2027-03-20" }),
      await buildPeriod(t.db, { schoolId: s.schoolId, yearId: s.yearId, number: 4, startsOn: "2027-03-30", endsOn: "2027-05-26" }),
    ];
    const [boris, vera] = s.students.map((p) => p.id) as [string, string];
    const plan: [string, string[]][] = [
      [boris, ["4", "4", "5", "5"]],
      [vera, ["3", "4", "4", "3"]],
    ];
    for (const [student, values] of plan) {
      for (const [i, value] of values.entries()) {
        const r = await s.client.put(`/api/v1/journal/period-marks/${periods[i]?.id}/${s.maths.id}/${student}`, { value, version: 0 });
        expect(r.status, r.text).toBe(200);
      }
    }
    const sheetUrl = `/api/v1/journal/year-marks?classId=${s.class5a.id}&subjectId=${s.maths.id}`;
    const sheet = await s.teacher.client.get(sheetUrl);
    expect(sheet.status, sheet.text).toBe(200);
    expect(sheet.body.periods.map((p: { id: string }) => p.id)).toEqual(periods.map((p) => p.id));
    expect(sheet.body.abilities).toEqual({ setYearMarks: true });
    expect(sheet.body.settings).toEqual({ allowMarkOne: false });
    const byStudent = (id: string) => sheet.body.marks.find((m: { studentId: string }) => m.studentId === id);
    expect(byStudent(boris)).toMatchObject({ suggested: "5", value: null, version: 0 });
    expect(byStudent(vera)).toMatchObject({ suggested: "4" });
    expect(byStudent(vera).periodMarks.map((p: { value: string }) => p.value)).toEqual(["3", "4", "4", "3"]);
    expect(byStudent(s.students[2]?.id as string)).toMatchObject({ suggested: "NA" });

    const url = `/api/v1/journal/year-marks/${s.yearId}/${s.maths.id}/${boris}`;
    const set = await s.teacher.client.put(url, { value: "5", version: 0 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ value: "5", suggested: "5", overridden: false, version: 1 });
    expect((await s.teacher.client.put(url, { value: "4", version: 1 })).status).toBe(400);
    const changed = await s.teacher.client.put(url, { value: "4", version: 1, reason: "экзамен" });
    expect(changed.body).toMatchObject({ value: "4", overridden: true, version: 2 });
    expect(await eventsOf(t.db, s.schoolId, "year_mark", `${s.yearId}:${s.maths.id}:${boris}`)).toHaveLength(2);

    const other = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "В" });
    const stranger = await signedIn(t, s.schoolId, "teacher");
    await t.db.execute(sql`update classes set class_teacher_id = ${stranger.user.id} where school_id = ${s.schoolId} and id = ${other.id}`);
    expect((await stranger.client.get(sheetUrl)).status).toBe(404);
    expect((await stranger.client.put(url, { value: "5", version: 2, reason: "x" })).status).toBe(404);
  });
});

function lessonBase(s: JournalSchool) {
  return {
    schoolId: s.schoolId,
    yearId: s.yearId,
    periodId: s.period.id,
    classId: s.class5a.id,
    subjectId: s.maths.id,
    teacherId: s.teacher.user.id,
  };
}
