/**
 * Calendar rules of the timetable, pure and shared by the server (lesson generation) and the web
 * (the week grid). Weekdays are ISO: 1 = Monday … 7 = Sunday.
 */

/** The study week of each grade range (a school setting). */
export type StudyWeek = readonly { gradeFrom: number; gradeTo: number; days: 5 | 6 }[];

/** Days a grade studies per week: 5 (Monday–Friday) or 6 (Monday–Saturday); 5 if the setting says nothing. */
export function studyDaysOf(studyWeek: StudyWeek, grade: number): 5 | 6 {
  return studyWeek.find((w) => w.gradeFrom <= grade && grade <= w.gradeTo)?.days ?? 5;
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** A holiday or a moved working day of the school calendar, as the generator needs it. */
export interface CalendarException {
  kind: "holiday" | "working_day";
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
  /** For a moved working day: the weekday whose timetable it follows; null for its own. */
  followsWeekday: number | null;
}

/**
 * The weekday whose timetable a grade follows on a date, or null when it has no lessons then.
 * A moved working day (перенос) wins over a holiday range and over the study week, since it is
 * the more specific rule; otherwise holidays have no lessons and neither do days past the study week.
 */
export function timetableWeekdayOn(date: string, grade: number, studyDays: 5 | 6, calendar: readonly CalendarException[]): number | null {
  const applies = (c: CalendarException) => c.startsOn <= date && date <= c.endsOn && c.gradeFrom <= grade && grade <= c.gradeTo;
  const working = calendar.find((c) => c.kind === "working_day" && applies(c));
  if (working) return working.followsWeekday ?? isoWeekday(date);
  if (calendar.some((c) => c.kind === "holiday" && applies(c))) return null;
  const weekday = isoWeekday(date);
  return weekday <= studyDays ? weekday : null;
}

/** A bell schedule row: lesson number and "HH:MM" times. */
export interface BellTime {
  lessonNumber: number;
  startsAt: string;
  endsAt: string;
}

/** Problems of a bell schedule: numbers unique, each lesson starts before it ends, lessons in order without overlaps. */
export function findBellTimeProblems(
  lessons: readonly BellTime[],
): { index: number; field: keyof BellTime; code: string; message: string }[] {
  const problems: { index: number; field: keyof BellTime; code: string; message: string }[] = [];
  const seen = new Set<number>();
  lessons.forEach((l, i) => {
    const previous = lessons[i - 1];
    if (l.startsAt >= l.endsAt)
      problems.push({ index: i, field: "endsAt", code: "ends_before_start", message: "The lesson ends before it starts" });
    if (seen.has(l.lessonNumber))
      problems.push({ index: i, field: "lessonNumber", code: "duplicate_lesson_number", message: "This lesson number is listed twice" });
    else if (previous && l.lessonNumber < previous.lessonNumber)
      problems.push({ index: i, field: "lessonNumber", code: "not_ascending", message: "Lessons must be listed by number, ascending" });
    else if (previous && l.startsAt < previous.endsAt)
      problems.push({ index: i, field: "startsAt", code: "overlaps_previous", message: "The lesson starts before the previous one ends" });
    seen.add(l.lessonNumber);
  });
  return problems;
}
