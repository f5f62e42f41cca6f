import type { Db } from "../src/platform/db/db.ts";
import { sql } from "../src/platform/db/sql.ts";
import { buildPeriod } from "./journal-factories.ts";
import type { TestApp, TestClient } from "./harness.ts";
import { buildClass, buildGroup, buildSubject, schoolWithAdmin, signedIn } from "./people-factories.ts";

/**
 * The start of most timetable tests: a school (year 2026/2027) with a signed-in admin and two
 * teachers, class 5А (shift 1) with two English subgroups, 5Б, and a two-week study period
 * from Monday 2026-11-09 to Sunday 2026-11-22. The app's clock is set to 2026-11-01.
 */
export async function timetableSchool(t: TestApp) {
  t.setClock("2026-11-01T09:00:00Z");
  const s = await schoolWithAdmin(t);
  const smirnov = await signedIn(t, s.schoolId, "teacher", { lastName: "Смирнов", firstName: "Андрей" });
  const orlova = await signedIn(t, s.schoolId, "teacher", { lastName: "Орлова", firstName: "Мария" });
  const class5a = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "А" });
  const class5b = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "Б" });
  const group1 = await buildGroup(t.db, { schoolId: s.schoolId, classId: class5a.id, name: "Английский, группа 1" });
  const group2 = await buildGroup(t.db, { schoolId: s.schoolId, classId: class5a.id, name: "Английский, группа 2" });
  const maths = await buildSubject(t.db, { schoolId: s.schoolId, name: "Математика" });
  const english = await buildSubject(t.db, { schoolId: s.schoolId, name: "Английский язык" });
  const period = await buildPeriod(t.db, { schoolId: s.schoolId, yearId: s.yearId, startsOn: "2026-11-09", endsOn: "2026-11-22" });
  return { ...s, smirnov, orlova, class5a, class5b, group1, group2, maths, english, period };
}

/** Adds an entry through the API and returns its id; fails the test on any other answer than 201. */
export async function addEntry(client: TestClient, body: Record<string, unknown>): Promise<string> {
  const r = await client.post("/api/v1/timetable/entries", body);
  if (r.status !== 201) throw new Error(`entry not created: ${r.status} ${r.text}`);
  return r.body.id;
}

/** Dated lessons of a class, ordered, as compact tuples for assertions. */
export async function lessonsOf(db: Db, schoolId: string, classId: string) {
  return db.many<{
    id: string;
    date: string;
    lesson_number: number;
    teacher_id: string;
    room: string;
    timetable_entry_id: string | null;
    version: number;
  }>(sql`
    select id, date, lesson_number, teacher_id, room, timetable_entry_id, version from lessons
    where school_id = ${schoolId} and class_id = ${classId} order by date, lesson_number, id`);
}

/** Everything the timetable feature stores for a school and its audit log length: equal snapshots prove nothing changed. */
export async function timetableSnapshot(db: Db, schoolId: string): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {
    events: (await db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${schoolId}`)).n,
  };
  for (const table of ["bell_times", "timetable_entries", "lessons"]) {
    snapshot[table] = await db.many(sql`select * from ${sql.raw(table)} where school_id = ${schoolId} order by 2, 3, 4`);
  }
  return snapshot;
}
