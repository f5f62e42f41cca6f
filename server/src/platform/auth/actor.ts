import type { Role } from "@otmetka/core/contracts/common.ts";

/** Who is making a request, resolved from the session once per request. */
export interface Actor {
  userId: string;
  /** sha-256 of the session id (the id itself is never stored). */
  sessionIdHash: string;
  displayName: string;
  /** The school the session works in; null for a user with no school yet (a new parent). */
  schoolId: string | null;
  /** Roles in the current school. */
  roles: Role[];
  /** Classes the user leads as class teacher in the current school. */
  classTeacherOf: string[];
  /**
   * Set while the session has not finished signing in (see IncompleteSession in session.ts);
   * absent for a complete session. Only routes that allow the stage ever see such an actor.
   */
  incomplete?: "mfa_pending" | "mfa_setup";
}

/** An actor inside a school: what every school-scoped service takes. */
export interface SchoolActor extends Actor {
  schoolId: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
