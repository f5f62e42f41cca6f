/**
 * Dated lessons: every timetable entry gives a lesson on each study day of its weekday, from the
 * start of the year up to "today" — a five-day week, inside a study period of the class's grade,
 * outside the holidays of that grade, a moved working day following the weekday it names (the
 * rule of the server's lesson generation, core/src/rules/timetable.ts). About one lesson in four
 * gets a work type of the school's settings other than «Работа на уроке» (a test, a
 * dictation…); the rest are classwork.
 */
import { randomUUID } from "node:crypto";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { datesBetween, timetableWeekdayOn } from "@otmetka/core/rules/timetable.ts";
import type { PlannedCalendar } from "./calendar.ts";
import type { Random } from "./random.ts";
import type { PlannedClass, PlannedLesson, PlannedTimetableEntry } from "./types.ts";

export const CLASSWORK = "classwork";
/** Share of lessons with a work type of their own (written or oral work graded for the class). */
const SPECIAL_WORK_SHARE = 0.25;

export function planLessons(
  random: Random,
  options: {
    calendar: PlannedCalendar;
    classes: readonly PlannedClass[];
    timetable: readonly PlannedTimetableEntry[];
    settings: SchoolSettings;
    /** Lessons are made up to and including this date. */
    today: string;
    /** No lessons before this date (the demo keeps its first start quick this way). */
    since?: string;
  },
): PlannedLesson[] {
  const { calendar, today } = options;
  const last = [today, calendar.endsOn].sort()[0]!;
  const first = options.since && options.since > calendar.startsOn ? options.since : calendar.startsOn;
  const days = first <= last ? datesBetween(first, last) : [];
  const special = options.settings.workTypes.map((w) => w.code).filter((code) => code !== CLASSWORK);
  const exceptions = calendar.holidays.map((h) => ({ ...h, followsWeekday: null }));
  const lessons: PlannedLesson[] = [];
  options.classes.forEach((cls, index) => {
    const draw = random.fork(`lessons:${index}`);
    const byWeekday = new Map<number, PlannedTimetableEntry[]>();
    for (const entry of options.timetable) {
      if (entry.classId !== cls.id) continue;
      byWeekday.set(entry.weekday, [...(byWeekday.get(entry.weekday) ?? []), entry]);
    }
    for (const list of byWeekday.values()) list.sort((a, b) => a.lessonNumber - b.lessonNumber);
    const periods = calendar.periods.filter((p) => p.gradeFrom <= cls.grade && cls.grade <= p.gradeTo);
    for (const date of days) {
      const weekday = timetableWeekdayOn(date, cls.grade, 5, exceptions);
      const period = periods.find((p) => p.startsOn <= date && date <= p.endsOn);
      if (weekday === null || !period) continue;
      for (const entry of byWeekday.get(weekday) ?? []) {
        const workType = special.length > 0 && draw.chance(SPECIAL_WORK_SHARE) ? draw.pick(special) : CLASSWORK;
        lessons.push({ id: randomUUID(), periodId: period.id, entry, date, workType });
      }
    }
  });
  return lessons;
}
