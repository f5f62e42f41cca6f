/**
 * Default study periods and holidays of a year (reference/domain.md §4.5). Since the ФОП (2023)
 * the year runs 1 September – 26 May; grades 1–9 usually learn by quarters, 10–11 by
 * half-years; every break is at least 7 days, and first-graders get an extra week in February.
 * The dates follow Minprosveshcheniya's recommendation for 2025/26 (25 Oct–2 Nov, 31 Dec–11 Jan,
 * 28 Mar–5 Apr); they are a starting point the admin then adjusts. Pure: no I/O.
 */
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import type { CreateHolidayInput, CreatePeriodInput } from "@otmetka/core/contracts/structure.ts";

interface YearDates {
  startsOn: string;
  endsOn: string;
}

type Kind = SchoolSettings["periodSystem"][number]["kind"];

/** A month-day in the autumn (`0`) or spring (`1`) calendar year of the school year. */
type Anchor = [yearOffset: 0 | 1, monthDay: string];

/** Period boundaries; `null` stands for the year's own first or last day. */
const PERIODS: Record<Kind, { name: string; from: Anchor | null; to: Anchor | null }[]> = {
  quarter: [
    { name: "1 четверть", from: null, to: [0, "10-24"] },
    { name: "2 четверть", from: [0, "11-03"], to: [0, "12-30"] },
    { name: "3 четверть", from: [1, "01-12"], to: [1, "03-27"] },
    { name: "4 четверть", from: [1, "04-06"], to: null },
  ],
  half_year: [
    { name: "1 полугодие", from: null, to: [0, "12-30"] },
    { name: "2 полугодие", from: [1, "01-12"], to: null },
  ],
  trimester: [
    { name: "1 триместр", from: null, to: [0, "11-30"] },
    { name: "2 триместр", from: [0, "12-01"], to: [1, "02-28"] },
    { name: "3 триместр", from: [1, "03-01"], to: null },
  ],
};

const HOLIDAYS: { name: string; from: Anchor; to: Anchor; firstGradeOnly?: true }[] = [
  { name: "Осенние каникулы", from: [0, "10-25"], to: [0, "11-02"] },
  { name: "Зимние каникулы", from: [0, "12-31"], to: [1, "01-11"] },
  { name: "Дополнительные каникулы для первоклассников", from: [1, "02-16"], to: [1, "02-22"], firstGradeOnly: true },
  { name: "Весенние каникулы", from: [1, "03-28"], to: [1, "04-05"] },
];

export class NonStandardYearError extends Error {}

/**
 * Periods for every range of the period system and, if asked, the usual holidays. Throws
 * NonStandardYearError for a year whose dates do not look like September–May.
 */
export function planStandardCalendar(
  year: YearDates,
  periodSystem: SchoolSettings["periodSystem"],
  includeHolidays: boolean,
): { periods: CreatePeriodInput[]; holidays: CreateHolidayInput[] } {
  const autumnYear = Number(year.startsOn.slice(0, 4));
  const date = (anchor: Anchor | null, fallback: string): string => (anchor === null ? fallback : `${autumnYear + anchor[0]}-${anchor[1]}`);
  const inYear = (from: string, to: string) => from <= to && from >= year.startsOn && to <= year.endsOn;

  const periods = periodSystem.flatMap((range) =>
    PERIODS[range.kind].map((p, i): CreatePeriodInput => {
      const startsOn = date(p.from, year.startsOn);
      const endsOn = p.to?.[1] === "02-28" ? lastDayOfFebruary(autumnYear + 1) : date(p.to, year.endsOn);
      return { kind: range.kind, number: i + 1, name: p.name, startsOn, endsOn, gradeFrom: range.gradeFrom, gradeTo: range.gradeTo };
    }),
  );
  if (!periods.every((p) => inYear(p.startsOn, p.endsOn))) throw new NonStandardYearError("The year does not run from September to May");

  const gradeFrom = Math.min(...periodSystem.map((r) => r.gradeFrom));
  const gradeTo = Math.max(...periodSystem.map((r) => r.gradeTo));
  const holidays = includeHolidays
    ? HOLIDAYS.filter((h) => !h.firstGradeOnly || gradeFrom === 1)
        .map(
          (h): CreateHolidayInput => ({
            kind: "holiday",
            name: h.name,
            startsOn: date(h.from, year.startsOn),
            endsOn: date(h.to, year.endsOn),
            gradeFrom: h.firstGradeOnly ? 1 : gradeFrom,
            gradeTo: h.firstGradeOnly ? 1 : gradeTo,
          }),
        )
        .filter((h) => inYear(h.startsOn, h.endsOn))
    : [];
  return { periods, holidays };
}

function lastDayOfFebruary(calendarYear: number): string {
  const leap = (calendarYear % 4 === 0 && calendarYear % 100 !== 0) || calendarYear % 400 === 0;
  return `${calendarYear}-02-${leap ? 29 : 28}`;
}
