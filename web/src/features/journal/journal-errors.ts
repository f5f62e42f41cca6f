import type { ApiError } from "../../lib/api.ts";
import { errorMessage, i18n } from "../../lib/i18n.ts";

/** Refusals of the journal API (issue codes of core's journal rules) with a message of their own. */
const KNOWN_ISSUES = [
  "mark_not_allowed",
  "mark_with_absence",
  "late_minutes_required",
  "lesson_cancelled",
  "lesson_in_future",
  "not_enrolled",
  "unknown_work_type",
] as const;

/** The localised reason a journal change was refused, for a cell's label and the live region. */
export function journalErrorMessage(error: ApiError): string {
  const code = error.issues
    .map((issue) => issue.code)
    .find((c): c is (typeof KNOWN_ISSUES)[number] => (KNOWN_ISSUES as readonly string[]).includes(c));
  if (code) return i18n.t(`journal.error.${code}`);
  if (error.code === "locked" && error.reason === "edit_window") return i18n.t("journal.error.edit_window");
  if (error.code === "forbidden") return i18n.t("journal.error.forbidden");
  return errorMessage(i18n.t, error);
}
