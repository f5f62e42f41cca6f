import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool, buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp, TestClient } from "../../../test/harness.ts";
import { buildAssignment, buildClass, buildStudent, buildSubject, schoolWithAdmin, signedIn } from "../../../test/people-factories.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

async function linkGuardian(db: Db, o: { schoolId: string; parentId: string; personId: string; confirmed?: boolean; archived?: boolean }) {
  const confirmedAt = o.confirmed === false ? null : new Date().toISOString();
  await db.execute(sql`
    insert into guardianships (school_id, parent_user_id, person_id, relation, confirmed_at, archived_at)
    values (${o.schoolId}, ${o.parentId}, ${o.personId}, 'mother', ${confirmedAt}, ${o.archived ? new Date().toISOString() : null})`);
}

const stepsOf = (body: { steps: { key: string; done: boolean; count: number; total: number | null }[] }) =>
  Object.fromEntries(body.steps.map((s) => [s.key, { done: s.done, count: s.count, total: s.total }]));

describe.each(DATABASES)("home pages on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  /** Fills every step of the checklist for a school; returns what it made. */
  async function buildSetUpSchool(schoolId: string, yearId: string) {
    await t.db.execute(sql`update schools set address = 'г. Ярославль, ул. Свободы, д. 1' where id = ${schoolId}`);
    await t.db.execute(sql`
      insert into periods (school_id, academic_year_id, kind, number, name, starts_on, ends_on, grade_from, grade_to) values
        (${schoolId}, ${yearId}, 'quarter', 1, '1 четверть', '2026-09-01', '2026-10-24', 1, 9),
        (${schoolId}, ${yearId}, 'half_year', 1, '1 полугодие', '2026-09-01', '2026-12-27', 10, 11)`);
    await t.db.execute(sql`
      insert into holidays (school_id, academic_year_id, name, starts_on, ends_on)
      values (${schoolId}, ${yearId}, 'Осенние каникулы', '2026-10-25', '2026-11-02')`);
    const teacher = await buildUser(t.db, { schoolId, role: "teacher", lastName: "Смирнов", firstName: "Андрей" });
    const maths = await buildSubject(t.db, { schoolId, name: "Математика" });
    const c5a = await buildClass(t.db, { schoolId, yearId, grade: 5, letter: "А", classTeacherId: teacher.id });
    const student = await buildStudent(t.db, { schoolId, classId: c5a.id, lastName: "Кузнецов", firstName: "Артём" });
    const parent = await buildUser(t.db, { schoolId, role: "parent", lastName: "Кузнецова", firstName: "Елена" });
    await linkGuardian(t.db, { schoolId, parentId: parent.id, personId: student.id });
    await buildAssignment(t.db, { schoolId, teacherId: teacher.id, classId: c5a.id, subjectId: maths.id });
    return { teacher, maths, c5a, student, parent };
  }

  it("gives the admin the setup checklist of their school, step by step, ignoring other schools", async () => {
    const s = await schoolWithAdmin(t);
    // Another school, fully set up: none of it may count for the first one.
    const other = await buildSchool(t.db);
    await buildSetUpSchool(other.schoolId, other.yearId);

    const fresh = await s.client.get("/api/v1/home/setup");
    expect(fresh.status).toBe(200);
    expect(fresh.body.currentYear).toEqual({ id: s.yearId, name: "2026/2027", startsOn: "2026-09-01", endsOn: "2027-05-26" });
    expect(fresh.body.steps.map((x: { key: string }) => x.key)).toEqual([
      "schoolProfile",
      "academicYear",
      "periods",
      "holidays",
      "subjects",
      "classes",
      "classTeachers",
      "staff",
      "students",
      "guardians",
      "teaching",
    ]);
    expect(stepsOf(fresh.body)).toEqual({
      schoolProfile: { done: false, count: 4, total: 5 }, // no address yet
      academicYear: { done: true, count: 1, total: null },
      periods: { done: false, count: 0, total: 11 },
      holidays: { done: false, count: 0, total: null },
      subjects: { done: false, count: 0, total: null },
      classes: { done: false, count: 0, total: null },
      classTeachers: { done: false, count: 0, total: 0 },
      staff: { done: false, count: 0, total: null },
      students: { done: false, count: 0, total: null },
      guardians: { done: false, count: 0, total: 0 },
      teaching: { done: false, count: 0, total: 0 },
    });
    expect(fresh.body).toMatchObject({ doneCount: 1, nextStep: "schoolProfile" });

    const made = await buildSetUpSchool(s.schoolId, s.yearId);
    const ready = await s.client.get("/api/v1/home/setup");
    expect(ready.body.steps.filter((x: { done: boolean }) => !x.done)).toEqual([]);
    expect(ready.body).toMatchObject({ doneCount: 11, nextStep: null });

    // A second class, with no class teacher, no teaching and a student with no guardian.
    const c6b = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    await buildStudent(t.db, { schoolId: s.schoolId, classId: c6b.id });
    // A class of last year does not count.
    const lastYear = await t.db.one<{ id: string }>(sql`
      insert into academic_years (school_id, name, starts_on, ends_on) values (${s.schoolId}, '2025/2026', '2025-09-01', '2026-05-26') returning id`);
    await buildClass(t.db, { schoolId: s.schoolId, yearId: lastYear.id, grade: 4, letter: "А", classTeacherId: made.teacher.id });
    const partial = await s.client.get("/api/v1/home/setup");
    expect(stepsOf(partial.body)).toMatchObject({
      classes: { done: true, count: 2 },
      classTeachers: { done: false, count: 1, total: 2 },
      students: { done: true, count: 2 },
      guardians: { done: false, count: 1, total: 2 },
      teaching: { done: false, count: 1, total: 2 },
    });
    expect(partial.body).toMatchObject({ doneCount: 8, nextStep: "classTeachers" });
  });

  it("shows no current year (and the steps of the year undone) when today is outside every year", async () => {
    const s = await schoolWithAdmin(t);
    await buildSetUpSchool(s.schoolId, s.yearId);
    await t.db.execute(sql`update academic_years set starts_on = '2024-09-01', ends_on = '2025-05-26' where id = ${s.yearId}`);
    const r = await s.client.get("/api/v1/home/setup");
    expect(r.body.currentYear).toBeNull();
    expect(stepsOf(r.body)).toMatchObject({
      academicYear: { done: false, count: 0 },
      periods: { done: false, count: 0 },
      classes: { done: false, count: 0 },
      subjects: { done: true, count: 1 },
    });
    expect(r.body.nextStep).toBe("academicYear");
  });

  it("counts today's students in each class a teacher teaches or leads, and no other", async () => {
    const s = await schoolWithAdmin(t);
    const teacher = await signedIn(t, s.schoolId, "teacher");
    const colleague = await buildUser(t.db, { schoolId: s.schoolId, role: "teacher" });
    const maths = await buildSubject(t.db, { schoolId: s.schoolId });
    const taught = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "А" });
    const led = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б", classTeacherId: teacher.user.id });
    const notMine = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 7, letter: "В" });
    await buildAssignment(t.db, { schoolId: s.schoolId, teacherId: teacher.user.id, classId: taught.id, subjectId: maths.id });
    await buildAssignment(t.db, { schoolId: s.schoolId, teacherId: colleague.id, classId: notMine.id, subjectId: maths.id });
    for (const lastName of ["Андреев", "Борисов"]) await buildStudent(t.db, { schoolId: s.schoolId, classId: taught.id, lastName });
    const left = await buildStudent(t.db, { schoolId: s.schoolId, classId: taught.id });
    await t.db.execute(sql`update enrolments set ends_on = '2026-09-30' where person_id = ${left.id}`);
    await buildStudent(t.db, { schoolId: s.schoolId, classId: notMine.id });

    const r = await teacher.client.get("/api/v1/me/class-sizes");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      items: [
        { classId: taught.id, studentCount: 2 },
        { classId: led.id, studentCount: 0 },
      ],
    });
  });

  it("lists a parent's own confirmed children across schools, with class and class teacher, and nobody else's", async () => {
    const a = await schoolWithAdmin(t);
    const b = await buildSchool(t.db, { shortName: "Гимназия № 2" });
    const classTeacher = await buildUser(t.db, { schoolId: a.schoolId, role: "teacher", lastName: "Смирнов", firstName: "Андрей" });
    const c5a = await buildClass(t.db, { schoolId: a.schoolId, yearId: a.yearId, grade: 5, letter: "А", classTeacherId: classTeacher.id });
    const c2b = await buildClass(t.db, { schoolId: b.schoolId, yearId: b.yearId, grade: 2, letter: "Б" });
    const parent = await signedIn(t, a.schoolId, "parent", { lastName: "Кузнецова", firstName: "Елена" });
    await t.db.execute(sql`insert into memberships (school_id, user_id, role) values (${b.schoolId}, ${parent.user.id}, 'parent')`);

    const son = await buildStudent(t.db, { schoolId: a.schoolId, classId: c5a.id, lastName: "Кузнецов", firstName: "Артём" });
    const daughter = await buildStudent(t.db, { schoolId: b.schoolId, classId: c2b.id, lastName: "Кузнецова", firstName: "Алиса" });
    const notEnrolled = await buildStudent(t.db, { schoolId: a.schoolId, lastName: "Кузнецов", firstName: "Борис" });
    const unconfirmed = await buildStudent(t.db, {
      schoolId: a.schoolId,
      classId: c5a.id,
      lastName: "Чужой",
      firstName: "Неподтверждённый",
    });
    const unlinked = await buildStudent(t.db, { schoolId: a.schoolId, classId: c5a.id, lastName: "Бывший", firstName: "Отвязанный" });
    const someoneElses = await buildStudent(t.db, { schoolId: a.schoolId, classId: c5a.id, lastName: "Другой", firstName: "Ребёнок" });
    const otherParent = await signedIn(t, a.schoolId, "parent");
    for (const personId of [son.id, notEnrolled.id]) await linkGuardian(t.db, { schoolId: a.schoolId, parentId: parent.user.id, personId });
    await linkGuardian(t.db, { schoolId: b.schoolId, parentId: parent.user.id, personId: daughter.id });
    await linkGuardian(t.db, { schoolId: a.schoolId, parentId: parent.user.id, personId: unconfirmed.id, confirmed: false });
    await linkGuardian(t.db, { schoolId: a.schoolId, parentId: parent.user.id, personId: unlinked.id, archived: true });
    await linkGuardian(t.db, { schoolId: a.schoolId, parentId: otherParent.user.id, personId: someoneElses.id });

    const r = await parent.client.get("/api/v1/me/children");
    expect(r.status).toBe(200);
    const schoolA = await t.db.one<{ short_name: string }>(sql`select short_name from schools where id = ${a.schoolId}`);
    expect(r.body.children).toEqual([
      {
        personId: son.id,
        displayName: "Кузнецов Артём",
        school: { id: a.schoolId, shortName: schoolA.short_name, address: "" },
        class: { id: c5a.id, name: "5А" },
        classTeacher: { userId: classTeacher.id, displayName: "Смирнов Андрей" },
        relation: "mother",
      },
      {
        personId: notEnrolled.id,
        displayName: "Кузнецов Борис",
        school: { id: a.schoolId, shortName: schoolA.short_name, address: "" },
        class: null,
        classTeacher: null,
        relation: "mother",
      },
      {
        personId: daughter.id,
        displayName: "Кузнецова Алиса",
        school: { id: b.schoolId, shortName: "Гимназия № 2", address: "" },
        class: { id: c2b.id, name: "2Б" },
        classTeacher: null,
        relation: "mother",
      },
    ]);
    expect(r.body.schools.map((x: { id: string }) => x.id).sort()).toEqual([a.schoolId, b.schoolId].sort());

    const theirs = await otherParent.client.get("/api/v1/me/children");
    expect(theirs.body.children.map((c: { personId: string }) => c.personId)).toEqual([someoneElses.id]);
  });

  it("gives a parent with no children, and a user with no school, an empty list and whom to ask", async () => {
    const s = await schoolWithAdmin(t);
    await t.db.execute(sql`update schools set address = 'г. Ярославль, ул. Свободы, д. 1' where id = ${s.schoolId}`);
    const parent = await signedIn(t, s.schoolId, "parent");
    const r = await parent.client.get("/api/v1/me/children");
    expect(r.status).toBe(200);
    expect(r.body.children).toEqual([]);
    expect(r.body.schools).toEqual([expect.objectContaining({ id: s.schoolId, address: "г. Ярославль, ул. Свободы, д. 1" })]);

    const newcomer = await buildUser(t.db);
    const client = new TestClient(t);
    await client.signIn(newcomer.login, newcomer.password);
    expect(await client.get("/api/v1/me/children")).toMatchObject({ status: 200, body: { children: [], schools: [] } });
  });

  it("shows a student their own class, class teacher and school; a student account with no record is not found", async () => {
    const s = await schoolWithAdmin(t);
    const classTeacher = await buildUser(t.db, { schoolId: s.schoolId, role: "teacher", lastName: "Смирнов", firstName: "Андрей" });
    const c5a = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "А", classTeacherId: classTeacher.id });
    const student = await signedIn(t, s.schoolId, "student", { lastName: "Кузнецов", firstName: "Артём" });
    const person = await buildStudent(t.db, { schoolId: s.schoolId, classId: c5a.id, lastName: "Кузнецов", firstName: "Артём" });
    await buildStudent(t.db, { schoolId: s.schoolId, classId: c5a.id, lastName: "Сосед", firstName: "По парте" });
    await t.db.execute(sql`update people set user_id = ${student.user.id} where school_id = ${s.schoolId} and id = ${person.id}`);

    const r = await student.client.get("/api/v1/me/student");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      personId: person.id,
      displayName: "Кузнецов Артём",
      school: { id: s.schoolId },
      class: { id: c5a.id, name: "5А" },
      classTeacher: { userId: classTeacher.id, displayName: "Смирнов Андрей" },
    });
    expect(r.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const unlinked = await signedIn(t, s.schoolId, "student");
    expect((await unlinked.client.get("/api/v1/me/student")).status).toBe(404);
  });

  it("refuses the other roles", async () => {
    const s = await schoolWithAdmin(t);
    const teacher = await signedIn(t, s.schoolId, "teacher");
    const parent = await signedIn(t, s.schoolId, "parent");
    const student = await signedIn(t, s.schoolId, "student");
    for (const who of [teacher, parent, student]) expect((await who.client.get("/api/v1/home/setup")).status).toBe(403);
    for (const c of [s.client, parent.client, student.client]) expect((await c.get("/api/v1/me/class-sizes")).status).toBe(403);
    for (const c of [s.client, teacher.client, parent.client]) expect((await c.get("/api/v1/me/student")).status).toBe(403);
    expect((await new TestClient(t).get("/api/v1/me/children")).status).toBe(401);
  });
});
