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
