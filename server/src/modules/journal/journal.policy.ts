import type { WeightedMark } from "@otmetka/core/rules/grades.ts";
import { addDays } from "../people/people.queries.ts";

/**
 * How an actor stands to one journal (class or subgroup × subject). Teaching assignments are
 * group-aware: a teacher of the whole class also keeps its subgroups' journals, a teacher of one
 * subgroup only that subgroup's.
 */
export interface JournalRelation {
  isAdmin: boolean;
  isAssigned: boolean;
  isClassTeacher: boolean;
  /** Teacher of record of at least one lesson of the journal in the period. */
  leadsLessons: boolean;
  /** Substitute in at least one lesson of the journal in the period. */
  substitutes: boolean;
}

/** Who may open a journal at all; anyone else gets 404. */
export function canReadJournal(r: JournalRelation): boolean {
  return r.isAdmin || r.isAssigned || r.isClassTeacher || r.leadsLessons || r.substitutes;
}

/** Whoever teaches the journal's subject sets its period and year marks. */
export function canSetFinalMarks(r: Pick<JournalRelation, "isAdmin" | "isAssigned" | "leadsLessons">): boolean {
  return r.isAdmin || r.isAssigned || r.leadsLessons;
}

export function journalAbilities(r: JournalRelation) {
  const edit = r.isAdmin || r.isAssigned || r.leadsLessons || r.substitutes;
  return {
    edit,
    editAttendanceOnly: !edit && r.isClassTeacher,
    setPeriodMarks: canSetFinalMarks(r),
    editLessons: edit,
  };
}

/**
 * What an actor may change in the cells of one lesson: everything (an admin, the lesson's teacher
 * or substitute, a teacher assigned to the class × subject), only attendance (the class teacher
 * converting Н to Б/У), or nothing.
 */
export type CellRights = "full" | "attendance" | "none";

export function cellRightsOf(
  userId: string,
  r: Pick<JournalRelation, "isAdmin" | "isAssigned" | "isClassTeacher">,
  lesson: { teacherId: string; substituteId: string | null },
): CellRights {
  if (r.isAdmin || r.isAssigned || lesson.teacherId === userId || lesson.substituteId === userId) return "full";
  return r.isClassTeacher ? "attendance" : "none";
}

/** Lessons dated before this day are locked for teachers (editWindowDays 0: only today's are open). */
export function lockedBefore(today: string, editWindowDays: number): string {
  return addDays(today, -editWindowDays);
}

/** Whether the edit window closes a lesson for an actor: admins and unlocked journals are never closed. */
export function isPastEditWindow(options: { isAdmin: boolean; unlocked: boolean; date: string; lockedBefore: string }): boolean {
  return !options.isAdmin && !options.unlocked && options.date < options.lockedBefore;
}

/** What the school's settings say about a lesson's weight. */
export interface WeightRules {
  workTypes: readonly { code: string; weightTenths: number }[];
}

/** Weight without a work type: the «classwork» type's, or 1.0 if the school has none. */
const DEFAULT_WORK_TYPE = "classwork";
const DEFAULT_WEIGHT_TENTHS = 10;

/** The weight a lesson's marks count with: its own override, else its work type's, else classwork's. */
export function lessonWeight(lesson: { workType: string | null; weightTenths: number | null }, rules: WeightRules): number {
  if (lesson.weightTenths !== null) return lesson.weightTenths;
  const byCode = (code: string) => rules.workTypes.find((w) => w.code === code)?.weightTenths;
  return (lesson.workType ? byCode(lesson.workType) : undefined) ?? byCode(DEFAULT_WORK_TYPE) ?? DEFAULT_WEIGHT_TENTHS;
}

/** A cell's marks as the grade rules take them: both marks with the lesson's weight and work type. */
export function weightedMarksOf(
  cell: { mark1: string | null; mark2: string | null },
  lesson: { workType: string | null; weightTenths: number | null },
  rules: WeightRules,
): (WeightedMark & { workType: string | null })[] {
  const weightTenths = lessonWeight(lesson, rules);
  return [cell.mark1, cell.mark2]
    .filter((m): m is string => m !== null)
    .map((value) => ({ value, weightTenths, workType: lesson.workType }));
}

/**
 * An existing mark is changed or removed (not just a second mark added): such a change needs a
 * reason, unless the same user saved the cell moments ago (fixing a slip).
 */
export function changesExistingMarks(before: readonly string[], after: readonly string[]): boolean {
  return before.some((mark, i) => after[i] !== mark);
}

/** How long after their own save a user may still correct a mark without giving a reason. */
export const SLIP_FIX_MS = 10 * 60 * 1000;
