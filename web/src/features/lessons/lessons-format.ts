import type { LessonRef } from "@otmetka/core/contracts/lessons.ts";
import type { TFunction } from "i18next";
import { addDays, isoWeekday } from "@otmetka/core/rules/timetable.ts";

const locale = (language: string) => (language === "en" ? "en-GB" : "ru-RU");

/** «пн, 9 ноября» — a school day as lists and headings name it. */
export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { weekday: "short", day: "numeric", month: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** «пн, 9 ноября · 2-й урок». */
export function lessonLabel(t: TFunction, lesson: LessonRef, language: string): string {
  return t("lessons.lessonLabel", { day: formatDay(lesson.date, language), number: lesson.lessonNumber });
}

/** Monday of the week holding `iso`, and the week's Sunday. */
export function weekOf(iso: string): { from: string; to: string } {
  const from = addDays(iso, 1 - isoWeekday(iso));
  return { from, to: addDays(from, 6) };
}

export function formatSize(bytes: number, language: string): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, "byte"] : bytes < 1024 * 1024 ? [bytes / 1024, "kilobyte"] : [bytes / 1024 / 1024, "megabyte"];
  return new Intl.NumberFormat(locale(language), { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}
