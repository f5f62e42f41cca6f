import { describe, expect, it } from "vitest";
import { type CalendarException, findBellTimeProblems, isoWeekday, mondayOf, studyDaysOf, timetableWeekdayOn } from "./timetable.ts";

const day = (date: string, kind: CalendarException["kind"], grades: [number, number] = [1, 11], followsWeekday: number | null = null) => ({
  kind,
  startsOn: date,
  endsOn: date,
  gradeFrom: grades[0],
  gradeTo: grades[1],
  followsWeekday,
});

describe("timetable calendar rules", () => {
  it("numbers weekdays from Monday and finds a week's Monday", () => {
    expect(["2026-11-09", "2026-11-14", "2026-11-15"].map(isoWeekday)).toEqual([1, 6, 7]);
    expect(mondayOf("2026-11-15")).toBe("2026-11-09");
    expect(mondayOf("2026-11-09")).toBe("2026-11-09");
  });

  it("reads the study week of a grade, 5 days when the setting says nothing", () => {
    const week = [
      { gradeFrom: 1, gradeTo: 4, days: 5 as const },
      { gradeFrom: 5, gradeTo: 9, days: 6 as const },
    ];
    expect([1, 5, 9, 10].map((g) => studyDaysOf(week, g))).toEqual([5, 6, 6, 5]);
  });

  it("gives the weekday a grade follows: none on holidays and past the study week, the named one on a moved working day", () => {
    const calendar = [day("2026-11-04", "holiday"), day("2026-11-11", "holiday", [1, 1]), day("2026-11-07", "working_day", [1, 11], 3)];
    expect(timetableWeekdayOn("2026-11-04", 5, 5, calendar)).toBeNull();
    expect(timetableWeekdayOn("2026-11-11", 1, 5, calendar)).toBeNull();
    expect(timetableWeekdayOn("2026-11-11", 5, 5, calendar)).toBe(3);
    expect(timetableWeekdayOn("2026-11-07", 5, 5, calendar)).toBe(3);
    expect(timetableWeekdayOn("2026-11-14", 5, 5, calendar)).toBeNull();
    expect(timetableWeekdayOn("2026-11-14", 5, 6, calendar)).toBe(6);
    expect(timetableWeekdayOn("2026-11-15", 5, 6, calendar)).toBeNull();
    // A working day inside a holiday range wins; without a weekday named it follows its own.
    expect(timetableWeekdayOn("2026-11-04", 5, 5, [...calendar, day("2026-11-04", "working_day")])).toBe(3);
  });

  it("checks bell times: unique ascending numbers, each lesson in order and not overlapping the previous", () => {
    const ok = [
      { lessonNumber: 0, startsAt: "07:45", endsAt: "08:20" },
      { lessonNumber: 1, startsAt: "08:30", endsAt: "09:15" },
    ];
    expect(findBellTimeProblems(ok)).toEqual([]);
    expect(findBellTimeProblems([...ok, { lessonNumber: 1, startsAt: "09:20", endsAt: "10:00" }]).map((p) => p.code)).toEqual([
      "duplicate_lesson_number",
    ]);
    expect(findBellTimeProblems([ok[1]!, ok[0]!]).map((p) => p.code)).toEqual(["not_ascending"]);
    expect(findBellTimeProblems([ok[0]!, { lessonNumber: 1, startsAt: "08:10", endsAt: "08:00" }]).map((p) => p.code)).toEqual([
      "ends_before_start",
      "overlaps_previous",
    ]);
  });
});
