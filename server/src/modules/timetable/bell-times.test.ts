import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { eventsOf, schoolWithAdmin, signedIn } from "../../../test/people-factories.ts";
import { timetableSnapshot } from "../../../test/timetable-factories.ts";

const FIRST_SHIFT = [
  { lessonNumber: 1, startsAt: "08:30", endsAt: "09:15" },
  { lessonNumber: 2, startsAt: "09:25", endsAt: "10:10" },
  { lessonNumber: 3, startsAt: "10:30", endsAt: "11:15" },
];

describe.each(DATABASES)("bell times on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("replaces a shift's bell times, audited, and every role of the school reads them", async () => {
    const { schoolId, yearId, client, admin } = await schoolWithAdmin(t);
    const url = `/api/v1/academic-years/${yearId}/bell-times`;
    const empty = await client.get(url);
    expect(empty.body).toEqual({
      academicYearId: yearId,
      shifts: [1, 2, 3].map((shift) => ({ shift, lessons: [] })),
      abilities: { edit: true },
    });

    const saved = await client.put(url, { shift: 1, lessons: FIRST_SHIFT });
    expect(saved.status).toBe(200);
    expect(saved.body.shifts[0]).toEqual({ shift: 1, lessons: FIRST_SHIFT });
    const replaced = await client.put(url, {
      shift: 1,
      lessons: [{ lessonNumber: 0, startsAt: "07:45", endsAt: "08:20" }, ...FIRST_SHIFT.slice(0, 2)],
    });
    expect(replaced.body.shifts[0].lessons.map((l: { lessonNumber: number }) => l.lessonNumber)).toEqual([0, 1, 2]);
    await client.put(url, { shift: 2, lessons: [{ lessonNumber: 1, startsAt: "13:30", endsAt: "14:15" }] });

    for (const role of ["teacher", "student", "parent"] as const) {
      const reader = await signedIn(t, schoolId, role);
      const r = await reader.client.get(url);
      expect(r.status, role).toBe(200);
      expect(r.body.shifts[1].lessons).toEqual([{ lessonNumber: 1, startsAt: "13:30", endsAt: "14:15" }]);
      expect(r.body.abilities.edit).toBe(false);
      expect((await reader.client.put(url, { shift: 1, lessons: [] })).status).toBe(403);
    }

    const events = await eventsOf(t.db, schoolId, "bell_times", `${yearId}:1`);
    expect(events.map((e) => e.action)).toEqual(["replace", "replace"]);
    expect(events[1]).toMatchObject({ actor_user_id: admin.id, before: FIRST_SHIFT });
  });

  it("refuses broken schedules with an issue per lesson and changes nothing", async () => {
    const { schoolId, yearId, client } = await schoolWithAdmin(t);
    const url = `/api/v1/academic-years/${yearId}/bell-times`;
    await client.put(url, { shift: 1, lessons: FIRST_SHIFT });
    const snapshot = await timetableSnapshot(t.db, schoolId);
    const cases: [unknown[], (string | number)[], string][] = [
      [[FIRST_SHIFT[0], { ...FIRST_SHIFT[1], lessonNumber: 1 }], ["body", "lessons", 1, "lessonNumber"], "duplicate_lesson_number"],
      [[{ lessonNumber: 1, startsAt: "09:15", endsAt: "08:30" }], ["body", "lessons", 0, "endsAt"], "ends_before_start"],
      [[{ lessonNumber: 1, startsAt: "09:15", endsAt: "09:15" }], ["body", "lessons", 0, "endsAt"], "ends_before_start"],
      [[FIRST_SHIFT[1], FIRST_SHIFT[0]], ["body", "lessons", 1, "lessonNumber"], "not_ascending"],
      [[FIRST_SHIFT[0], { lessonNumber: 2, startsAt: "09:00", endsAt: "09:40" }], ["body", "lessons", 1, "startsAt"], "overlaps_previous"],
      [[{ lessonNumber: 1, startsAt: "8:30", endsAt: "09:15" }], ["body", "lessons", 0, "startsAt"], "invalid_format"],
      [[{ lessonNumber: 11, startsAt: "08:30", endsAt: "09:15" }], ["body", "lessons", 0, "lessonNumber"], "too_big"],
    ];
    for (const [lessons, path, code] of cases) {
      const r = await client.put(url, { shift: 1, lessons });
      expect(r.status, JSON.stringify(lessons)).toBe(400);
      const issues = r.body.error.issues.map((i: { path: unknown[]; code: string }) => `${i.path.join(".")} ${i.code}`);
      expect(issues, JSON.stringify(lessons)).toContain(`${path.join(".")} ${code}`);
    }
    expect((await client.put(url, { shift: 4, lessons: [] })).status).toBe(400);
    expect((await client.put(url, { lessons: [] })).status).toBe(400);
    expect(await timetableSnapshot(t.db, schoolId)).toEqual(snapshot);
  });

  it("hides another school's year behind 404", async () => {
    const { client } = await schoolWithAdmin(t);
    const other = await buildSchool(t.db);
    expect((await client.get(`/api/v1/academic-years/${other.yearId}/bell-times`)).status).toBe(404);
    expect((await client.put(`/api/v1/academic-years/${other.yearId}/bell-times`, { shift: 1, lessons: FIRST_SHIFT })).status).toBe(404);
  });
});
