/**
 * Who sees a lesson page and what they may do there: pure rules over facts the queries read.
 * The journal's teachers (teaching the class the subject, the lesson's teacher or substitute,
 * the class teacher) and admins see everything; a student of the class and the parents of such
 * students see the topic and the homework; anyone else gets 404.
 */
import type { Role } from "@otmetka/core/contracts/common.ts";

export interface LessonFacts {
  roles: readonly Role[];
  /** The user has an active teaching assignment for the lesson's class (or its subgroup) and subject. */
  teaches: boolean;
  isLessonTeacher: boolean;
  isSubstitute: boolean;
  isClassTeacher: boolean;
  /** The user is a student of the lesson: enrolled in its class (and subgroup) on its date. */
  isStudent: boolean;
  /** The user is a confirmed guardian of a student of the lesson. */
  isParent: boolean;
  cancelled: boolean;
}

export type LessonView = "full" | "reduced";

const has = (f: LessonFacts, role: Role) => f.roles.includes(role);

/** May the user change the lesson's topic and homework and check homework (cancelled or not)? */
export function isJournalEditor(f: LessonFacts): boolean {
  return has(f, "admin") || (has(f, "teacher") && (f.teaches || f.isLessonTeacher || f.isSubstitute));
}

/** What the user sees of the lesson; null: nothing (404). */
export function lessonViewOf(f: LessonFacts): LessonView | null {
  if (isJournalEditor(f) || (has(f, "teacher") && f.isClassTeacher)) return "full";
  if ((has(f, "student") && f.isStudent) || (has(f, "parent") && f.isParent)) return "reduced";
  return null;
}

export function lessonAbilities(f: LessonFacts) {
  const edit = isJournalEditor(f) && !f.cancelled;
  return {
    editTopic: edit,
    editHomework: edit,
    checkHomework: isJournalEditor(f),
    markDone: has(f, "student") && f.isStudent,
  };
}
