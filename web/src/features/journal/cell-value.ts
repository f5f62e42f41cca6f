import type { AttendanceState, GridCell, MarkValue } from "@otmetka/core/contracts/journal.ts";

/** What a journal cell holds, as the teacher edits it (the body of saveCell without version and reason). */
export interface CellValue {
  marks: MarkValue[];
  attendance: { state: AttendanceState; lateMinutes: number | null } | null;
  comment: string;
}

export const EMPTY_CELL: CellValue = { marks: [], attendance: null, comment: "" };

/** Cells are keyed by lesson and student: one key per grid position. */
export function cellKey(lessonId: string, studentId: string): string {
  return `${lessonId}:${studentId}`;
}

export function cellValueOf(cell: GridCell): CellValue {
  return { marks: cell.marks, attendance: cell.attendance, comment: cell.comment };
}

export function isEmptyValue(value: CellValue): boolean {
  return value.marks.length === 0 && value.attendance === null && value.comment === "";
}

export function sameValue(a: CellValue, b: CellValue): boolean {
  return (
    a.comment === b.comment &&
    a.marks.length === b.marks.length &&
    a.marks.every((m, i) => m === b.marks[i]) &&
    a.attendance?.state === b.attendance?.state &&
    (a.attendance?.lateMinutes ?? null) === (b.attendance?.lateMinutes ?? null)
  );
}

/** Numeric marks; the others (•, н/а, зач, незач, осв) are shown but never averaged. */
export function isNumeric(mark: MarkValue): mark is "1" | "2" | "3" | "4" | "5" {
  return mark === "1" || mark === "2" || mark === "3" || mark === "4" || mark === "5";
}

/** Short labels of the non-numeric marks, in the journal's own notation. */
export type SpecialMarkLabels = Record<Exclude<MarkValue, "1" | "2" | "3" | "4" | "5">, string>;

export function markText(mark: MarkValue, labels: SpecialMarkLabels): string {
  return isNumeric(mark) ? mark : labels[mark];
}

/** «5/4», «зач», or "" for no mark. */
export function marksText(marks: readonly MarkValue[], labels: SpecialMarkLabels): string {
  return marks.map((m) => markText(m, labels)).join("/");
}

/** The school's letter for the state, with the minutes of a late arrival: «Н», «О 5». */
export function attendanceText(attendance: CellValue["attendance"], letters: Record<AttendanceState, string>): string {
  if (!attendance) return "";
  const letter = letters[attendance.state];
  return attendance.state === "LATE" && attendance.lateMinutes ? `${letter} ${attendance.lateMinutes}` : letter;
}
