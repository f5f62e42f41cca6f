/**
 * Messages for failed timetable calls: issues next to their fields (timetable codes first, then the
 * structure pages' shared ones), and the bookings a 409 lists, each as one readable line.
 */
import { LessonConflict, TimetableConflict } from "@otmetka/core/contracts/timetable.ts";
import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api.ts";
import { errorMessage, i18n, type TranslationKey } from "../../lib/i18n.ts";
import { type FormErrors, issueMessage, NO_ERRORS } from "../structure/structure-errors.ts";

export function timetableIssue(t: TFunction, code: string): string {
  const key = `timetable.issue.${code}`;
  return i18n.exists(key) ? t(key as TranslationKey) : issueMessage(t, code);
}

/** Field messages by path below `body`; the rest (a stale version, a conflict, a refusal) as the form's message. */
export function timetableErrorsOf(t: TFunction, error: unknown): FormErrors {
  if (!error) return NO_ERRORS;
  if (!isApiError(error)) return { fields: {}, form: errorMessage(t, error) };
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.path[0] === "body" && issue.path.length > 1) fields[issue.path.slice(1).join(".")] ??= timetableIssue(t, issue.code);
  }
  if (Object.keys(fields).length > 0) return { fields, form: null };
  if (error.reason === "stale_version") return { fields, form: t("timetable.stale") };
  // The bookings of a conflict are listed by <ConflictAlert>.
  if (conflictsOf(error).length > 0) return { fields, form: null };
  return { fields, form: error.code === "conflict" ? `${t("structure.conflict")} ${error.message}` : errorMessage(t, error) };
}

type Conflict = TimetableConflict | LessonConflict;

/** The bookings a 409 names (`details.conflicts`), for entries and dated lessons alike. */
export function conflictsOf(error: unknown): Conflict[] {
  if (!isApiError(error, "conflict") || !Array.isArray(error.details.conflicts)) return [];
  return error.details.conflicts.flatMap((c): Conflict[] => {
    const parsed = TimetableConflict.safeParse(c);
    if (parsed.success) return [parsed.data];
    const lesson = LessonConflict.safeParse(c);
    return lesson.success ? [lesson.data] : [];
  });
}

/** E.g. «Учитель занят: Смирнов Андрей ведёт «Математика» в 5Б — пн, 3-й урок, каб. 214». */
export function conflictText(t: TFunction, c: Conflict, language: string): string {
  const when =
    "weekday" in c
      ? t("timetable.conflicts.whenWeekly", { day: t(`timetable.weekdayShort.${c.weekday}` as TranslationKey), n: c.lessonNumber })
      : t("timetable.conflicts.whenDated", {
          date: new Intl.DateTimeFormat(language === "en" ? "en-GB" : "ru-RU", { timeZone: "UTC", day: "numeric", month: "long" }).format(
            new Date(`${c.date}T00:00:00Z`),
          ),
          n: c.lessonNumber,
        });
  const room = c.room ? t("timetable.conflicts.room", { room: c.room }) : "";
  return `${t(`timetable.conflicts.kind.${c.kind}`)}: ${t("timetable.conflicts.booking", { teacher: c.teacher, subject: c.subject, class: c.class })} — ${when}${room}`;
}
