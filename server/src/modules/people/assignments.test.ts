import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import {
  buildAssignment,
  buildClass,
  buildGroup,
  buildStudent,
  buildSubject,
  countRows,
  eventsOf,
  schoolWithAdmin,
  signedIn,
} from "../../../test/people-factories.ts";

describe.each(DATABASES)("teaching assignments and rosters on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  async function setUp() {
    const s = await schoolWithAdmin(t);
    const teacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Смирнов", firstName: "Андрей" });
    const class5a = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "А" });
    const class6b = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const group = await buildGroup(t.db, { schoolId: s.schoolId, classId: class5a.id, name: "1 группа" });
    const maths = await buildSubject(t.db, { schoolId: s.schoolId, name: "Математика" });
    const english = await buildSubject(t.db, { schoolId: s.schoolId, name: "Английский язык" });
    return { ...s, teacher, class5a, class6b, group, maths, english };
  }

  it("assigns a teacher to a class and to a subgroup, lists by class and by teacher, archives, audits", async () => {
    const { schoolId, admin, client, teacher, class5a, group, maths, english } = await setUp();
    const whole = await client.post("/api/v1/teaching-assignments", {
      teacherId: teacher.user.id,
      classId: class5a.id,
      subjectId: maths.id,
    });
    expect(whole.status).toBe(201);
    expect(whole.body).toMatchObject({
      teacher: { userId: teacher.user.id, displayName: "Смирнов Андрей" },
      class: { id: class5a.id, name: "5А" },
      group: null,
      subject: { id: maths.id, name: "Математика" },
      archived: false,
      abilities: { archive: true },
    });
    const sub = await client.post("/api/v1/teaching-assignments", {
      teacherId: teacher.user.id,
      classId: class5a.id,
      groupId: group.id,
      subjectId: english.id,
    });
    expect(sub.status).toBe(201);
    expect(sub.body.group).toEqual(group);
    expect(await eventsOf(t.db, schoolId, "teaching_assignment", whole.body.id)).toEqual([
      expect.objectContaining({
        action: "create",
        actor_user_id: admin.id,
        after: expect.objectContaining({ subjectId: maths.id, groupId: null }),
      }),
    ]);

    const byClass = await client.get(`/api/v1/teaching-assignments?classId=${class5a.id}`);
    expect(byClass.body.items.map((a: { subject: { name: string } }) => a.subject.name)).toEqual(["Английский язык", "Математика"]);
    expect((await client.get(`/api/v1/teaching-assignments?teacherId=${teacher.user.id}`)).body.items).toHaveLength(2);
    expect((await client.get(`/api/v1/teaching-assignments?teacherId=${admin.id}`)).body.items).toHaveLength(0);

    const mine = await teacher.client.get("/api/v1/me/teaching");
    expect(mine.status).toBe(200);
    expect(mine.body.assignments).toHaveLength(2);
    expect(mine.body.assignments[0].abilities.archive).toBe(false);
    expect(mine.body.classesLed).toEqual([]);

    const archived = await client.post(`/api/v1/teaching-assignments/${whole.body.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ archived: true, abilities: { archive: false } });
    expect((await client.post(`/api/v1/teaching-assignments/${whole.body.id}/archive`)).status).toBe(409);
    expect((await client.get(`/api/v1/teaching-assignments?classId=${class5a.id}`)).body.items).toHaveLength(1);
    expect((await client.get(`/api/v1/teaching-assignments?classId=${class5a.id}&includeArchived=true`)).body.items).toHaveLength(2);
    // After archiving, the same assignment may be made again.
    expect(
      (await client.post("/api/v1/teaching-assignments", { teacherId: teacher.user.id, classId: class5a.id, subjectId: maths.id })).status,
    ).toBe(201);
  });

  it("refuses non-teachers, foreign or archived classes, groups and subjects, and duplicates, changing nothing", async () => {
    const { schoolId, yearId, admin, client, teacher, class5a, class6b, group, maths } = await setUp();
    await client.post("/api/v1/teaching-assignments", {
      teacherId: teacher.user.id,
      classId: class5a.id,
      groupId: group.id,
      subjectId: maths.id,
    });
    const before = await countRows(t.db, "teaching_assignments", schoolId);
    const oldSubject = await buildSubject(t.db, { schoolId, name: "Черчение", archived: true });
    const oldClass = await buildClass(t.db, { schoolId, yearId, grade: 9, letter: "Я", archived: true });
    const other = await schoolWithAdmin(t);
    const foreignTeacher = await buildUser(t.db, { schoolId: other.schoolId, role: "teacher" });
    const foreignSubject = await buildSubject(t.db, { schoolId: other.schoolId });
    const post = (body: Record<string, unknown>) =>
      client.post("/api/v1/teaching-assignments", { teacherId: teacher.user.id, classId: class5a.id, subjectId: maths.id, ...body });

    const notTeacher = await post({ teacherId: admin.id });
    expect(notTeacher.status).toBe(400);
    expect(notTeacher.body.error.issues[0]).toMatchObject({ path: ["body", "teacherId"], code: "not_a_teacher" });
    expect((await post({ teacherId: foreignTeacher.id })).status).toBe(404);
    expect((await post({ subjectId: foreignSubject.id })).status).toBe(404);
    expect((await post({ subjectId: oldSubject.id })).body.error.issues[0].code).toBe("subject_archived");
    expect((await post({ classId: oldClass.id })).body.error.issues[0].code).toBe("class_archived");
    const wrongGroup = await post({ classId: class6b.id, groupId: group.id });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.error.issues[0]).toMatchObject({ path: ["body", "groupId"], code: "group_not_in_class" });
    const dup = await post({ groupId: group.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.reason).toBe("duplicate_assignment");
    expect(await countRows(t.db, "teaching_assignments", schoolId)).toBe(before);

    // Other schools and other roles.
    const mineInA = (await client.get("/api/v1/teaching-assignments")).body.items[0].id;
    expect((await other.client.post(`/api/v1/teaching-assignments/${mineInA}/archive`)).status).toBe(404);
    expect((await other.client.get("/api/v1/teaching-assignments")).body.items).toEqual([]);
    expect((await teacher.client.get("/api/v1/teaching-assignments")).status).toBe(403);
    expect(
      (await teacher.client.post("/api/v1/teaching-assignments", { teacherId: teacher.user.id, classId: class6b.id, subjectId: maths.id }))
        .status,
    ).toBe(403);
    const parent = await signedIn(t, schoolId, "parent");
    expect((await parent.client.get("/api/v1/me/teaching")).status).toBe(403);
  });

  it("lets a teacher read the rosters of classes they teach or lead, and no other", async () => {
    const { schoolId, yearId, teacher, class5a, class6b, group, maths } = await setUp();
    const led = await buildClass(t.db, { schoolId, yearId, grade: 8, letter: "В", classTeacherId: teacher.user.id });
    await buildAssignment(t.db, { schoolId, teacherId: teacher.user.id, classId: class5a.id, groupId: group.id, subjectId: maths.id });
    await buildStudent(t.db, { schoolId, lastName: "Яковлев", classId: class5a.id });
    await buildStudent(t.db, { schoolId, lastName: "Абрамова", classId: class5a.id, groupId: group.id });
    await buildStudent(t.db, { schoolId, lastName: "Белов", classId: class6b.id });

    const taught = await teacher.client.get(`/api/v1/classes/${class5a.id}/roster`);
    expect(taught.status).toBe(200);
    // The whole class, though the teacher teaches only a subgroup of it.
    expect(taught.body.students.map((s: { displayName: string }) => s.displayName)).toEqual(["Абрамова Пётр", "Яковлев Пётр"]);
    expect(taught.body.students[0].group).toEqual(group);
    const ledRoster = await teacher.client.get(`/api/v1/classes/${led.id}/roster`);
    expect(ledRoster.status).toBe(200);
    expect(ledRoster.body.class.classTeacher).toEqual({ userId: teacher.user.id, displayName: "Смирнов Андрей" });
    expect((await teacher.client.get("/api/v1/me/teaching")).body.classesLed).toEqual([{ id: led.id, name: "8В" }]);

    const notMine = await teacher.client.get(`/api/v1/classes/${class6b.id}/roster`);
    expect(notMine.status).toBe(404);
    const other = await schoolWithAdmin(t);
    const foreign = await buildClass(t.db, { schoolId: other.schoolId, yearId: other.yearId });
    expect((await teacher.client.get(`/api/v1/classes/${foreign.id}/roster`)).status).toBe(404);
    for (const role of ["parent", "student"] as const) {
      const { client } = await signedIn(t, schoolId, role);
      expect((await client.get(`/api/v1/classes/${class5a.id}/roster`)).status).toBe(403);
    }
  });
});
