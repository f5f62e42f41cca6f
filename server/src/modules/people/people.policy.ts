import type { StaffRole } from "@otmetka/core/contracts/staff.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { hasRole } from "../../platform/auth/actor.ts";

/** What the people feature needs to know about a staff member to decide what an actor may do. */
export interface StaffFacts {
  userId: string;
  archived: boolean;
  /** The account has no password yet. */
  invited: boolean;
  /** Schools other than the actor's where the account holds an active role. */
  otherSchools: number;
}

export function staffAbilities(actor: Actor, staff: StaffFacts) {
  const admin = hasRole(actor, "admin") && !staff.archived;
  return {
    edit: admin,
    // An account shared with another school is that person's login there too: one school's admin
    // must not be able to rename it or redirect its e-mail (and so its password reset).
    editProfile: admin && staff.otherSchools === 0,
    archive: admin && staff.userId !== actor.userId,
    invite: admin && staff.invited,
  };
}

/** An admin may not take away their own admin role: the school would risk losing its last admin. */
export function canSetStaffRoles(actor: Actor, staffUserId: string, roles: readonly StaffRole[]): boolean {
  return hasRole(actor, "admin") && (staffUserId !== actor.userId || roles.includes("admin"));
}

export interface StudentFacts {
  archived: boolean;
  hasAccount: boolean;
}

export function studentAbilities(actor: Actor, student: StudentFacts) {
  const admin = hasRole(actor, "admin") && !student.archived;
  return { edit: admin, archive: admin, createAccount: admin && !student.hasAccount, enrol: admin, addGuardian: admin };
}

export interface EnrolmentFacts {
  endsOn: string | null;
  studentArchived: boolean;
}

export function enrolmentAbilities(actor: Actor, enrolment: EnrolmentFacts) {
  const open = hasRole(actor, "admin") && !enrolment.studentArchived && enrolment.endsOn === null;
  return { end: open, transfer: open };
}

export function guardianAbilities(actor: Actor, studentArchived: boolean) {
  return { unlink: hasRole(actor, "admin") && !studentArchived };
}

export function assignmentAbilities(actor: Actor, assignment: { archived: boolean }) {
  return { archive: hasRole(actor, "admin") && !assignment.archived };
}

/**
 * Who may read a class roster: an admin; a teacher who leads the class or teaches it (any
 * subject, any subgroup). Everyone else is told the class does not exist.
 */
export function canReadRoster(actor: Actor, cls: { classTeacherId: string | null; taughtByActor: boolean }): boolean {
  if (hasRole(actor, "admin")) return true;
  if (!hasRole(actor, "teacher")) return false;
  return cls.classTeacherId === actor.userId || cls.taughtByActor;
}
