import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import { parentAccount, studentAccount } from "../../../test/lessons-factories.ts";
import { buildClass, buildGroup, buildStudent, buildSubject, eventsOf } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

describe.each(DATABASES)("homework on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock("2026-11-09T09:00:00Z");
  });
  afterAll(async () => t?.close());

  const homeworkCount = async (schoolId: string) =>
    (await t.db.one<{ n: number }>(sql`select count(*)::int as n from homework where school_id = ${schoolId}`)).n;

  it("gives homework due at a later lesson, shows it there, changes it with a version check and removes it; each step audited", async () => {
    const s = await journalSchool(t, { lessons: 3 });
    const [first, second, third] = s.lessons.map((l) => l.id) as [string, string, string];
    const created = await s.teacher.client.post(`/api/v1/lessons/${first}/homework`, {
      text: "№ 12, 14 на с. 30",
      fileIds: [],
      dueLessonId: second,
      expectedMinutes: 30,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      lessonId: first,
      givenOn: "2026-11-09",
      subject: { name: "Математика" },
      text: "№ 12, 14 на с. 30",
      dueOn: "2026-11-10",
      dueLesson: { id: second, date: "2026-11-10", lessonNumber: 1 },
      expectedMinutes: 30,
      createdBy: { userId: s.teacher.user.id, displayName: "Смирнов Андрей" },
      version: 1,
      warnings: [],
    });
    expect(
      created.body.students.map((st: { student: { displayName: string }; doneAt: null }) => [st.student.displayName, st.doneAt]),
    ).toEqual([
      ["Алексеев Борис", null],
      ["Белова Вера", null],
      ["Васильев Глеб", null],
    ]);
    const id = created.body.id;
    expect((await s.teacher.client.get(`/api/v1/lessons/${first}`)).body.homework.map((h: { id: string }) => h.id)).toEqual([id]);
    expect((await s.teacher.client.get(`/api/v1/lessons/${second}`)).body.homeworkDue.map((h: { id: string }) => h.id)).toEqual([id]);

    const updated = await s.teacher.client.put(`/api/v1/homework/${id}`, {
      text: "№ 12–16",
      fileIds: [],
      dueOn: "2026-11-11",
      expectedMinutes: null,
      version: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ text: "№ 12–16", dueOn: "2026-11-11", dueLesson: null, expectedMinutes: null, version: 2 });
    const stale = await s.teacher.client.put(`/api/v1/homework/${id}`, { text: "старое", fileIds: [], dueLessonId: third, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ text: "№ 12–16", version: 2 });

    expect((await s.teacher.client.delete(`/api/v1/homework/${id}`)).status).toBe(200);
    expect(await homeworkCount(s.schoolId)).toBe(0);
    expect((await eventsOf(t.db, s.schoolId, "homework", id)).map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect((await eventsOf(t.db, s.schoolId, "homework", id))[1]).toMatchObject({
      before: { text: "№ 12, 14 на с. 30", dueOn: "2026-11-10", dueLessonId: second, expectedMinutes: 30, fileIds: [] },
      after: { text: "№ 12–16", dueOn: "2026-11-11", dueLessonId: null, expectedMinutes: null, fileIds: [] },
    });
  });

  it("warns when the class's homework for a day exceeds the СанПиН limit of its grade, counting the busiest subgroup", async () => {
    const s = await journalSchool(t, { lessons: 3 });
    const [first, , third] = s.lessons.map((l) => l.id) as [string, string, string];
    const give = (lessonId: string, minutes: number) =>
      s.teacher.client.post(`/api/v1/lessons/${lessonId}/homework`, {
        text: "Задание",
        fileIds: [],
        dueOn: "2026-11-12",
        expectedMinutes: minutes,
      });
    expect((await give(first, 90)).body.warnings).toEqual([]);
    const over = await give(third, 40);
    expect(over.status).toBe(201);
    expect(over.body.warnings).toEqual([
      { code: "sanpin_daily_limit", dueOn: "2026-11-12", grade: 5, totalMinutes: 130, limitMinutes: 120 },
    ]);
    expect((await s.teacher.client.get(`/api/v1/lessons/${first}`)).body.homework[0].warnings).toHaveLength(1);

    // Grade 1 (limit 60): whole class 20, group 1 has 30, group 2 has 45 → 20 + 45 = 65.
    const class1 = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 1, letter: "А" });
    const english = await buildSubject(t.db, { schoolId: s.schoolId, name: "Английский язык" });
    const g1 = await buildGroup(t.db, { schoolId: s.schoolId, classId: class1.id, name: "1 группа" });
    const g2 = await buildGroup(t.db, { schoolId: s.schoolId, classId: class1.id, name: "2 группа" });
    const lessonOf = (groupId?: string) =>
      buildLesson(t.db, {
        schoolId: s.schoolId,
        yearId: s.yearId,
        periodId: s.period.id,
        classId: class1.id,
        subjectId: english.id,
        teacherId: s.teacher.user.id,
        date: "2026-11-09",
        ...(groupId ? { groupId } : {}),
      });
    const [whole, first1, first2] = [await lessonOf(), await lessonOf(g1.id), await lessonOf(g2.id)];
    const at = (lessonId: string, minutes: number) =>
      s.client.post(`/api/v1/lessons/${lessonId}/homework`, { text: "Слова", fileIds: [], dueOn: "2026-11-10", expectedMinutes: minutes });
    await at(whole.id, 20);
    expect((await at(first1.id, 30)).body.warnings).toEqual([]);
    expect((await at(first2.id, 45)).body.warnings).toEqual([
      { code: "sanpin_daily_limit", dueOn: "2026-11-10", grade: 1, totalMinutes: 65, limitMinutes: 60 },
    ]);
  });

  it("refuses a due lesson of another class, subject or an earlier day, a day outside the year or off school, and stores nothing", async () => {
    const s = await journalSchool(t, { lessons: 3 });
    const [first, second] = s.lessons.map((l) => l.id) as [string, string];
    const class6 = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const russian = await buildSubject(t.db, { schoolId: s.schoolId, name: "Русский язык" });
    const base = { schoolId: s.schoolId, yearId: s.yearId, periodId: s.period.id, teacherId: s.teacher.user.id, date: "2026-11-12" };
    const otherClass = await buildLesson(t.db, { ...base, classId: class6.id, subjectId: s.maths.id });
    const otherSubject = await buildLesson(t.db, { ...base, classId: s.class5a.id, subjectId: russian.id });
    await t.db.execute(sql`
      insert into holidays (school_id, academic_year_id, name, starts_on, ends_on) values (${s.schoolId}, ${s.yearId}, 'Каникулы', '2026-12-29', '2027-01-11')`);
    const give = (body: Record<string, unknown>, lessonId = second) =>
      s.teacher.client.post(`/api/v1/lessons/${lessonId}/homework`, { text: "Задание", fileIds: [], ...body });
    const cases: [Record<string, unknown>, string][] = [
      [{ dueLessonId: otherClass.id }, "due_lesson_other_class"],
      [{ dueLessonId: otherSubject.id }, "due_lesson_other_subject"],
      [{ dueLessonId: first }, "due_lesson_not_later"],
      [{ dueOn: "2026-11-10" }, "due_not_after_lesson"],
      [{ dueOn: "2027-06-01" }, "due_outside_year"],
      [{ dueOn: "2026-11-14" }, "due_not_study_day"],
      [{ dueOn: "2026-12-30" }, "due_not_study_day"],
      [{ dueOn: "2026-11-11", dueLessonId: first }, "due_required"],
      [{}, "due_required"],
    ];
    for (const [body, code] of cases) {
      const r = await give(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues[0].code, JSON.stringify(body)).toBe(code);
      expect(r.body.error.message.length).toBeGreaterThan(10);
    }
    expect((await give({ dueOn: "2026-11-11", text: "" })).status).toBe(400);
    expect((await give({ dueOn: "2026-11-11", text: "ы".repeat(5001) })).status).toBe(400);
    expect((await give({ dueOn: "2026-11-11", expectedMinutes: 0 })).status).toBe(400);
    expect(await homeworkCount(s.schoolId)).toBe(0);
    expect((await give({ dueOn: "2026-11-11", text: "ы".repeat(5000) })).status).toBe(201);
  });

  it("lets students mark their homework done and the teacher check it with a comment; lists a student's and a child's homework", async () => {
    const s = await journalSchool(t, { lessons: 3 });
    const [first, second] = s.lessons.map((l) => l.id) as [string, string];
    const hw = (await s.teacher.client.post(`/api/v1/lessons/${first}/homework`, { text: "Упр. 5", fileIds: [], dueLessonId: second }))
      .body;
    const boris = await studentAccount(t, s.schoolId, s.students[0]?.id as string);
    const done = await boris.client.put(`/api/v1/homework/${hw.id}/done`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      student: { displayName: "Алексеев Борис" },
      doneAt: expect.stringMatching(/^2026-11-09T09:/),
      checkedAt: null,
    });

    const checked = await s.teacher.client.put(`/api/v1/homework/${hw.id}/students/${s.students[0]?.id}/check`, {
      checked: true,
      comment: "Молодец",
    });
    expect(checked.body).toMatchObject({ checkedBy: { userId: s.teacher.user.id }, comment: "Молодец" });
    const list = (await s.teacher.client.get(`/api/v1/lessons/${first}`)).body.homework[0].students;
    expect(list.map((st: { doneAt: string | null; checkedAt: string | null }) => [Boolean(st.doneAt), Boolean(st.checkedAt)])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    expect((await boris.client.get(`/api/v1/lessons/${first}`)).body.homework[0].students).toHaveLength(1);

    const mine = await boris.client.get("/api/v1/homework?from=2026-11-09&to=2026-11-15");
    expect(mine.body).toMatchObject({
      student: { id: s.students[0]?.id, displayName: "Алексеев Борис" },
      canMarkDone: true,
      items: [{ id: hw.id, subject: { name: "Математика" }, dueOn: "2026-11-10", text: "Упр. 5", teacherComment: "Молодец" }],
    });
    const parent = await parentAccount(t, s.schoolId, [s.students[1]?.id as string]);
    const child = await parent.client.get(`/api/v1/homework?from=2026-11-09&to=2026-11-15&studentId=${s.students[1]?.id}`);
    expect(child.body).toMatchObject({ student: { displayName: "Белова Вера" }, canMarkDone: false, items: [{ id: hw.id, doneAt: null }] });
    expect((await parent.client.get("/api/v1/homework?from=2026-11-09&to=2026-11-15")).status).toBe(400);
    expect((await parent.client.get(`/api/v1/homework?from=2026-11-09&to=2026-11-15&studentId=${s.students[0]?.id}`)).status).toBe(404);
    expect((await boris.client.get("/api/v1/homework?from=2026-11-09&to=2027-01-15")).status).toBe(400);
    expect((await boris.client.get("/api/v1/homework?from=2026-11-15&to=2026-11-09")).status).toBe(400);

    // Not one of the homework's students: 404, nothing stored.
    const class6 = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const outsider = await studentAccount(t, s.schoolId, (await buildStudent(t.db, { schoolId: s.schoolId, classId: class6.id })).id);
    expect((await outsider.client.put(`/api/v1/homework/${hw.id}/done`, { done: true })).status).toBe(404);
    const foreign = await s.teacher.client.put(
      `/api/v1/homework/${hw.id}/students/${(await buildStudent(t.db, { schoolId: s.schoolId })).id}/check`,
      {
        checked: true,
        comment: "",
      },
    );
    expect(foreign.status).toBe(404);
    expect((await eventsOf(t.db, s.schoolId, "homework_status", `${hw.id}:${s.students[0]?.id}`)).map((e) => e.action)).toEqual([
      "mark_done",
      "check",
    ]);
  });
});
