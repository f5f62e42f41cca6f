import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool, buildUser } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildClass, buildGroup, buildSubject, eventsOf, signedIn } from "../../../test/people-factories.ts";
import { addEntry, timetableSchool, timetableSnapshot } from "../../../test/timetable-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const URL = "/api/v1/timetable/entries";

describe.each(DATABASES)("weekly timetable entries on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("adds, lists (by class, teacher, year), changes and archives entries, each audited", async () => {
    const s = await timetableSchool(t);
    const created = await s.client.post(URL, {
      classId: s.class5a.id,
      subjectId: s.maths.id,
      teacherId: s.smirnov.user.id,
      weekday: 1,
      lessonNumber: 2,
      room: " 214 ",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      academicYearId: s.yearId,
      class: { id: s.class5a.id, name: "5А" },
      group: null,
      subject: { id: s.maths.id, name: "Математика" },
      teacher: { id: s.smirnov.user.id, displayName: "Смирнов Андрей" },
      weekday: 1,
      lessonNumber: 2,
      room: "214",
      validFrom: "2026-09-01",
      validTo: "2027-05-26",
      archived: false,
      abilities: { edit: true, archive: true },
    });
    const id = created.body.id;
    await addEntry(s.client, { classId: s.class5b.id, subjectId: s.english.id, teacherId: s.orlova.user.id, weekday: 1, lessonNumber: 2 });

    const ids = async (query: string) => (await s.client.get(`${URL}?${query}`)).body.items.map((e: { id: string }) => e.id);
    expect(await ids(`classId=${s.class5a.id}`)).toEqual([id]);
    expect(await ids(`teacherId=${s.smirnov.user.id}`)).toEqual([id]);
    expect(await ids(`yearId=${s.yearId}`)).toHaveLength(2);
    expect((await s.client.get(URL)).status).toBe(400);
    // Teachers read the timetable but cannot change it.
    const teacherList = await s.smirnov.client.get(`${URL}?classId=${s.class5a.id}`);
    expect(teacherList.body.items[0].abilities).toEqual({ edit: false, archive: false });
    expect((await s.smirnov.client.post(URL, { classId: s.class5a.id })).status).toBe(403);

    const changed = await s.client.patch(`${URL}/${id}`, { room: "301", validTo: "2026-12-28" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ room: "301", validTo: "2026-12-28", lessonNumber: 2 });
    const archived = await s.client.post(`${URL}/${id}/archive`);
    expect(archived.body).toMatchObject({ archived: true, abilities: { edit: false, archive: false } });
    expect(await ids(`classId=${s.class5a.id}`)).toEqual([]);
    expect(await ids(`classId=${s.class5a.id}&includeArchived=true`)).toEqual([id]);
    expect((await s.client.patch(`${URL}/${id}`, { room: "1" })).status).toBe(409);

    const events = await eventsOf(t.db, s.schoolId, "timetable_entry", id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "archive"]);
    expect(events[1]).toMatchObject({ actor_user_id: s.admin.id, before: { room: "214" }, after: { room: "301", validTo: "2026-12-28" } });
  });

  it("refuses what does not belong to the school or is not active, with an issue per field, and changes nothing", async () => {
    const s = await timetableSchool(t);
    const other = await buildSchool(t.db);
    const foreignClass = await buildClass(t.db, { schoolId: other.schoolId, yearId: other.yearId });
    const archivedSubject = await buildSubject(t.db, { schoolId: s.schoolId, name: "Черчение", archived: true });
    const groupOf5b = await buildGroup(t.db, { schoolId: s.schoolId, classId: s.class5b.id });
    const parent = await buildUser(t.db, { schoolId: s.schoolId, role: "parent" });
    const archivedClass = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, letter: "В", archived: true });
    const ok = { classId: s.class5a.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id, weekday: 1, lessonNumber: 1 };
    const snapshot = await timetableSnapshot(t.db, s.schoolId);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ classId: foreignClass.id }, "classId", "not_found"],
      [{ classId: archivedClass.id }, "classId", "archived"],
      [{ subjectId: archivedSubject.id }, "subjectId", "archived"],
      [{ groupId: groupOf5b.id }, "groupId", "not_found"],
      [{ teacherId: parent.id }, "teacherId", "not_a_teacher"],
      [{ teacherId: s.admin.id }, "teacherId", "not_a_teacher"],
      [{ weekday: 6 }, "weekday", "outside_study_week"],
      [{ weekday: 7 }, "weekday", "too_big"],
      [{ lessonNumber: 11 }, "lessonNumber", "too_big"],
      [{ validFrom: "2026-08-31" }, "validFrom", "outside_year"],
      [{ validFrom: "2026-12-01", validTo: "2026-11-01" }, "validTo", "ends_before_start"],
      [{ room: "x".repeat(21) }, "room", "too_big"],
      [{ colour: "red" }, "", "unrecognized_keys"],
    ];
    for (const [patch, field, code] of cases) {
      const r = await s.client.post(URL, { ...ok, ...patch });
      expect(r.status, JSON.stringify(patch)).toBe(400);
      const issues = r.body.error.issues.map((i: { path: unknown[]; code: string }) => `${i.path.slice(1).join(".")} ${i.code}`);
      expect(issues, JSON.stringify(patch)).toContain(`${field} ${code}`);
    }
    expect(await timetableSnapshot(t.db, s.schoolId)).toEqual(snapshot);
    const foreign = await addEntry(s.client, ok);
    const otherAdmin = await signedIn(t, other.schoolId, "admin");
    expect((await otherAdmin.client.patch(`${URL}/${foreign}`, { room: "1" })).status).toBe(404);
    expect((await otherAdmin.client.post(`${URL}/${foreign}/archive`)).status).toBe(404);
  });

  it("allows Saturday once the school gives the grade a 6-day week", async () => {
    const s = await timetableSchool(t);
    const saturday = { classId: s.class5a.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id, weekday: 6, lessonNumber: 1 };
    expect((await s.client.post(URL, saturday)).status).toBe(400);
    const settings = (await s.client.get("/api/v1/school/settings")).body;
    const studyWeek = [
      { gradeFrom: 1, gradeTo: 4, days: 5 },
      { gradeFrom: 5, gradeTo: 11, days: 6 },
    ];
    const saved = await s.client.put("/api/v1/school/settings", {
      baseVersion: settings.version,
      settings: { ...settings.settings, studyWeek },
    });
    expect(saved.status).toBe(200);
    expect((await s.client.post(URL, saturday)).status).toBe(201);
  });

  it("refuses a teacher, a room or a class booked twice with 409 listing the conflicts; subgroups may share a slot", async () => {
    const s = await timetableSchool(t);
    const base = { weekday: 2, lessonNumber: 3 };
    const mathsA = await addEntry(s.client, {
      ...base,
      classId: s.class5a.id,
      subjectId: s.maths.id,
      teacherId: s.smirnov.user.id,
      room: "214",
    });
    const snapshot = await timetableSnapshot(t.db, s.schoolId);

    const teacherTwice = await s.client.post(URL, {
      ...base,
      classId: s.class5b.id,
      subjectId: s.maths.id,
      teacherId: s.smirnov.user.id,
      room: "215",
    });
    expect(teacherTwice.status).toBe(409);
    expect(teacherTwice.body.error.code).toBe("conflict");
    expect(teacherTwice.body.error.details.conflicts).toEqual([
      {
        kind: "teacher",
        entryId: mathsA,
        class: "5А",
        subject: "Математика",
        teacher: "Смирнов Андрей",
        room: "214",
        weekday: 2,
        lessonNumber: 3,
      },
    ]);
    const roomTwice = await s.client.post(URL, {
      ...base,
      classId: s.class5b.id,
      subjectId: s.english.id,
      teacherId: s.orlova.user.id,
      room: "214",
    });
    expect(roomTwice.body.error.details.conflicts.map((c: { kind: string }) => c.kind)).toEqual(["room"]);
    const classTwice = await s.client.post(URL, {
      ...base,
      classId: s.class5a.id,
      groupId: s.group1.id,
      subjectId: s.english.id,
      teacherId: s.orlova.user.id,
    });
    expect(classTwice.body.error.details.conflicts.map((c: { kind: string }) => c.kind)).toEqual(["class"]);
    expect(await timetableSnapshot(t.db, s.schoolId)).toEqual(snapshot);

    // Another shift, other dates or an archived entry are no conflict.
    const class6a = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "А" });
    await t.db.execute(sql`update classes set shift = 2 where id = ${class6a.id}`);
    await addEntry(s.client, { ...base, classId: class6a.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id, room: "214" });
    const later = { ...base, weekday: 3, classId: s.class5a.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id };
    await addEntry(s.client, { ...later, validTo: "2026-12-31" });
    await addEntry(s.client, { ...later, validFrom: "2027-01-01" });

    // English groups: two subgroups at once are fine, the same subgroup twice is not.
    const slot = { weekday: 4, lessonNumber: 1, classId: s.class5a.id, subjectId: s.english.id };
    const g1 = await addEntry(s.client, { ...slot, groupId: s.group1.id, teacherId: s.orlova.user.id, room: "301" });
    await addEntry(s.client, { ...slot, groupId: s.group2.id, teacherId: s.smirnov.user.id, room: "302" });
    const third = await buildUser(t.db, { schoolId: s.schoolId, role: "teacher" });
    const sameGroup = await s.client.post(URL, { ...slot, groupId: s.group1.id, teacherId: third.id, room: "303" });
    expect(sameGroup.body.error.details.conflicts).toEqual([
      expect.objectContaining({ kind: "class", entryId: g1, class: "5А, Английский, группа 1" }),
    ]);
    const wholeClass = await s.client.post(URL, { ...slot, subjectId: s.maths.id, teacherId: third.id });
    expect(wholeClass.body.error.details.conflicts.map((c: { kind: string }) => c.kind)).toEqual(["class", "class"]);

    // A change is checked too, never against the entry itself; archiving frees the slot.
    expect((await s.client.patch(`${URL}/${mathsA}`, { room: "214", lessonNumber: 3 })).status).toBe(200);
    const moved = await s.client.patch(`${URL}/${g1}`, { weekday: 2, lessonNumber: 3 });
    expect(moved.body.error.details.conflicts.map((c: { kind: string }) => c.kind)).toEqual(["class"]);
    await s.client.post(`${URL}/${mathsA}/archive`);
    expect((await s.client.post(URL, { ...base, classId: s.class5b.id, subjectId: s.maths.id, teacherId: s.smirnov.user.id })).status).toBe(
      201,
    );
  });

  it("lets only one of two simultaneous saves book the same teacher", async () => {
    const s = await timetableSchool(t);
    const slot = { weekday: 5, lessonNumber: 4, subjectId: s.maths.id, teacherId: s.smirnov.user.id };
    const [a, b] = await Promise.all([
      s.client.post(URL, { ...slot, classId: s.class5a.id }),
      s.client.post(URL, { ...slot, classId: s.class5b.id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });
});
