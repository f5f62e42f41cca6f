import type { AttendanceState, FinalMarkValue, JournalGrid } from "@otmetka/core/contracts/journal.ts";
import { i18n } from "../../lib/i18n.ts";
import { type CellValue, isNumeric } from "./cell-value.ts";
import { cellReadOnly, type ReadOnlyReason, SUMMARY_COLUMNS } from "./grid-model.ts";
import type { JournalController } from "./journal-controller.ts";
import type { GridAction } from "./keymap.ts";

type Settings = JournalGrid["settings"];
type Abilities = JournalGrid["abilities"];

/**
 * What a key (or a button of the cell menu) does to the active cell: the spreadsheet rules of
 * the journal. Returns false when the key is not the grid's (the browser keeps it).
 */
export function runGridAction(c: JournalController, action: GridAction, settings: Settings, abilities: Abilities): boolean {
  const { row, col } = c.focus.current;
  const lessonCount = c.lessons.get().length;
  switch (action.type) {
    case "move":
      leavePendingSecond(c);
      c.focus.moveBy(action.rows, action.cols);
      return true;
    case "moveTo":
      leavePendingSecond(c);
      c.focus.moveTo(action.to);
      return true;
    case "tab":
      leavePendingSecond(c);
      return c.focus.tab(action.backwards);
    case "undo":
      if (!c.undo()) c.announce(i18n.t("journal.announce.nothingToUndo"));
      return true;
    case "cancel":
      leavePendingSecond(c);
      return true;
  }
  if (row < 0) {
    if (action.type === "open" && col < lessonCount) c.editor.set({ kind: "column", col });
    return action.type === "open";
  }
  if (col >= lessonCount) {
    if (SUMMARY_COLUMNS[col - lessonCount] !== "periodMark") return false;
    return runPeriodMarkAction(c, action, row, settings, abilities);
  }
  return runCellAction(c, action, row, col, settings, abilities);
}

function leavePendingSecond(c: JournalController): void {
  const key = c.keyAt(c.focus.current.row, c.focus.current.col);
  if (key) c.setAwaitingSecond(key, false);
}

export function readOnlyMessage(reason: ReadOnlyReason): string {
  return i18n.t(`journal.readOnly.${reason}`);
}

function runCellAction(
  c: JournalController,
  action: GridAction,
  row: number,
  col: number,
  settings: Settings,
  abilities: Abilities,
): boolean {
  const key = c.keyAt(row, col);
  const lesson = c.lessonAt(col);
  const student = c.students[row];
  const state = key ? c.cells.get(key) : undefined;
  if (!key || !lesson || !student || !state) return false;
  if (action.type === "open") {
    c.editor.set({ kind: "cell", row, col });
    return true;
  }
  const readOnly = cellReadOnly(lesson, student, abilities);
  if (readOnly) {
    c.announce(readOnlyMessage(readOnly));
    return true;
  }
  const value = state.value;
  const marksAllowed = abilities.edit;
  const refuseMarks = () => {
    c.announce(i18n.t("journal.announce.attendanceOnly"));
    return true;
  };
  // An absent student gets no mark for the lesson, only a «•» (owes the work): say so at once.
  const isAbsent = value.attendance?.state.startsWith("ABSENT_") ?? false;
  const refuseWithAbsence = () => {
    c.announce(i18n.t("journal.error.mark_with_absence"));
    return true;
  };
  switch (action.type) {
    case "mark": {
      if (!marksAllowed) return refuseMarks();
      if (action.value === "1" && !settings.allowMarkOne) {
        c.announce(i18n.t("journal.announce.markOneOff"));
        return true;
      }
      if (isAbsent) return refuseWithAbsence();
      const first = value.marks[0];
      const marks = state.awaitingSecond && first && isNumeric(first) ? [first, action.value] : [action.value];
      c.change(key, { ...value, marks });
      return true;
    }
    case "secondMark": {
      if (!marksAllowed) return refuseMarks();
      const first = value.marks[0];
      if (first && isNumeric(first)) c.setAwaitingSecond(key, true);
      else c.announce(i18n.t("journal.announce.secondNeedsFirst"));
      return true;
    }
    case "special":
      if (!marksAllowed) return refuseMarks();
      if (isAbsent && action.value !== "DUE") return refuseWithAbsence();
      c.change(key, { ...value, marks: [action.value] });
      return true;
    case "attendance":
      if (action.state === "LATE") c.openLateEditor(key);
      else if (value.marks.some((m) => m !== "DUE") && value.attendance?.state !== action.state) return refuseWithAbsence();
      else c.change(key, toggleAttendance(value, action.state));
      return true;
    case "clear":
      c.change(key, { ...value, marks: marksAllowed ? [] : value.marks, attendance: null });
      return true;
    case "comment":
      if (!marksAllowed) return refuseMarks();
      c.openDialog({ type: "comment", key });
      return true;
    default:
      return false;
  }
}

/** The same letter again takes the absence back. */
export function toggleAttendance(value: CellValue, state: Exclude<AttendanceState, "LATE">): CellValue {
  return { ...value, attendance: value.attendance?.state === state ? null : { state, lateMinutes: null } };
}

function runPeriodMarkAction(c: JournalController, action: GridAction, row: number, settings: Settings, abilities: Abilities): boolean {
  const student = c.students[row];
  if (!student) return false;
  if (action.type === "open") {
    c.editor.set({ kind: "periodMark", row });
    return true;
  }
  let value: FinalMarkValue | null;
  if (action.type === "mark") value = action.value;
  else if (action.type === "special" && action.value !== "DUE") value = action.value;
  else if (action.type === "clear") value = null;
  else return action.type === "special" || action.type === "attendance" || action.type === "secondMark";
  if (!abilities.setPeriodMarks) {
    c.announce(readOnlyMessage("no_rights"));
    return true;
  }
  if (value === "1" && !settings.allowMarkOne) {
    c.announce(i18n.t("journal.announce.markOneOff"));
    return true;
  }
  c.periodMarks.request(student.id, value);
  return true;
}
