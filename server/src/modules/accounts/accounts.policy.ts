import type { ErrorIssue } from "@otmetka/core/errors.ts";
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  type PasswordViolation,
} from "@otmetka/core/rules/password.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { hasRole } from "../../platform/auth/actor.ts";

/** Failed sign-ins allowed before the account is locked. */
export const MAX_FAILED_LOGINS = 5;

/** Lockout grows with each failure past the limit: 1, 2, 4 … minutes, at most an hour. */
export function lockoutSeconds(failedLogins: number): number {
  if (failedLogins < MAX_FAILED_LOGINS) return 0;
  return Math.min(60 * 2 ** (failedLogins - MAX_FAILED_LOGINS), 3600);
}

/** What the interface may offer the signed-in user in general (per-object abilities live with their views). */
export function meAbilities(actor: Actor): Record<string, boolean> {
  return {
    manageSchool: hasRole(actor, "admin"),
    viewAudit: hasRole(actor, "admin"),
    keepJournal: hasRole(actor, "teacher"),
    leadClass: actor.classTeacherOf.length > 0,
    followChildren: hasRole(actor, "parent"),
    viewOwnDiary: hasRole(actor, "student"),
    connectChild: actor.schoolId === null || hasRole(actor, "parent"),
  };
}

export function isStaff(actor: Actor): boolean {
  return hasRole(actor, "admin", "teacher");
}

const PASSWORD_MESSAGES: Record<PasswordViolation, string> = {
  too_short: `At least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `At most ${PASSWORD_MAX_LENGTH} characters`,
  no_upper: "Needs a capital letter",
  no_lower: "Needs a small letter",
  no_digit: "Needs a digit",
  no_special: "Needs a sign such as # or !",
  sequence: "No runs like 1234, abcd, qwer or aaaa",
  contains_name: "Must not contain your name or e-mail",
  contains_birth_date: "Must not contain your birth date",
  contains_phone: "Must not contain your phone number",
};

/** One validation issue per password rule broken (issue code = rule code), at `path`. */
export function passwordIssues(password: string, context: PasswordContext, path: (string | number)[]): ErrorIssue[] {
  return checkPassword(password, context).map((code) => ({ path, code, message: PASSWORD_MESSAGES[code] }));
}

/** What we know about a user that must stay out of their password. */
export function passwordContextOf(user: {
  last_name: string;
  first_name: string;
  middle_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
}): PasswordContext {
  return { names: [user.last_name, user.first_name, user.middle_name], email: user.email, phone: user.phone, birthDate: user.birth_date };
}
