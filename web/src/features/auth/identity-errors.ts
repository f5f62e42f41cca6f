import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api.ts";

/** Issue codes per input field of a 400 answer (`["body", "password"]` → "password"). */
export function issueCodesByField(error: unknown): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  if (!isApiError(error, "validation_failed")) return fields;
  for (const issue of error.issues) {
    const field = issue.path.find((part) => part !== "body");
    if (typeof field !== "string") continue;
    fields.set(field, [...(fields.get(field) ?? []), issue.code]);
  }
  return fields;
}

const CODE_PROBLEMS = ["invalid_code", "code_expired", "too_many_attempts"] as const;

/** The message for a one-time code the server refused, or undefined for any other error. */
export function codeProblemMessage(t: TFunction, error: unknown): string | undefined {
  const code = issueCodesByField(error).get("code")?.[0];
  return CODE_PROBLEMS.find((p) => p === code) ? t(`code.${code as (typeof CODE_PROBLEMS)[number]}`) : undefined;
}
