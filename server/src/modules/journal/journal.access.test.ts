/** Who may open and change a journal: admins, subject teachers (group-aware), class teachers, substitutes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import {
  buildAssignment,
  buildClass,
  buildGroup,
  buildStudent,
  buildSubject,
  schoolWithAdmin,
  signedIn,
} from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";
import { cellsOf, gridUrl, type JournalSchool, saveCell, TODAY } from "./journal.test-support.ts";

describe.each(DATABASES)("journal access on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  async function classTeacherOf(s: JournalSchool, classId: string) {
    const teacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Кузнецова", firstName: "Ольга" });
    await t.db.execute(sql`update classes set class_teacher_id = ${teacher.user.id} where school_id = ${s.schoolId} and id = ${classId}`);
    return teacher;
  }

  it("lets the class teacher read every subject and change attendance only; another class's teacher gets 404", async () => {
    const s = await journalSchool(t);
    const lesson = s.lessons[0]?.id as string;
    const student = s.students[0]?.id as string;
    expect(
      (await saveCell(s.teacher.client, lesson, student, { marks: ["4"], attendance: { state: "LATE", lateMinutes: 10 } })).status,
    ).toBe(200);

    const own = await classTeacherOf(s, s.class5a.id);
    const grid = await own.client.get(gridUrl(s));
    expect(grid.status).toBe(200);
    expect(grid.body.abilities).toEqual({ edit: false, editAttendanceOnly: true, setPeriodMarks: false, editLessons: false });
    const converted = await saveCell(own.client, lesson, student, {
      marks: ["4"],
      attendance: { state: "ABSENT_EXCUSED", lateMinutes: null },
      version: 1,
    });
    // An absence next to a mark is refused whoever enters it.
    expect(converted.status).toBe(400);
    const excused = await saveCell(own.client, s.lessons[1]?.id as string, student, {
      attendance: { state: "ABSENT_ILLNESS", lateMinutes: null },
    });
    expect(excused.status).toBe(200);
    const attendanceOnly = await saveCell(own.client, lesson, student, { marks: ["4"], attendance: null, version: 1 });
    expect(attendanceOnly.status).toBe(200);
    const marks = await saveCell(own.client, lesson, student, { marks: ["5"], attendance: null, version: 2, reason: "x" });
    expect(marks.status).toBe(403);
    const comment = await saveCell(own.client, lesson, student, { marks: ["4"], comment: "молодец", version: 2 });
    expect(comment.status).toBe(403);
    expect((await own.client.patch(`/api/v1/journal/lessons/${lesson}`, { workType: "control", version: 1 })).status).toBe(403);

    const other = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const otherTeacher = await classTeacherOf(s, other.id);
    const before = await cellsOf(t, s.schoolId);
    expect((await otherTeacher.client.get(gridUrl(s))).status).toBe(404);
    expect((await saveCell(otherTeacher.client, lesson, student, { attendance: null, version: 2 })).status).toBe(404);
    expect((await otherTeacher.client.patch(`/api/v1/journal/lessons/${lesson}`, { workType: "control", version: 1 })).status).toBe(404);
    expect(await cellsOf(t, s.schoolId)).toEqual(before);
  });

  it("refuses parents and students, and hides other schools' journals", async () => {
    const s = await journalSchool(t);
    const lesson = s.lessons[0]?.id as string;
    const student = s.students[0]?.id as string;
    for (const role of ["parent", "student"] as const) {
      const user = await signedIn(t, s.schoolId, role);
      expect((await user.client.get(gridUrl(s))).status).toBe(403);
      expect((await saveCell(user.client, lesson, student, { marks: ["5"] })).status).toBe(403);
    }
    const elsewhere = await schoolWithAdmin(t);
    expect((await elsewhere.client.get(gridUrl(s))).status).toBe(404);
    expect((await saveCell(elsewhere.client, lesson, student, { marks: ["5"] })).status).toBe(404);
    expect(await cellsOf(t, s.schoolId)).toEqual([]);
    // A journal whose parts do not fit together is not found either.
    const maths2 = await buildSubject(t.db, { schoolId: elsewhere.schoolId, name: "Алгебра" });
    expect((await s.client.get(gridUrl({ ...s, maths: maths2 }))).status).toBe(404);
    expect((await s.client.get(`${gridUrl(s)}&groupId=${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("lets a substitute read the journal and enter marks only in the lessons they took", async () => {
    const s = await journalSchool(t);
    const substitute = await signedIn(t, s.schoolId, "teacher", { lastName: "Зайцев", firstName: "Павел" });
    const taken = s.lessons[1]?.id as string;
    await t.db.execute(
      sql`update lessons set substitute_teacher_id = ${substitute.user.id} where school_id = ${s.schoolId} and id = ${taken}`,
    );
    const grid = await substitute.client.get(gridUrl(s));
    expect(grid.status).toBe(200);
    expect(grid.body.abilities).toMatchObject({ edit: true, setPeriodMarks: false });
    expect(grid.body.lessons.map((l: { locked: boolean }) => l.locked)).toEqual([true, false, true]);
    expect(grid.body.lessons[1].substitute).toEqual({ userId: substitute.user.id, displayName: "Зайцев Павел" });
    const student = s.students[0]?.id as string;
    expect((await saveCell(substitute.client, taken, student, { marks: ["5"] })).status).toBe(200);
    expect((await saveCell(substitute.client, s.lessons[0]?.id as string, student, { marks: ["5"] })).status).toBe(403);
    const periodMark = await substitute.client.put(`/api/v1/journal/period-marks/${s.period.id}/${s.maths.id}/${student}`, {
      value: "5",
      version: 0,
    });
    expect(periodMark.status).toBe(403);
  });

  it("keeps subgroup journals apart: the subgroup's lessons and members only", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const english = await buildSubject(t.db, { schoolId: s.schoolId, name: "Английский язык" });
    const [first, second] = [
      await buildGroup(t.db, { schoolId: s.schoolId, classId: s.class5a.id, name: "1 группа" }),
      await buildGroup(t.db, { schoolId: s.schoolId, classId: s.class5a.id, name: "2 группа" }),
    ];
    const teacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Белых" });
    await buildAssignment(t.db, {
      schoolId: s.schoolId,
      teacherId: teacher.user.id,
      classId: s.class5a.id,
      subjectId: english.id,
      groupId: first.id,
    });
    const inFirst = await buildStudent(t.db, { schoolId: s.schoolId, classId: s.class5a.id, groupId: first.id, lastName: "Егоров" });
    const inSecond = await buildStudent(t.db, { schoolId: s.schoolId, classId: s.class5a.id, groupId: second.id, lastName: "Жуков" });
    const base = {
      schoolId: s.schoolId,
      yearId: s.yearId,
      periodId: s.period.id,
      classId: s.class5a.id,
      subjectId: english.id,
      teacherId: teacher.user.id,
    };
    const groupLesson = await buildLesson(t.db, { ...base, date: "2026-11-10", groupId: first.id });
    await buildLesson(t.db, { ...base, date: "2026-11-10", groupId: second.id, lessonNumber: 2, teacherId: s.teacher.user.id });

    const journal = { ...s, maths: english };
    const grid = await teacher.client.get(gridUrl(journal, first.id));
    expect(grid.status, grid.text).toBe(200);
    expect(grid.body.group).toEqual(first);
    expect(grid.body.lessons.map((l: { id: string }) => l.id)).toEqual([groupLesson.id]);
    expect(grid.body.students.map((p: { id: string }) => p.id)).toEqual([inFirst.id]);
    expect((await teacher.client.get(gridUrl(journal, second.id))).status).toBe(404);
    expect((await teacher.client.get(gridUrl(journal))).status).toBe(404);

    expect((await saveCell(teacher.client, groupLesson.id, inFirst.id, { marks: ["5"] })).status).toBe(200);
    const wrongGroup = await saveCell(teacher.client, groupLesson.id, inSecond.id, { marks: ["5"] });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.error.issues[0].code).toBe("not_enrolled");
  });

  it("lists students who joined or left during the period with their dates, and checks enrolment on the lesson's day", async () => {
    const s = await journalSchool(t);
    const newcomer = await buildStudent(t.db, { schoolId: s.schoolId, classId: s.class5a.id, lastName: "Новиков", startsOn: "2026-11-11" });
    const leaver = s.students[1]?.id as string;
    await t.db.execute(sql`update enrolments set ends_on = '2026-11-09' where school_id = ${s.schoolId} and person_id = ${leaver}`);
    const grid = await s.teacher.client.get(gridUrl(s));
    const byId = (id: string) => grid.body.students.find((p: { id: string }) => p.id === id);
    expect(byId(newcomer.id)).toMatchObject({ from: "2026-11-11", to: null });
    expect(byId(leaver)).toMatchObject({ from: "2026-11-09", to: "2026-11-09" });
    expect(byId(s.students[0]?.id as string)).toMatchObject({ from: "2026-11-09", to: null });
    expect((await saveCell(s.teacher.client, s.lessons[0]?.id as string, newcomer.id, { marks: ["5"] })).status).toBe(400);
    expect((await saveCell(s.teacher.client, s.lessons[1]?.id as string, leaver, { marks: ["5"] })).status).toBe(400);
    expect((await saveCell(s.teacher.client, s.lessons[2]?.id as string, newcomer.id, { marks: ["5"] })).status).toBe(200);
  });
});
