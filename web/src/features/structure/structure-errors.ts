import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api.ts";
import { errorMessage, i18n, type TranslationKey } from "../../lib/i18n.ts";

/** Server field problems by field path below `body` ("endsOn", "settings.workTypes.2.code"), and a message for the rest. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** The message for an issue code (`overlaps_period`, `invalid_inn`), or the generic one. */
export function issueMessage(t: TFunction, code: string): string {
  const key = `structure.issue.${code}`;
  return i18n.exists(key) ? t(key as TranslationKey) : t("structure.issue.invalid");
}

/**
 * Turns a failed call into messages next to the fields. A conflict or refusal without a field
 * becomes the form's message; a stale settings version gets its own explanation.
 */
export function formErrorsOf(t: TFunction, error: unknown): FormErrors {
  if (!error) return NO_ERRORS;
  if (!isApiError(error)) return { fields: {}, form: errorMessage(t, error) };
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.path[0] !== "body" || issue.path.length < 2) continue;
    fields[issue.path.slice(1).join(".")] ??= issueMessage(t, issue.code);
  }
  const unplaced = error.issues.filter((i) => i.path[0] !== "body" || i.path.length < 2);
  if (Object.keys(fields).length > 0 && unplaced.length === 0) return { fields, form: null };
  const reasonKey = error.reason ? `structure.reason.${error.reason}` : "";
  const form = unplaced[0]
    ? issueMessage(t, unplaced[0].code)
    : reasonKey && i18n.exists(reasonKey)
      ? t(reasonKey as TranslationKey)
      : error.code === "conflict" && error.message
        ? `${t("structure.conflict")} ${error.message}`
        : errorMessage(t, error);
  return { fields, form };
}
