/**
 * The school year of reference/domain.md §4.5: 1 September (the next Monday when it falls on a
 * Sunday) to 26 May; quarters for grades 1–9, half-years for 10–11; autumn, winter and spring
 * holidays of nine to twelve days, an extra February week for first-graders, and the public
 * holidays that fall on school days. Dates are computed from the year alone (only the period ids are random).
 */
import { randomUUID } from "node:crypto";

export interface PlannedPeriod {
  id: string;
  kind: "quarter" | "half_year";
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface PlannedHoliday {
  kind: "holiday" | "working_day";
  name: string;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface PlannedCalendar {
  name: string;
  startsOn: string;
  endsOn: string;
  periods: PlannedPeriod[];
  holidays: PlannedHoliday[];
}

const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const iso = (date: Date): string => date.toISOString().slice(0, 10);
const addDays = (date: Date, n: number): Date => new Date(date.getTime() + n * 86_400_000);

/** The Saturday nearest to the given date (ties go to the earlier one). */
function nearestSaturday(date: Date): Date {
  const offset = (6 - date.getUTCDay() + 7) % 7;
  return addDays(date, offset <= 3 ? offset : offset - 7);
}

/** The academic year starting in September of `startYear` (e.g. 2025 → 2025/2026). */
export function planCalendar(startYear: number): PlannedCalendar {
  const y = startYear;
  const sep1 = day(y, 9, 1);
  const start = sep1.getUTCDay() === 0 ? addDays(sep1, 1) : sep1;
  const end = day(y + 1, 5, 26);

  const autumnStart = nearestSaturday(day(y, 10, 26));
  const autumnEnd = addDays(autumnStart, 8);
  const winterStart = day(y, 12, 31);
  // Winter holidays end on the Sunday between 8 and 14 January.
  const jan8 = day(y + 1, 1, 8);
  const winterEnd = addDays(jan8, (7 - jan8.getUTCDay()) % 7);
  const springStart = nearestSaturday(day(y + 1, 3, 28));
  const springEnd = addDays(springStart, 8);
  const februaryStart = nearestSaturday(day(y + 1, 2, 15));
  const februaryEnd = addDays(februaryStart, 8);

  const quarter = (number: number, from: Date, to: Date): PlannedPeriod => ({
    id: randomUUID(),
    kind: "quarter",
    number,
    name: `${number}-я четверть`,
    startsOn: iso(from),
    endsOn: iso(to),
    gradeFrom: 1,
    gradeTo: 9,
  });
  const half = (number: number, from: Date, to: Date): PlannedPeriod => ({
    id: randomUUID(),
    kind: "half_year",
    number,
    name: `${number}-е полугодие`,
    startsOn: iso(from),
    endsOn: iso(to),
    gradeFrom: 10,
    gradeTo: 11,
  });
  const periods = [
    quarter(1, start, addDays(autumnStart, -1)),
    quarter(2, addDays(autumnEnd, 1), addDays(winterStart, -1)),
    quarter(3, addDays(winterEnd, 1), addDays(springStart, -1)),
    quarter(4, addDays(springEnd, 1), end),
    half(1, start, addDays(winterStart, -1)),
    half(2, addDays(winterEnd, 1), end),
  ];

  const holiday = (name: string, from: Date, to: Date, gradeFrom = 1, gradeTo = 11): PlannedHoliday => ({
    kind: "holiday",
    name,
    startsOn: iso(from),
    endsOn: iso(to),
    gradeFrom,
    gradeTo,
  });
  const holidays = [
    holiday("Осенние каникулы", autumnStart, autumnEnd),
    holiday("Зимние каникулы", winterStart, winterEnd),
    holiday("Дополнительные каникулы для первоклассников", februaryStart, februaryEnd, 1, 1),
    holiday("Весенние каникулы", springStart, springEnd),
  ];
  const publicHolidays: [string, Date][] = [
    ["День народного единства", day(y, 11, 4)],
    ["День защитника Отечества", day(y + 1, 2, 23)],
    ["Международный женский день", day(y + 1, 3, 8)],
    ["Праздник Весны и Труда", day(y + 1, 5, 1)],
    ["День Победы", day(y + 1, 5, 9)],
  ];
  for (const [name, date] of publicHolidays) {
    const weekday = date.getUTCDay();
    const inBreak = holidays.some((h) => h.startsOn <= iso(date) && iso(date) <= h.endsOn && h.gradeFrom === 1 && h.gradeTo === 11);
    if (weekday !== 0 && !inBreak) holidays.push(holiday(name, date, date));
  }
  holidays.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.gradeFrom - b.gradeFrom);
  return { name: `${y}/${y + 1}`, startsOn: iso(start), endsOn: iso(end), periods, holidays };
}

/** The academic year a date belongs to: from August on, the year starting that September. */
export function academicYearOf(date: Date): number {
  return date.getUTCMonth() >= 7 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}
