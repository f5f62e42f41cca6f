import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api.ts";
import { errorMessage, i18n, type TranslationKey } from "../../lib/i18n.ts";

/** Server field problems by field path below `body` ("email", "document.series"), and a message for the rest. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

function translated(t: TFunction, keys: string[]): string | null {
  const key = keys.find((k) => i18n.exists(k));
  return key ? t(key as TranslationKey) : null;
}

/**
 * Turns a failed call into messages next to the fields: the issue's code (`snils_taken`) or, for
 * checks written in the shared schemas, its message (`invalid_snils`) names the translation.
 */
export function formErrorsOf(t: TFunction, error: unknown): FormErrors {
  if (!error) return NO_ERRORS;
  const fields: Record<string, string> = {};
  if (isApiError(error)) {
    for (const issue of error.issues) {
      if (issue.path[0] !== "body" || issue.path.length < 2) continue;
      const path = issue.path.slice(1).join(".");
      fields[path] ??= translated(t, [`people.issue.${issue.code}`, `people.issue.${issue.message}`]) ?? t("people.issue.invalid");
    }
    if (Object.keys(fields).length > 0) return { fields, form: null };
    const reason = error.reason ? translated(t, [`people.reason.${error.reason}`]) : null;
    return { fields, form: reason ?? errorMessage(t, error) };
  }
  return { fields, form: errorMessage(t, error) };
}
