import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import { buildClass, buildStudent, eventsOf, signedIn } from "../../../test/people-factories.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

async function putCell(db: Db, schoolId: string, lessonId: string, studentId: string, attendance: string | null, marks: string[] = []) {
  await db.execute(sql`
    insert into journal_cells (school_id, lesson_id, student_id, mark1, mark2, attendance, late_minutes)
    values (${schoolId}, ${lessonId}, ${studentId}, ${marks[0] ?? null}, ${marks[1] ?? null}, ${attendance}, ${attendance === "LATE" ? 5 : null})`);
}

async function attendanceOf(db: Db, schoolId: string, lessonId: string, studentId: string) {
  return db.maybeOne<{ attendance: string | null; version: number }>(sql`
    select attendance, version from journal_cells where school_id = ${schoolId} and lesson_id = ${lessonId} and student_id = ${studentId}`);
}

describe.each(DATABASES)("class teacher tools on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock("2026-11-20T12:00:00+03:00");
  });
  afterAll(async () => t?.close());

  /** Lessons on 9–11 Nov; the teacher (Смирнов) also leads 5А. */
  async function setUp() {
    const j = await journalSchool(t, { lessons: 3 });
    await t.db.execute(
      sql`update classes set class_teacher_id = ${j.teacher.user.id} where school_id = ${j.schoolId} and id = ${j.class5a.id}`,
    );
    const [a, b] = j.students as [{ id: string }, { id: string }];
    const [l1, l2, l3] = j.lessons as [{ id: string }, { id: string }, { id: string }];
    await putCell(t.db, j.schoolId, l1.id, a.id, "ABSENT_UNEXCUSED");
    await putCell(t.db, j.schoolId, l2.id, a.id, "ABSENT_UNEXCUSED");
    await putCell(t.db, j.schoolId, l3.id, a.id, "LATE", ["4"]);
    await putCell(t.db, j.schoolId, l1.id, b.id, "ABSENT_UNEXCUSED");
    await putCell(t.db, j.schoolId, l2.id, b.id, null, ["5"]);
    // The teacher signs in again: the class they lead is read at sign-in.
    const classTeacher = await signedIn(t, j.schoolId, "teacher", { lastName: "Орлова", firstName: "Нина" });
    await t.db.execute(
      sql`update classes set class_teacher_id = ${classTeacher.user.id} where school_id = ${j.schoolId} and id = ${j.class5a.id}`,
    );
    return { ...j, a, b, l1, l2, l3, classTeacher };
  }

  it("lists the class's absences and turns a student's «Н» into «Б» with a note in the audit log", async () => {
    const s = await setUp();
    const url = `/api/v1/classes/${s.class5a.id}/absences?from=2026-11-01&to=2026-11-30`;
    const list = await s.classTeacher.client.get(url);
    expect(list.status).toBe(200);
    expect(list.body.class).toEqual({ id: s.class5a.id, name: "5А" });
    expect(list.body.items.map((i: any) => [i.studentName, i.date, i.state])).toEqual([
      ["Алексеев Борис", "2026-11-11", "LATE"],
      ["Алексеев Борис", "2026-11-10", "ABSENT_UNEXCUSED"],
      ["Алексеев Борис", "2026-11-09", "ABSENT_UNEXCUSED"],
      ["Белова Вера", "2026-11-09", "ABSENT_UNEXCUSED"],
    ]);

    const excused = await s.classTeacher.client.post(`/api/v1/classes/${s.class5a.id}/absences/excuse`, {
      studentId: s.a.id,
      from: "2026-11-09",
      to: "2026-11-11",
      state: "ABSENT_ILLNESS",
      note: "Справка № 12 от 12.11.2026",
    });
    expect(excused.status).toBe(200);
    expect(excused.body).toEqual({ changed: 2, lockedSkipped: 0 });
    expect(await attendanceOf(t.db, s.schoolId, s.l1.id, s.a.id)).toEqual({ attendance: "ABSENT_ILLNESS", version: 2 });
    expect(await attendanceOf(t.db, s.schoolId, s.l2.id, s.a.id)).toEqual({ attendance: "ABSENT_ILLNESS", version: 2 });
    expect(await attendanceOf(t.db, s.schoolId, s.l3.id, s.a.id)).toEqual({ attendance: "LATE", version: 1 });
    expect(await attendanceOf(t.db, s.schoolId, s.l1.id, s.b.id)).toEqual({ attendance: "ABSENT_UNEXCUSED", version: 1 });
    const audit = await eventsOf(t.db, s.schoolId, "journal_cell", `${s.l1.id}:${s.a.id}`);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "excuse_absence",
        actor_user_id: s.classTeacher.user.id,
        before: { attendance: "ABSENT_UNEXCUSED" },
        after: { attendance: "ABSENT_ILLNESS" },
        reason: "Справка № 12 от 12.11.2026",
      }),
    ]);
  });

  it("leaves «Н» past the edit window alone for the class teacher and counts them; an admin may change them", async () => {
    const s = await setUp();
    t.setClock("2026-11-24T12:00:00+03:00"); // 14-day window: 9 Nov is locked, 10 Nov is open
    try {
      const body = { studentId: s.a.id, from: "2026-11-01", to: "2026-11-30", state: "ABSENT_EXCUSED", note: "Заявление родителей" };
      const mine = await s.classTeacher.client.post(`/api/v1/classes/${s.class5a.id}/absences/excuse`, body);
      expect(mine.body).toEqual({ changed: 1, lockedSkipped: 1 });
      expect((await attendanceOf(t.db, s.schoolId, s.l1.id, s.a.id))?.attendance).toBe("ABSENT_UNEXCUSED");
      const list = await s.classTeacher.client.get(`/api/v1/classes/${s.class5a.id}/absences?from=2026-11-09&to=2026-11-09`);
      expect(list.body.items.map((i: any) => i.locked)).toEqual([true, true]);
      const admin = await s.client.post(`/api/v1/classes/${s.class5a.id}/absences/excuse`, body);
      expect(admin.body).toEqual({ changed: 1, lockedSkipped: 0 });
      expect((await attendanceOf(t.db, s.schoolId, s.l1.id, s.a.id))?.attendance).toBe("ABSENT_EXCUSED");
    } finally {
      t.setClock("2026-11-20T12:00:00+03:00");
    }
  });

  it("refuses other teachers, bad ranges and students of another class, changing nothing", async () => {
    const s = await setUp();
    const url = `/api/v1/classes/${s.class5a.id}/absences/excuse`;
    const body = { studentId: s.a.id, from: "2026-11-09", to: "2026-11-11", state: "ABSENT_ILLNESS", note: "Справка" };
    // The subject teacher does not lead 5А: the class does not exist for them here.
    expect((await s.teacher.client.post(url, body)).status).toBe(404);
    expect((await s.teacher.client.get(`/api/v1/classes/${s.class5a.id}/journal-completion?from=2026-11-01&to=2026-11-30`)).status).toBe(
      404,
    );
    const backwards = await s.classTeacher.client.post(url, { ...body, from: "2026-11-11", to: "2026-11-09" });
    expect(backwards.status).toBe(400);
    const noNote = await s.classTeacher.client.post(url, { ...body, note: "  " });
    expect(noNote.status).toBe(400);
    const wrongState = await s.classTeacher.client.post(url, { ...body, state: "PRESENT" });
    expect(wrongState.status).toBe(400);
    const other = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const stranger = await buildStudent(t.db, { schoolId: s.schoolId, classId: other.id });
    const notHere = await s.classTeacher.client.post(url, { ...body, studentId: stranger.id });
    expect(notHere.status).toBe(400);
    expect(notHere.body.error.issues[0].path).toEqual(["body", "studentId"]);
    const tooLong = await s.classTeacher.client.get(`/api/v1/classes/${s.class5a.id}/absences?from=2025-01-01&to=2026-11-30`);
    expect(tooLong.status).toBe(400);
    expect(await attendanceOf(t.db, s.schoolId, s.l1.id, s.a.id)).toEqual({ attendance: "ABSENT_UNEXCUSED", version: 1 });
  });

  it("reports lessons without topic, entries or homework, per teacher, up to today", async () => {
    const s = await setUp();
    await t.db.execute(sql`update lessons set topic = 'Дроби' where school_id = ${s.schoolId} and id = ${s.l2.id}`);
    const future = await buildLesson(t.db, {
      schoolId: s.schoolId,
      yearId: s.yearId,
      periodId: s.period.id,
      classId: s.class5a.id,
      subjectId: s.maths.id,
      teacherId: s.teacher.user.id,
      date: "2026-11-27",
    });
    const empty = await buildLesson(t.db, {
      schoolId: s.schoolId,
      yearId: s.yearId,
      periodId: s.period.id,
      classId: s.class5a.id,
      subjectId: s.maths.id,
      teacherId: s.teacher.user.id,
      date: "2026-11-12",
    });
    const report = await s.classTeacher.client.get(`/api/v1/classes/${s.class5a.id}/journal-completion?from=2026-11-01&to=2026-11-30`);
    expect(report.status).toBe(200);
    expect(report.body.lessons.map((l: any) => [l.date, l.missing])).toEqual([
      ["2026-11-09", ["topic", "homework"]],
      ["2026-11-10", ["homework"]],
      ["2026-11-11", ["topic", "homework"]],
      ["2026-11-12", ["topic", "entries", "homework"]],
    ]);
    expect(report.body.lessons.some((l: any) => l.lessonId === future.id)).toBe(false);
    expect(report.body.lessons.at(-1).lessonId).toBe(empty.id);
    expect(report.body.teachers).toEqual([
      {
        teacher: { userId: s.teacher.user.id, displayName: "Смирнов Андрей" },
        subject: { id: s.maths.id, name: "Математика" },
        lessons: 4,
        withoutTopic: 3,
        withoutEntries: 1,
        withoutHomework: 4,
      },
    ]);
  });
});
