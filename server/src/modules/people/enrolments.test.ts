import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildClass, buildGroup, buildStudent, countRows, eventsOf, schoolWithAdmin, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

describe.each(DATABASES)("enrolments on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  async function setUp() {
    const s = await schoolWithAdmin(t);
    const classA = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "А" });
    const classB = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "Б" });
    const groupA = await buildGroup(t.db, { schoolId: s.schoolId, classId: classA.id, name: "Английский 1" });
    const groupB = await buildGroup(t.db, { schoolId: s.schoolId, classId: classB.id, name: "Английский 2" });
    const person = await buildStudent(t.db, { schoolId: s.schoolId, lastName: "Соколова", firstName: "Мария" });
    return { ...s, classA, classB, groupA, groupB, person };
  }

  it("enrols a student into a class and subgroup, shows them on the roster, and audits it", async () => {
    const { schoolId, admin, client, classA, groupA, person } = await setUp();
    const r = await client.post("/api/v1/enrolments", {
      studentId: person.id,
      classId: classA.id,
      groupId: groupA.id,
      startsOn: "2026-09-01",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      class: { id: classA.id, name: "5А" },
      group: groupA,
      startsOn: "2026-09-01",
      endsOn: null,
      abilities: { end: true, transfer: true },
    });
    expect(await eventsOf(t.db, schoolId, "enrolment", r.body.id)).toEqual([
      expect.objectContaining({
        action: "create",
        actor_user_id: admin.id,
        after: expect.objectContaining({ classId: classA.id, groupId: groupA.id }),
      }),
    ]);
    const roster = await client.get(`/api/v1/classes/${classA.id}/roster?date=2026-10-01`);
    expect(roster.status).toBe(200);
    expect(roster.body.students).toEqual([
      { personId: person.id, displayName: "Соколова Мария", group: groupA, startsOn: "2026-09-01", endsOn: null },
    ]);
    expect(roster.body.class).toMatchObject({ name: "5А", grade: 5, letter: "А", groups: [groupA] });
    // Default date is today; the enrolment is open-ended, so the student is there.
    expect((await client.get(`/api/v1/classes/${classA.id}/roster`)).body.students).toHaveLength(1);
    expect((await client.get(`/api/v1/classes/${classA.id}/roster?date=2026-08-31`)).body.students).toHaveLength(0);
    expect((await client.get(`/api/v1/students/${person.id}`)).body.enrolments).toHaveLength(1);
  });

  it("refuses a group of another class, an archived class or group, a date outside the year and an overlap, changing nothing", async () => {
    const { schoolId, yearId, client, classA, groupB, person } = await setUp();
    const archivedClass = await buildClass(t.db, { schoolId, yearId, grade: 6, letter: "В", archived: true });
    const archivedGroup = await buildGroup(t.db, { schoolId, classId: classA.id, name: "Старая", archived: true });
    expect((await client.post("/api/v1/enrolments", { studentId: person.id, classId: classA.id, startsOn: "2026-09-01" })).status).toBe(
      201,
    );
    const enrolments = await countRows(t.db, "enrolments", schoolId);
    const events = (await t.db.one<{ n: number }>(sql`select count(*) as n from events where school_id = ${schoolId}`)).n;
    const other = await buildStudent(t.db, { schoolId });
    const enrol = (body: Record<string, unknown>) =>
      client.post("/api/v1/enrolments", { studentId: other.id, classId: classA.id, startsOn: "2026-09-01", ...body });

    const wrongGroup = await enrol({ groupId: groupB.id });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.error.issues[0]).toMatchObject({ path: ["body", "groupId"], code: "group_not_in_class" });
    expect((await enrol({ groupId: archivedGroup.id })).body.error.issues[0].code).toBe("group_archived");
    expect((await enrol({ classId: archivedClass.id })).body.error.issues[0]).toMatchObject({
      path: ["body", "classId"],
      code: "class_archived",
    });
    const outside = await enrol({ startsOn: "2027-06-15" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.issues[0].code).toBe("date_outside_year");
    expect((await enrol({ startsOn: "2026-02-30" })).status).toBe(400);

    // The first student is in 5А from 1 September, open-ended: a second class on any later date overlaps.
    const overlap = await client.post("/api/v1/enrolments", { studentId: person.id, classId: classA.id, startsOn: "2026-12-01" });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.issues[0]).toMatchObject({ path: ["body", "startsOn"], code: "overlapping_enrolment" });
    expect(overlap.body.error.message).toContain("5А");

    expect(await countRows(t.db, "enrolments", schoolId)).toBe(enrolments);
    expect((await t.db.one<{ n: number }>(sql`select count(*) as n from events where school_id = ${schoolId}`)).n).toBe(events);
  });

  it("transfers a student: the old enrolment ends the day before, the new one starts on the date", async () => {
    const { schoolId, client, classA, classB, groupB, person } = await setUp();
    const first = (await client.post("/api/v1/enrolments", { studentId: person.id, classId: classA.id, startsOn: "2026-09-01" })).body;
    const r = await client.post(`/api/v1/students/${person.id}/transfer`, { classId: classB.id, groupId: groupB.id, date: "2027-01-12" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ class: { name: "5Б" }, group: groupB, startsOn: "2027-01-12", endsOn: null });
    const card = (await client.get(`/api/v1/students/${person.id}`)).body;
    expect(
      card.enrolments.map((e: { class: { name: string }; startsOn: string; endsOn: string | null }) => [
        e.class.name,
        e.startsOn,
        e.endsOn,
      ]),
    ).toEqual([
      ["5Б", "2027-01-12", null],
      ["5А", "2026-09-01", "2027-01-11"],
    ]);
    expect(card.enrolments[1].abilities).toEqual({ end: false, transfer: false });
    const endEvent = (await eventsOf(t.db, schoolId, "enrolment", first.id)).find((e) => e.action === "end");
    expect(endEvent).toMatchObject({ reason: "transfer", before: { endsOn: null }, after: { endsOn: "2027-01-11" } });
    expect((await client.get(`/api/v1/classes/${classA.id}/roster?date=2027-01-11`)).body.students).toHaveLength(1);
    expect((await client.get(`/api/v1/classes/${classA.id}/roster?date=2027-01-12`)).body.students).toHaveLength(0);
    expect((await client.get(`/api/v1/classes/${classB.id}/roster?date=2027-01-12`)).body.students).toHaveLength(1);

    // Moving within a class between subgroups is a transfer too; moving to where they are is refused.
    const same = await client.post(`/api/v1/students/${person.id}/transfer`, {
      classId: classB.id,
      groupId: groupB.id,
      date: "2027-02-01",
    });
    expect(same.body.error.issues[0].code).toBe("same_class");
    expect((await client.post(`/api/v1/students/${person.id}/transfer`, { classId: classB.id, date: "2027-02-01" })).status).toBe(201);
    const firstDay = await client.post(`/api/v1/students/${person.id}/transfer`, { classId: classA.id, date: "2027-02-01" });
    expect(firstDay.body.error.issues[0].code).toBe("transfer_on_first_day");
    const nowhere = await client.post(`/api/v1/students/${(await buildStudent(t.db, { schoolId })).id}/transfer`, {
      classId: classA.id,
      date: "2027-02-01",
    });
    expect(nowhere.body.error.issues[0]).toMatchObject({ path: ["body", "date"], code: "no_current_enrolment" });
  });

  it("ends an enrolment on a date, once, and not before it began", async () => {
    const { schoolId, client, classA, person } = await setUp();
    const e = (await client.post("/api/v1/enrolments", { studentId: person.id, classId: classA.id, startsOn: "2026-09-01" })).body;
    const early = await client.post(`/api/v1/enrolments/${e.id}/end`, { endsOn: "2026-08-31" });
    expect(early.status).toBe(400);
    expect(early.body.error.issues[0].code).toBe("ends_before_start");
    const r = await client.post(`/api/v1/enrolments/${e.id}/end`, { endsOn: "2026-12-30" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ endsOn: "2026-12-30", abilities: { end: false } });
    expect((await client.post(`/api/v1/enrolments/${e.id}/end`, { endsOn: "2026-12-31" })).status).toBe(409);
    expect((await eventsOf(t.db, schoolId, "enrolment", e.id)).map((x) => x.action)).toEqual(["create", "end"]);
    // Once ended, the student can join another class after that date, but not before.
    expect((await client.post("/api/v1/enrolments", { studentId: person.id, classId: classA.id, startsOn: "2026-12-30" })).status).toBe(
      409,
    );
    expect((await client.post("/api/v1/enrolments", { studentId: person.id, classId: classA.id, startsOn: "2026-12-31" })).status).toBe(
      201,
    );
  });

  it("keeps enrolments inside the school: another school's ids are 404, other roles 403", async () => {
    const a = await setUp();
    const e = (await a.client.post("/api/v1/enrolments", { studentId: a.person.id, classId: a.classA.id, startsOn: "2026-09-01" })).body;
    const b = await setUp();
    expect(
      (await b.client.post("/api/v1/enrolments", { studentId: a.person.id, classId: b.classA.id, startsOn: "2026-09-01" })).status,
    ).toBe(404);
    expect(
      (await b.client.post("/api/v1/enrolments", { studentId: b.person.id, classId: a.classA.id, startsOn: "2026-09-01" })).status,
    ).toBe(404);
    const foreignGroup = await b.client.post("/api/v1/enrolments", {
      studentId: b.person.id,
      classId: b.classA.id,
      groupId: a.groupA.id,
      startsOn: "2026-09-01",
    });
    expect(foreignGroup.status).toBe(404);
    expect((await b.client.post(`/api/v1/enrolments/${e.id}/end`, { endsOn: "2026-12-01" })).status).toBe(404);
    expect((await b.client.post(`/api/v1/students/${a.person.id}/transfer`, { classId: b.classB.id, date: "2026-12-01" })).status).toBe(
      404,
    );
    expect((await b.client.get(`/api/v1/classes/${a.classA.id}/roster`)).status).toBe(404);
    expect(await countRows(t.db, "enrolments", b.schoolId)).toBe(0);

    const parent = await signedIn(t, a.schoolId, "parent");
    expect(
      (await parent.client.post("/api/v1/enrolments", { studentId: a.person.id, classId: a.classB.id, startsOn: "2026-09-01" })).status,
    ).toBe(403);
    expect((await parent.client.get(`/api/v1/classes/${a.classA.id}/roster`)).status).toBe(403);
  });
});
