import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import { buildPlan, parentAccount, studentAccount } from "../../../test/lessons-factories.ts";
import { buildAssignment, buildClass, buildGroup, buildStudent, buildSubject, eventsOf, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

describe.each(DATABASES)("lesson page and topics on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock("2026-11-10T09:00:00Z");
  });
  afterAll(async () => t?.close());

  it("shows the journal's teacher the lesson, plan rows to pick and later lessons; sets a topic from the plan and by typing, audited", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const [first, second] = s.lessons as [{ id: string }, { id: string }];
    const plan = await buildPlan(t.db, {
      schoolId: s.schoolId,
      teacherId: s.teacher.user.id,
      subjectId: s.maths.id,
      classId: s.class5a.id,
      topics: ["Натуральные числа", "Сложение", "Вычитание"],
    });
    const page = await s.teacher.client.get(`/api/v1/lessons/${first.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      view: "full",
      lesson: {
        id: first.id,
        date: "2026-11-09",
        class: { id: s.class5a.id, name: "5А" },
        subject: { id: s.maths.id, name: "Математика" },
        teacher: { userId: s.teacher.user.id, displayName: "Смирнов Андрей" },
        topic: "",
        planItem: null,
        version: 1,
      },
      homework: [],
      homeworkDue: [],
      previousLesson: null,
      nextLesson: { id: second.id, date: "2026-11-10" },
      homeworkLimitMinutes: 120,
      abilities: { editTopic: true, editHomework: true, checkHomework: true, markDone: false },
      today: "2026-11-10",
    });
    expect(page.body.planItems.map((i: { number: number; usedOn: string | null }) => [i.number, i.usedOn])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
    expect(page.body.laterLessons.map((l: { date: string }) => l.date)).toEqual(["2026-11-10", "2026-11-11", "2026-11-12"]);

    const picked = await s.teacher.client.put(`/api/v1/lessons/${first.id}/topic`, { planItemId: plan.items[0]?.id, version: 1 });
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({
      topic: "Натуральные числа",
      planItem: { id: plan.items[0]?.id, planId: plan.id, number: 1, planName: "Математика, 5 класс" },
      version: 2,
    });
    const again = await s.teacher.client.get(`/api/v1/lessons/${second.id}`);
    expect(again.body.planItems[0]).toMatchObject({ number: 1, usedOn: "2026-11-09" });

    const typed = await s.teacher.client.put(`/api/v1/lessons/${first.id}/topic`, { topic: "  Числа и нуль ", version: 2 });
    expect(typed.body).toMatchObject({ topic: "Числа и нуль", planItem: null, version: 3 });
    expect(await eventsOf(t.db, s.schoolId, "lesson", first.id)).toEqual([
      expect.objectContaining({
        action: "set_topic",
        actor_user_id: s.teacher.user.id,
        before: { topic: "", planItemId: null },
        after: { topic: "Натуральные числа", planItemId: plan.items[0]?.id },
      }),
      expect.objectContaining({ action: "set_topic", after: { topic: "Числа и нуль", planItemId: null } }),
    ]);
  });

  it("refuses a stale version (409 with the current lesson), a plan row of another subject and bad input, changing nothing", async () => {
    const s = await journalSchool(t);
    const lessonId = s.lessons[0]?.id as string;
    const russian = await buildSubject(t.db, { schoolId: s.schoolId, name: "Русский язык" });
    const other = await buildPlan(t.db, {
      schoolId: s.schoolId,
      teacherId: s.teacher.user.id,
      subjectId: russian.id,
      topics: ["Фонетика"],
    });
    await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "Первая", version: 1 });

    const stale = await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "Вторая", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", details: { current: { topic: "Первая", version: 2 } } });

    const wrongPlan = await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { planItemId: other.items[0]?.id, version: 2 });
    expect(wrongPlan.status).toBe(400);
    expect(wrongPlan.body.error.issues[0]).toMatchObject({ path: ["body", "planItemId"], code: "plan_item_not_available" });

    const both = await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, {
      planItemId: other.items[0]?.id,
      topic: "x",
      version: 2,
    });
    expect(both.status).toBe(400);
    const long = await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "т".repeat(501), version: 2 });
    expect(long.status).toBe(400);

    const page = await s.teacher.client.get(`/api/v1/lessons/${lessonId}`);
    expect(page.body.lesson).toMatchObject({ topic: "Первая", version: 2 });
    expect(await eventsOf(t.db, s.schoolId, "lesson", lessonId)).toHaveLength(1);
  });

  it("lets the class's students and parents read a reduced view; other teachers, students and parents get 404", async () => {
    const s = await journalSchool(t);
    const lessonId = s.lessons[0]?.id as string;
    await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "Дроби", version: 1 });
    const student = await studentAccount(t, s.schoolId, s.students[0]?.id as string);
    const parent = await parentAccount(t, s.schoolId, [s.students[1]?.id as string]);

    for (const reader of [student, parent]) {
      const r = await reader.client.get(`/api/v1/lessons/${lessonId}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ view: "reduced", lesson: { topic: "Дроби" }, planItems: [], laterLessons: [] });
    }
    expect((await student.client.get(`/api/v1/lessons/${lessonId}`)).body.abilities).toEqual({
      editTopic: false,
      editHomework: false,
      checkHomework: false,
      markDone: true,
    });

    const class6b = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const outsider = await buildStudent(t.db, { schoolId: s.schoolId, lastName: "Чужой", classId: class6b.id });
    const otherStudent = await studentAccount(t, s.schoolId, outsider.id);
    const otherParent = await parentAccount(t, s.schoolId, [outsider.id]);
    const otherTeacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Другой" });
    for (const reader of [otherStudent, otherParent, otherTeacher]) {
      expect((await reader.client.get(`/api/v1/lessons/${lessonId}`)).status).toBe(404);
    }
    expect((await otherTeacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "x", version: 2 })).status).toBe(404);
    expect((await student.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "x", version: 2 })).status).toBe(403);
  });

  it("gives the class teacher a read-only full view, lets a substitute and the admin edit, and refuses a cancelled lesson", async () => {
    const s = await journalSchool(t);
    const lessonId = s.lessons[0]?.id as string;
    const classTeacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Классная" });
    await t.db.execute(sql`update classes set class_teacher_id = ${classTeacher.user.id} where id = ${s.class5a.id}`);
    const ct = await classTeacher.client.get(`/api/v1/lessons/${lessonId}`);
    expect(ct.body).toMatchObject({ view: "full", abilities: { editTopic: false, editHomework: false } });
    expect((await classTeacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "x", version: 1 })).status).toBe(403);

    const substitute = await signedIn(t, s.schoolId, "teacher", { lastName: "Заменяющий" });
    await t.db.execute(sql`update lessons set substitute_teacher_id = ${substitute.user.id} where id = ${lessonId}`);
    const sub = await substitute.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "На замене", version: 1 });
    expect(sub.status).toBe(200);
    expect(sub.body.substitute).toEqual({ userId: substitute.user.id, displayName: "Заменяющий Иван" });
    expect((await s.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "Админ", version: 2 })).status).toBe(200);

    await t.db.execute(sql`update lessons set status = 'cancelled' where id = ${lessonId}`);
    const cancelled = await s.teacher.client.put(`/api/v1/lessons/${lessonId}/topic`, { topic: "y", version: 3 });
    expect(cancelled.status).toBe(400);
    expect(cancelled.body.error.issues[0].code).toBe("lesson_cancelled");
  });

  it("scopes a subgroup lesson to the subgroup's teacher and students", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const group = await buildGroup(t.db, { schoolId: s.schoolId, classId: s.class5a.id, name: "1 группа" });
    const english = await buildSubject(t.db, { schoolId: s.schoolId, name: "Английский язык" });
    const teacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Англичанка" });
    await buildAssignment(t.db, {
      schoolId: s.schoolId,
      teacherId: teacher.user.id,
      classId: s.class5a.id,
      subjectId: english.id,
      groupId: group.id,
    });
    const inGroup = await buildStudent(t.db, { schoolId: s.schoolId, lastName: "Групповой", classId: s.class5a.id, groupId: group.id });
    const lesson = await buildLesson(t.db, {
      schoolId: s.schoolId,
      yearId: s.yearId,
      periodId: s.period.id,
      classId: s.class5a.id,
      subjectId: english.id,
      teacherId: teacher.user.id,
      groupId: group.id,
      date: "2026-11-09",
    });
    expect((await teacher.client.get(`/api/v1/lessons/${lesson.id}`)).body).toMatchObject({
      lesson: { group: { id: group.id, name: "1 группа" } },
      abilities: { editTopic: true },
    });
    expect((await (await studentAccount(t, s.schoolId, inGroup.id)).client.get(`/api/v1/lessons/${lesson.id}`)).status).toBe(200);
    const notInGroup = await studentAccount(t, s.schoolId, s.students[0]?.id as string);
    expect((await notInGroup.client.get(`/api/v1/lessons/${lesson.id}`)).status).toBe(404);
  });
});
