import type { TFunction } from "i18next";
import { isApiError } from "../../lib/api.ts";
import { errorMessage, formatWait } from "../../lib/i18n.ts";

/** Messages for the answers of the sign-in steps; everything else falls back to `errorMessage`. */
function lockoutMessage(t: TFunction, error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const wait = error.retryAfterSeconds;
  if (error.code === "locked") return wait ? t("auth.login.locked", { wait: formatWait(t, wait) }) : t("auth.login.lockedNoWait");
  if (error.code === "rate_limited") {
    return wait ? t("auth.login.rateLimited", { wait: formatWait(t, wait) }) : t("auth.login.rateLimitedNoWait");
  }
  return undefined;
}

export function loginErrorMessage(t: TFunction, error: unknown): string {
  const lockout = lockoutMessage(t, error);
  if (lockout) return lockout;
  if (isApiError(error, "unauthenticated")) return t("auth.login.wrongCredentials");
  if (isApiError(error, "forbidden") && error.reason === "unconfirmed") return t("auth.login.unconfirmed");
  return errorMessage(t, error);
}

/** `restart` when the pending sign-in is gone and the password step must be done again. */
export function mfaErrorMessage(t: TFunction, error: unknown): { message: string; restart: boolean } {
  const lockout = lockoutMessage(t, error);
  if (lockout) return { message: lockout, restart: false };
  if (isApiError(error, "unauthenticated") && error.reason === "mfa_expired") return { message: t("auth.mfa.expired"), restart: true };
  if (isApiError(error, "unauthenticated") || isApiError(error, "validation_failed")) {
    return { message: t("auth.mfa.wrongCode"), restart: false };
  }
  return { message: errorMessage(t, error), restart: false };
}

/** Which form field a server validation issue belongs to (`["body", "login"]` → "login"). */
export function issueFields(error: unknown): Set<string> {
  const fields = new Set<string>();
  if (!isApiError(error, "validation_failed")) return fields;
  for (const issue of error.issues) {
    const field = issue.path.find((part) => part !== "body");
    if (typeof field === "string") fields.add(field);
  }
  return fields;
}
