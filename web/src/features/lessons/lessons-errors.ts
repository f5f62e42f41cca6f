import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api.ts";
import { errorMessage, i18n, type TranslationKey } from "../../lib/i18n.ts";

/**
 * A failed lesson call in the reader's language: a field problem by its code
 * (`lessons.issue.due_outside_year`), a refused file by its reason, else the generic message.
 */
export function lessonErrorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return errorMessage(t, error);
  for (const issue of error.issues) {
    const key = `lessons.issue.${issue.code}`;
    if (i18n.exists(key)) return t(key as TranslationKey);
  }
  const reason = error.reason;
  if (reason && i18n.exists(`lessons.fileReason.${reason}`)) {
    return t(`lessons.fileReason.${reason}` as TranslationKey, {
      declared: String(error.details.declared ?? ""),
      detected: String(error.details.detected ?? "?"),
      extension: String(error.details.extension ?? ""),
    });
  }
  return errorMessage(t, error);
}
