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

export interface PlannedBellTime {
  shift: number;
  lessonNumber: number;
  /** "08:30" */
  startsAt: string;
  endsAt: string;
}

/** One weekly lesson of a class (or subgroup): weekday 1 = Monday … 5 = Friday. */
export interface PlannedTimetableEntry {
  id: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  teacherId: string;
  weekday: number;
  lessonNumber: number;
  room: string;
}

/** A dated lesson made from a timetable entry on a study day. */
export interface PlannedLesson {
  id: string;
  periodId: string;
  entry: PlannedTimetableEntry;
  date: string;
  /** A code of the school's work types ("classwork" for most lessons). */
  workType: string;
}

export interface PlannedCell {
  lessonId: string;
  studentId: string;
  mark1: string | null;
  mark2: string | null;
  attendance: "ABSENT_UNEXCUSED" | "ABSENT_ILLNESS" | "ABSENT_EXCUSED" | "LATE" | null;
  lateMinutes: number | null;
  updatedBy: string;
  updatedAt: string;
}

/** A period mark of an ended period: the suggestion from the weighted average and the mark set. */
export interface PlannedPeriodMark {
  periodId: string;
  subjectId: string;
  studentId: string;
  averageNum: number | null;
  averageDen: number | null;
  suggested: string;
  value: string;
  setBy: string;
  setAt: string;
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
  /** The date the journal is filled up to: lessons, marks and attendance stop here. */
  today: string;
  bellTimes: PlannedBellTime[];
  timetable: PlannedTimetableEntry[];
  /** Lessons in class order, by date and lesson number within a class. */
  lessons: PlannedLesson[];
  cells: PlannedCell[];
  periodMarks: PlannedPeriodMark[];
}
