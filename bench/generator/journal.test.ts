import { DEFAULT_SCHOOL_SETTINGS } from "@otmetka/core/contracts/settings.ts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../server/src/platform/db/db.ts";
import { migrate } from "../../server/src/platform/db/migrate.ts";
import { sql } from "../../server/src/platform/db/sql.ts";
import { DATABASES } from "../../server/test/harness.ts";
import { type GeneratedSchool, generateSchool, planSchool, type SchoolPlan } from "./index.ts";
import { openEmptyDatabase } from "./test-database.ts";

/** The comparison dataset on its 59th school day (2025/26: 40 days of the 1st quarter, 19 of the 2nd). */
const COMPARE_59 = { seed: 1, preset: "compare", year: 2025, today: "2025-11-28" } as const;
const SMALL = { seed: 7, students: 150, year: 2025, today: "2025-11-28" } as const;

const share = (part: number, whole: number) => part / whole;
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** Lessons with the same teacher at the same weekday and lesson number: what the timetable API rejects. */
function teacherClashes(plan: SchoolPlan): string[] {
  const slots = countBy(plan.timetable, (e) => `${e.teacherId} ${e.weekday}/${e.lessonNumber}`);
  return [...slots].filter(([, n]) => n > 1).map(([slot]) => slot);
}

describe("timetable and journal planning (no database)", () => {
  let compare: SchoolPlan;
  beforeAll(() => {
    compare = planSchool(COMPARE_59);
  });

  test("bell times: 8 lessons of 45 minutes from 8:30 with breaks of 10 and 20 minutes", () => {
    const first = compare.bellTimes.filter((b) => b.shift === 1);
    expect(first.map((b) => `${b.lessonNumber} ${b.startsAt}–${b.endsAt}`)).toEqual([
      "1 08:30–09:15",
      "2 09:25–10:10",
      "3 10:30–11:15",
      "4 11:35–12:20",
      "5 12:30–13:15",
      "6 13:25–14:10",
      "7 14:20–15:05",
      "8 15:15–16:00",
    ]);
  });

  test("the compare preset: 32 lessons a week per class, nobody booked twice, subjects spread over the week", () => {
    expect(compare.timetable).toHaveLength(40 * 32);
    expect(new Set(countBy(compare.timetable, (e) => e.classId).values())).toEqual(new Set([32]));
    expect(teacherClashes(compare)).toEqual([]);
    expect([...countBy(compare.timetable, (e) => `${e.classId} ${e.weekday}/${e.lessonNumber}`).values()].every((n) => n === 1)).toBe(true);
    expect([...countBy(compare.timetable, (e) => `${e.room} ${e.weekday}/${e.lessonNumber}`).values()].every((n) => n === 1)).toBe(true);
    for (const e of compare.timetable) {
      expect(e.weekday).toBeGreaterThanOrEqual(1);
      expect(e.weekday).toBeLessThanOrEqual(5);
      expect(e.lessonNumber).toBeGreaterThanOrEqual(1);
      expect(e.lessonNumber).toBeLessThanOrEqual(7);
    }
    // Every class's day runs from lesson 1 without gaps.
    const days = new Map<string, number[]>();
    for (const e of compare.timetable)
      days.set(`${e.classId} ${e.weekday}`, [...(days.get(`${e.classId} ${e.weekday}`) ?? []), e.lessonNumber]);
    for (const numbers of days.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    // Each class × subject uses the teacher of its assignment; a subject rarely sits twice on one day.
    const teacherOf = new Map(compare.assignments.map((a) => [`${a.classId} ${a.subjectId}`, a.teacherId]));
    expect(compare.timetable.every((e) => teacherOf.get(`${e.classId} ${e.subjectId}`) === e.teacherId)).toBe(true);
    const repeats = [...countBy(compare.timetable, (e) => `${e.classId} ${e.subjectId} ${e.weekday}`).values()].filter((n) => n > 1);
    expect(repeats.length).toBeLessThan(compare.timetable.length * 0.05);
  });

  test("lessons: 59 study days up to today, none on holidays or weekends, each in its grade's period", () => {
    const dates = [...new Set(compare.lessons.map((l) => l.date))].sort();
    expect(dates).toHaveLength(59);
    expect([dates[0], dates.at(-1)]).toEqual(["2025-09-01", "2025-11-28"]);
    expect(dates).not.toContain("2025-11-04"); // День народного единства
    expect(dates.filter((d) => d >= "2025-10-25" && d <= "2025-11-02")).toEqual([]); // autumn holidays
    expect(dates.every((d) => [1, 2, 3, 4, 5].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
    // 12 weeks, less the Tuesday of the 4 November week.
    expect(compare.lessons).toHaveLength(compare.timetable.length * 12 - compare.timetable.filter((e) => e.weekday === 2).length);
    const grade = new Map(compare.classes.map((c) => [c.id, c.grade]));
    const periods = new Map(compare.calendar.periods.map((p) => [p.id, p]));
    for (const l of compare.lessons) {
      const p = periods.get(l.periodId)!;
      const g = grade.get(l.entry.classId)!;
      expect(p.startsOn <= l.date && l.date <= p.endsOn && p.gradeFrom <= g && g <= p.gradeTo, `${l.date} grade ${g}`).toBe(true);
    }
    const codes = new Set(DEFAULT_SCHOOL_SETTINGS.workTypes.map((w) => w.code));
    expect(compare.lessons.every((l) => codes.has(l.workType))).toBe(true);
    const special = share(compare.lessons.filter((l) => l.workType !== "classwork").length, compare.lessons.length);
    expect(special).toBeGreaterThan(0.22);
    expect(special).toBeLessThan(0.28);
  });

  test("marks and attendance: ≈ 230,000 marks distributed as DESIGN.md §9 says, none for the absent", () => {
    const marks = compare.cells.flatMap((c) => [c.mark1, c.mark2].filter((m) => m !== null));
    expect(marks.length).toBeGreaterThan(215_000);
    expect(marks.length).toBeLessThan(245_000);
    const dist = countBy(marks, (m) => m!);
    const expected = { "5": 0.35, "4": 0.4, "3": 0.2, "2": 0.05 };
    for (const [mark, p] of Object.entries(expected)) expect(Math.abs(share(dist.get(mark)!, marks.length) - p), mark).toBeLessThan(0.02);
    expect([...dist.keys()].sort()).toEqual(["2", "3", "4", "5"]);
    const second = share(compare.cells.filter((c) => c.mark2).length, compare.cells.filter((c) => c.mark1).length);
    expect(second).toBeGreaterThan(0.02);
    expect(second).toBeLessThan(0.04);
    expect(compare.cells.filter((c) => c.attendance?.startsWith("ABSENT") && c.mark1)).toEqual([]);
    expect(compare.cells.filter((c) => c.mark2 && !c.mark1)).toEqual([]);

    // Attendance over the 59 days: ≈ 380,000 student-lessons, ≈ 4 % absent for whole days, 1.5 % late.
    const size = countBy(compare.people, (p) => p.classId);
    const studentLessons = compare.lessons.reduce((sum, l) => sum + size.get(l.entry.classId)!, 0);
    expect(studentLessons).toBeGreaterThan(370_000);
    expect(studentLessons).toBeLessThan(390_000);
    const absent = compare.cells.filter((c) => c.attendance?.startsWith("ABSENT"));
    const late = compare.cells.filter((c) => c.attendance === "LATE");
    expect(share(absent.length, studentLessons)).toBeGreaterThan(0.03);
    expect(share(absent.length, studentLessons)).toBeLessThan(0.05);
    expect(share(late.length, studentLessons)).toBeGreaterThan(0.01);
    expect(share(late.length, studentLessons)).toBeLessThan(0.02);
    expect(late.every((c) => c.lateMinutes! >= 1 && c.lateMinutes! <= 20)).toBe(true);
    expect(compare.cells.filter((c) => c.attendance !== "LATE" && c.lateMinutes !== null)).toEqual([]);
    expect(new Set(absent.map((c) => c.attendance))).toEqual(new Set(["ABSENT_ILLNESS", "ABSENT_UNEXCUSED", "ABSENT_EXCUSED"]));

    // An absence covers the whole day: a student absent at one lesson is absent, with the same reason, at all that day's lessons.
    const lessonOf = new Map(compare.lessons.map((l) => [l.id, l]));
    const dayReason = new Map<string, Set<string>>();
    for (const c of absent) {
      const key = `${c.studentId} ${lessonOf.get(c.lessonId)!.date}`;
      dayReason.set(key, (dayReason.get(key) ?? new Set()).add(c.attendance!));
    }
    expect([...dayReason.values()].every((reasons) => reasons.size === 1)).toBe(true);
    const lessonsPerDay = countBy(compare.lessons, (l) => `${l.entry.classId} ${l.date}`);
    const classOf = new Map(compare.people.map((p) => [p.id, p.classId]));
    const absentPerDay = countBy(absent, (c) => `${c.studentId} ${lessonOf.get(c.lessonId)!.date}`);
    for (const [key, n] of absentPerDay) {
      const [student, date] = key.split(" ");
      expect(n).toBe(lessonsPerDay.get(`${classOf.get(student!)} ${date}`));
    }

    // Grade 1 has no marks (безотметочное обучение).
    const firstGrade = new Set(compare.classes.filter((c) => c.grade === 1).map((c) => c.id));
    expect(compare.cells.filter((c) => c.mark1 && firstGrade.has(lessonOf.get(c.lessonId)!.entry.classId))).toEqual([]);
  });

  test("period marks: only for periods that ended, suggested from the weighted average and set", () => {
    const ended = compare.calendar.periods.filter((p) => p.endsOn < COMPARE_59.today).map((p) => p.id);
    expect(ended).toHaveLength(1); // the 1st quarter; the 1st half-year ends in December
    expect(new Set(compare.periodMarks.map((m) => m.periodId))).toEqual(new Set(ended));
    // Grades 2–9 × 12 subjects.
    const students = compare.people.filter((p) => {
      const g = compare.classes.find((c) => c.id === p.classId)!.grade;
      return g >= 2 && g <= 9;
    });
    expect(compare.periodMarks).toHaveLength(students.length * 12);
    for (const m of compare.periodMarks) {
      expect(m.value).toBe(m.suggested);
      if (m.suggested === "NA") continue;
      const average = m.averageNum! / m.averageDen!;
      expect(Math.abs(average - Number(m.suggested)), `${m.averageNum}/${m.averageDen} → ${m.suggested}`).toBeLessThanOrEqual(0.5);
    }
    expect(share(compare.periodMarks.filter((m) => m.value === "NA").length, compare.periodMarks.length)).toBeLessThan(0.02);
  });

  test("the same seed gives the same timetable and journal (ids aside); the realistic curriculum fits the СанПиН day limits", () => {
    const a = planSchool(SMALL);
    const b = planSchool(SMALL);
    const content = (plan: SchoolPlan) => {
      const cls = new Map(plan.classes.map((c) => [c.id, `${c.grade}${c.letter}`]));
      const subject = new Map(plan.subjects.map((s) => [s.id, s.code]));
      const person = new Map(plan.people.map((p) => [p.id, `${p.lastName} ${p.firstName}`]));
      const lesson = new Map(
        plan.lessons.map((l) => [l.id, `${cls.get(l.entry.classId)} ${subject.get(l.entry.subjectId)} ${l.date}/${l.entry.lessonNumber}`]),
      );
      return {
        timetable: plan.timetable.map((e) => `${cls.get(e.classId)} ${subject.get(e.subjectId)} ${e.weekday}/${e.lessonNumber} ${e.room}`),
        lessons: plan.lessons.map((l) => `${lesson.get(l.id)} ${l.workType}`),
        cells: plan.cells.map((c) => `${lesson.get(c.lessonId)} ${person.get(c.studentId)} ${c.mark1}/${c.mark2} ${c.attendance}`),
      };
    };
    expect(content(a)).toEqual(content(b));
    expect(teacherClashes(a)).toEqual([]);
    const limit = (grade: number) => (grade <= 4 ? 5 : grade <= 6 ? 6 : 7);
    const perDay = countBy(a.timetable, (e) => `${e.classId} ${e.weekday}`);
    for (const c of a.classes) for (let d = 1; d <= 5; d++) expect(perDay.get(`${c.id} ${d}`) ?? 0).toBeLessThanOrEqual(limit(c.grade));
  });

  test("a large school with a second shift: bell times for both shifts, still nobody booked twice", () => {
    const big = planSchool({ seed: 5, students: 1500, year: 2025, today: "2025-09-12" });
    expect(new Set(big.classes.map((c) => c.shift))).toEqual(new Set([1, 2]));
    expect(big.bellTimes.filter((b) => b.shift === 2)[0]).toMatchObject({ lessonNumber: 1, startsAt: "13:30", endsAt: "14:15" });
    expect(teacherClashes(big)).toEqual([]);
  });
});

describe.each(DATABASES)("journal families written on %s", (kind) => {
  let scratch: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Database;
  let school: GeneratedSchool;

  beforeAll(async () => {
    scratch = await openEmptyDatabase(kind);
    db = scratch.db;
    await migrate(db);
    school = await generateSchool(db, SMALL);
  });
  afterAll(async () => {
    await scratch.drop();
  });

  test("every planned row is written and the database agrees: no double booking, no mark on an absence", async () => {
    const { plan, rows } = school;
    expect(rows).toMatchObject({
      bell_times: 8,
      timetable_entries: plan.timetable.length,
      lessons: plan.lessons.length,
      journal_cells: plan.cells.length,
      period_marks: plan.periodMarks.length,
    });
    const id = plan.schoolId;
    const clashes = await db.many(sql`
      select teacher_id, weekday, lesson_number from timetable_entries where school_id = ${id}
      group by teacher_id, weekday, lesson_number having count(*) > 1`);
    expect(clashes).toEqual([]);
    const lessonClashes = await db.many(sql`
      select teacher_id, date, lesson_number from lessons where school_id = ${id}
      group by teacher_id, date, lesson_number having count(*) > 1`);
    expect(lessonClashes).toEqual([]);
    const checks = await db.one<{ absent_marked: number; off_entry: number; unenrolled: number; on_holiday: number }>(sql`
      select
        (select count(*) from journal_cells where school_id = ${id} and attendance like 'ABSENT%' and mark1 is not null) as absent_marked,
        (select count(*) from lessons l join timetable_entries e on e.school_id = l.school_id and e.id = l.timetable_entry_id
           where l.school_id = ${id} and (e.teacher_id <> l.teacher_id or e.lesson_number <> l.lesson_number
             or e.weekday <> extract(isodow from l.date))) as off_entry,
        (select count(*) from journal_cells c join lessons l on l.school_id = c.school_id and l.id = c.lesson_id
           where c.school_id = ${id} and not exists (select 1 from enrolments e where e.school_id = c.school_id
             and e.person_id = c.student_id and e.class_id = l.class_id)) as unenrolled,
        (select count(*) from lessons l join holidays h on h.school_id = l.school_id and l.date between h.starts_on and h.ends_on
           where l.school_id = ${id} and h.kind = 'holiday') as on_holiday`);
    expect(checks).toEqual({ absent_marked: 0, off_entry: 0, unenrolled: 0, on_holiday: 0 });
    const marks = await db.one<{ fives: number; all: number }>(sql`
      select count(*) filter (where mark1 = '5') as fives, count(mark1) as all from journal_cells where school_id = ${id}`);
    expect(share(marks.fives, marks.all)).toBeGreaterThan(0.3);
    expect(share(marks.fives, marks.all)).toBeLessThan(0.4);
  });
});
