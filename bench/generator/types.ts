/**
 * The in-memory plan of one school: every row the writers insert, with ids already assigned so
 * rows can point at each other. Planning is pure and deterministic (the seed decides all
 * content); only the ids are random UUIDs, so two runs never collide on primary keys.
 */
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import type { PlannedCalendar } from "./calendar.ts";
import type { Specialty, SubjectDefinition } from "./curriculum.ts";
import type { Gender } from "./names.ts";
import type { PlannedSchool } from "./school.ts";

export type Role = "admin" | "teacher" | "parent" | "student";

export interface PlannedUser {
  id: string;
  email: string | null;
  phone: string | null;
  passwordHash: string | null;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string | null;
  /** When the e-mail was confirmed; null for invited accounts. */
  emailVerifiedAt: string | null;
}

export interface PlannedPerson {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  gender: Gender;
  snils: string | null;
  documentType: "RF_BRTH_CERT" | "RF_PASSPORT";
  documentSeries: string;
  documentNumber: string;
  userId: string | null;
  /** The family the student belongs to (plan only, not stored). */
  familyId: number;
  classId: string;
}

export interface PlannedClass {
  id: string;
  grade: number;
  letter: string;
  shift: number;
  classTeacherId: string;
  /** Planned number of students. */
  size: number;
}

export interface PlannedSubject extends SubjectDefinition {
  id: string;
}

export interface PlannedTeacher {
  userId: string;
  specialty: Specialty;
}

export interface PlannedGuardianship {
  parentUserId: string;
  personId: string;
  relation: "mother" | "father" | "parent" | "guardian";
}

export interface PlannedAssignment {
  id: string;
  teacherId: string;
  classId: string;
  subjectId: string;
}

export interface PlannedMembership {
  userId: string;
  role: Role;
}

export interface SchoolPlan {
  schoolId: string;
  school: PlannedSchool;
  settings: SchoolSettings;
  yearId: string;
  calendar: PlannedCalendar;
  subjects: PlannedSubject[];
  classes: PlannedClass[];
  users: PlannedUser[];
  memberships: PlannedMembership[];
  /** Students as persons (ФИО, birth date, СНИЛС, document), each enrolled in one class. */
  people: PlannedPerson[];
  guardianships: PlannedGuardianship[];
  teachers: PlannedTeacher[];
  assignments: PlannedAssignment[];
  /** The director, who confirms the guardianships; first of the admins. */
  adminUserIds: string[];
  /** When guardianships were confirmed and enrolments start. */
  confirmedAt: string;
}
