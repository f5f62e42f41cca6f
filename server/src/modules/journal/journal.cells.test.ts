import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import { buildClass, buildStudent, eventsOf, signedIn } from "../../../test/people-factories.ts";
import type { LiveEvent } from "@otmetka/core/contracts/live.ts";
import { sql } from "../../platform/db/sql.ts";
import { LIVE_CHANNEL } from "../../platform/realtime/publish.ts";
import { cellsOf, gridUrl, saveCell, saveSettings, TODAY } from "./journal.test-support.ts";

describe.each(DATABASES)("journal cells on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  it("saves marks and attendance, shows them in the grid, audits each change and deletes a cleared cell", async () => {
    const s = await journalSchool(t);
    const [monday, tuesday] = s.lessons.map((l) => l.id) as [string, string];
    const [boris, vera] = s.students.map((p) => p.id) as [string, string];

    const first = await saveCell(s.teacher.client, monday, boris, { marks: ["5", "4"] });
    expect(first.status).toBe(200);
    expect(first.body.cell).toMatchObject({
      lessonId: monday,
      studentId: boris,
      marks: ["5", "4"],
      attendance: null,
      version: 1,
      updatedBy: { userId: s.teacher.user.id, displayName: "Смирнов Андрей" },
    });
    expect(first.body.periodMark).toMatchObject({ studentId: boris, count: 2, suggested: "NA", reason: "too_few_marks", value: null });

    const late = await saveCell(s.teacher.client, tuesday, vera, { attendance: { state: "LATE", lateMinutes: 7 }, comment: "без формы" });
    expect(late.status).toBe(200);
    const absent = await saveCell(s.teacher.client, tuesday, boris, { attendance: { state: "ABSENT_UNEXCUSED", lateMinutes: null } });
    expect(absent.status).toBe(200);

    const grid = await s.teacher.client.get(gridUrl(s));
    expect(grid.status).toBe(200);
    expect(grid.body.today).toBe("2026-11-12");
    expect(grid.body.students.map((p: { displayName: string }) => p.displayName)).toEqual([
      "Алексеев Борис",
      "Белова Вера",
      "Васильев Глеб",
    ]);
    expect(grid.body.lessons).toHaveLength(3);
    expect(grid.body.lessons[0]).toMatchObject({ date: "2026-11-09", workType: null, weightTenths: 10, locked: false, future: false });
    expect(grid.body.cells).toHaveLength(3);
    // The grid lists the cell as the save answered it, without who saved it and when (GridCell).
    const saved = grid.body.cells.find((c: { studentId: string; lessonId: string }) => c.studentId === boris && c.lessonId === monday);
    const { updatedAt, updatedBy, ...listed } = first.body.cell;
    expect(updatedBy).toEqual({ userId: s.teacher.user.id, displayName: "Смирнов Андрей" });
    expect(updatedAt).toEqual(expect.any(String));
    expect(saved).toEqual(listed);
    expect(
      grid.body.cells.find((c: { studentId: string; lessonId: string }) => c.studentId === vera && c.lessonId === tuesday),
    ).toMatchObject({
      attendance: { state: "LATE", lateMinutes: 7 },
      comment: "без формы",
    });
    expect(grid.body.abilities).toEqual({ edit: true, editAttendanceOnly: false, setPeriodMarks: true, editLessons: true });

    // Within ten minutes the teacher fixes their own slip without a reason.
    const fixed = await saveCell(s.teacher.client, monday, boris, { marks: ["4"], version: 1 });
    expect(fixed.status).toBe(200);
    expect(fixed.body.cell.version).toBe(2);

    // Clearing everything deletes the row; the cell starts again from version 0.
    t.advanceClock(11 * 60 * 1000);
    const cleared = await saveCell(s.teacher.client, monday, boris, { version: 2, reason: "оценка поставлена ошибочно" });
    expect(cleared.status).toBe(200);
    expect(cleared.body.cell).toMatchObject({ marks: [], attendance: null, version: 0, updatedBy: null });
    expect((await cellsOf(t, s.schoolId)).some((c) => c.lesson_id === monday)).toBe(false);
    const again = await saveCell(s.teacher.client, monday, boris, { marks: ["3"], version: 0 });
    expect(again.status).toBe(200);
    expect(again.body.cell.version).toBe(1);

    const events = await eventsOf(t.db, s.schoolId, "journal_cell", `${monday}:${boris}`);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete", "create"]);
    expect(events[1]).toMatchObject({
      actor_user_id: s.teacher.user.id,
      before: { marks: ["5", "4"], attendance: null, lateMinutes: null, comment: "" },
      after: { marks: ["4"], attendance: null, lateMinutes: null, comment: "" },
    });
    expect(events[2]).toMatchObject({ reason: "оценка поставлена ошибочно", after: null });
    t.setClock(TODAY);
  });

  it("answers a save based on a stale version with 409 and the current cell, and accepts a retry of the same content", async () => {
    const s = await journalSchool(t);
    const colleague = await signedIn(t, s.schoolId, "teacher", { lastName: "Орлова", firstName: "Нина" });
    await t.db.execute(sql`insert into teaching_assignments (school_id, teacher_id, class_id, subject_id)
      values (${s.schoolId}, ${colleague.user.id}, ${s.class5a.id}, ${s.maths.id})`);
    const lesson = s.lessons[0]?.id as string;
    const student = s.students[0]?.id as string;

    expect((await saveCell(s.teacher.client, lesson, student, { marks: ["4"] })).status).toBe(200);
    const late = await saveCell(colleague.client, lesson, student, { marks: ["5"], version: 0 });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: "conflict",
      details: { reason: "stale_version", current: { marks: ["4"], version: 1, updatedBy: { userId: s.teacher.user.id } } },
    });
    expect((await cellsOf(t, s.schoolId)).map((c) => c.mark1)).toEqual(["4"]);

    // The first teacher's retry (its response was lost) with the old version: same content, no conflict.
    const retry = await saveCell(s.teacher.client, lesson, student, { marks: ["4"], version: 0 });
    expect(retry.status).toBe(200);
    expect(retry.body.cell.version).toBe(1);
    expect(await eventsOf(t.db, s.schoolId, "journal_cell", `${lesson}:${student}`)).toHaveLength(1);
  });

  it("requires a reason to change or remove someone else's mark or an old one of one's own", async () => {
    const s = await journalSchool(t);
    const lesson = s.lessons[0]?.id as string;
    const student = s.students[0]?.id as string;
    expect((await saveCell(s.teacher.client, lesson, student, { marks: ["3"] })).status).toBe(200);

    // Adding a second mark changes no existing one.
    expect((await saveCell(s.teacher.client, lesson, student, { marks: ["3", "5"], version: 1 })).status).toBe(200);

    const noReason = await saveCell(s.client, lesson, student, { marks: ["4", "5"], version: 2 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([expect.objectContaining({ path: ["body", "reason"], code: "reason_required" })]);
    const blankReason = await saveCell(s.client, lesson, student, { marks: [], version: 2, reason: "   " });
    expect(blankReason.status).toBe(400);

    t.advanceClock(11 * 60 * 1000);
    const ownButOld = await saveCell(s.teacher.client, lesson, student, { marks: ["3"], version: 2 });
    expect(ownButOld.status).toBe(400);
    expect((await cellsOf(t, s.schoolId)).map((c) => [c.mark1, c.mark2, c.version])).toEqual([["3", "5", 2]]);

    const withReason = await saveCell(s.client, lesson, student, { marks: ["4", "5"], version: 2, reason: "исправлено после проверки" });
    expect(withReason.status).toBe(200);
    // Attendance and comments change freely.
    const attendance = await saveCell(s.teacher.client, lesson, student, {
      marks: ["4", "5"],
      attendance: { state: "LATE", lateMinutes: 5 },
      version: 3,
    });
    expect(attendance.status).toBe(200);
    t.setClock(TODAY);
  });

  it("announces a saved cell to every app instance after commit, and nothing for a refused save", async () => {
    const s = await journalSchool(t);
    const events: LiveEvent[] = [];
    const stop = await t.db.listen(LIVE_CHANNEL, (payload) => events.push(JSON.parse(payload)));
    try {
      const lesson = s.lessons[0]?.id as string;
      const student = s.students[0]?.id as string;
      expect((await saveCell(s.teacher.client, lesson, student, { marks: ["5"] })).status).toBe(200);
      expect((await saveCell(s.teacher.client, lesson, student, { marks: ["4"], version: 0 })).status).toBe(409);
      expect((await s.teacher.client.patch(`/api/v1/journal/lessons/${lesson}`, { workType: "control", version: 1 })).status).toBe(200);
      await expect.poll(() => events.length).toBe(2);
      expect(events).toEqual([
        expect.objectContaining({
          schoolId: s.schoolId,
          kind: "journal.cell",
          classId: s.class5a.id,
          subjectId: s.maths.id,
          lessonId: lesson,
          studentId: student,
          version: 1,
        }),
        expect.objectContaining({ kind: "journal.lesson", lessonId: lesson, version: 2 }),
      ]);
    } finally {
      await stop();
    }
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const [monday, , , thursday] = s.lessons.map((l) => l.id) as string[];
    const student = s.students[0]?.id as string;
    const other = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const stranger = await buildStudent(t.db, { schoolId: s.schoolId, classId: other.id, lastName: "Чужой" });
    const friday = await buildLesson(t.db, { ...lessonBase(s), date: "2026-11-13" });
    const cancelled = await buildLesson(t.db, { ...lessonBase(s), date: "2026-11-12", lessonNumber: 3 });
    await t.db.execute(sql`update lessons set status = 'cancelled' where school_id = ${s.schoolId} and id = ${cancelled.id}`);
    const before = await cellsOf(t, s.schoolId);
    const expectRefused = async (lessonId: string, studentId: string, body: Parameters<typeof saveCell>[3], code: string) => {
      const r = await saveCell(s.teacher.client, lessonId, studentId, body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
      if (code) expect(r.body.error.issues.map((i: { code: string }) => i.code)).toContain(code);
    };

    await expectRefused(monday as string, student, { marks: ["7"] }, "");
    await expectRefused(monday as string, student, { marks: ["1"] }, "mark_not_allowed");
    await expectRefused(monday as string, student, { marks: ["5", "4", "3"] }, "");
    await expectRefused(monday as string, stranger.id, { marks: ["5"] }, "not_enrolled");
    await expectRefused(cancelled.id, student, { marks: ["5"] }, "lesson_cancelled");
    await expectRefused(friday.id, student, { marks: ["5"] }, "lesson_in_future");
    await expectRefused(
      monday as string,
      student,
      { marks: ["5"], attendance: { state: "ABSENT_ILLNESS", lateMinutes: null } },
      "mark_with_absence",
    );
    await expectRefused(monday as string, student, { attendance: { state: "LATE", lateMinutes: null } }, "late_minutes_required");
    await expectRefused(monday as string, student, { attendance: { state: "ABSENT_UNEXCUSED", lateMinutes: 5 } }, "late_minutes_not_late");
    await expectRefused(monday as string, student, { comment: "x".repeat(501) }, "");
    expect(await cellsOf(t, s.schoolId)).toEqual(before);

    // Where the school allows it, 1 is a mark; a «•» stays with an absence; today's lesson is open.
    await saveSettings(s.client, { allowMarkOne: true });
    expect((await saveCell(s.teacher.client, monday as string, student, { marks: ["1"] })).status).toBe(200);
    const owes = await saveCell(s.teacher.client, thursday as string, student, {
      marks: ["DUE"],
      attendance: { state: "ABSENT_ILLNESS", lateMinutes: null },
    });
    expect(owes.status).toBe(200);
    expect(owes.body.periodMark).toMatchObject({ count: 1 });
  });
});

function lessonBase(s: Awaited<ReturnType<typeof journalSchool>>) {
  return {
    schoolId: s.schoolId,
    yearId: s.yearId,
    periodId: s.period.id,
    classId: s.class5a.id,
    subjectId: s.maths.id,
    teacherId: s.teacher.user.id,
  };
}
