import type { JournalGrid, JournalLesson } from "@otmetka/core/contracts/journal.ts";

export type GridStudent = JournalGrid["students"][number];

/** Why a cell cannot be changed; null when it can. */
export type ReadOnlyReason = "no_rights" | "cancelled" | "future" | "locked" | "not_enrolled";

/** Columns right of the lessons: weighted average, suggested and set period mark. */
export const SUMMARY_COLUMNS = ["average", "suggested", "periodMark"] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** A grid position: row −1 is the header row; columns 0…n−1 are lessons, then the summary columns. */
export interface Position {
  row: number;
  col: number;
}

export function positionKey(p: Position): string {
  return `${p.row}:${p.col}`;
}

/** Whether the lesson column accepts input at all (for every student). */
export function lessonReadOnly(lesson: JournalLesson, abilities: JournalGrid["abilities"]): ReadOnlyReason | null {
  if (!abilities.edit && !abilities.editAttendanceOnly) return "no_rights";
  if (lesson.status === "cancelled") return "cancelled";
  if (lesson.future) return "future";
  if (lesson.locked) return "locked";
  return null;
}

/** A student belongs to the class (group) only between their enrolment dates. */
export function isEnrolledOn(student: GridStudent, date: string): boolean {
  return student.from <= date && (student.to === null || date <= student.to);
}

export function cellReadOnly(lesson: JournalLesson, student: GridStudent, abilities: JournalGrid["abilities"]): ReadOnlyReason | null {
  return lessonReadOnly(lesson, abilities) ?? (isEnrolledOn(student, lesson.date) ? null : "not_enrolled");
}

/** «12.09» from 2026-09-12. */
export function shortDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}`;
}

/** A weight in tenths as people write it: 50 → «5», 25 → «2,5» (or «2.5»). */
export function weightText(tenths: number, decimalSeparator: string): string {
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}${decimalSeparator}${tenths % 10}`;
}

/** The period containing today, else the last one that has begun, else the first. */
export function defaultPeriodId(periods: readonly { id: string; startsOn: string; endsOn: string }[], today: string): string | undefined {
  const sorted = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const current = sorted.find((p) => p.startsOn <= today && today <= p.endsOn);
  if (current) return current.id;
  const begun = sorted.filter((p) => p.startsOn <= today);
  return (begun.at(-1) ?? sorted[0])?.id;
}
