import { memo, useState } from "react";
import { attendanceText, isNumeric, marksText } from "./cell-value.ts";
import { useGridLabels } from "./grid-labels.ts";
import { journalErrorMessage } from "./journal-errors.ts";
import type { ReadOnlyReason } from "./grid-model.ts";
import { AlertGlyph, CheckGlyph, DotsGlyph, LockGlyph, RetryGlyph } from "./journal-icons.tsx";
import type { CellState, CellStatus, JournalController } from "./journal-controller.ts";
import { useKeyed } from "./keyed-store.ts";

interface GridCellProps {
  c: JournalController;
  row: number;
  col: number;
  cellKey: string;
  readOnly: ReadOnlyReason | null;
  /** «Иванов Иван» and «12.09, урок 3», for the cell's accessible name. */
  studentName: string;
  lessonName: string;
}

const STATUS_GLYPH: Partial<Record<CellStatus, typeof CheckGlyph>> = {
  saving: DotsGlyph,
  saved: CheckGlyph,
  retrying: RetryGlyph,
  conflict: AlertGlyph,
  reason: AlertGlyph,
  rejected: AlertGlyph,
  locked: LockGlyph,
};

/**
 * One journal cell: marks, attendance letter, a comment marker and the save state. It reads only
 * its own entries of the stores, so typing into it re-renders it alone.
 */
export const GridCell = memo(function GridCell({ c, row, col, cellKey, readOnly, studentName, lessonName }: GridCellProps) {
  const labels = useGridLabels();
  const state = useKeyed(c.cells, cellKey) as CellState;
  const active = useKeyed(c.focus.active, `${row}:${col}`) ?? false;
  const lateOpen = useKeyed(c.lateEditing, cellKey) ?? false;
  const { value, status } = state;

  const problem = state.error && status !== "saving" ? journalErrorMessage(state.error) : "";
  const marks = marksText(value.marks, labels.special);
  const attendance = attendanceText(value.attendance, labels.letters);
  const shownMarks = state.awaitingSecond ? `${marks}/` : marks;
  // The accessible name starts with the cell's visible text (WCAG 2.5.3), then says what it means.
  const visible = [shownMarks, attendance].filter(Boolean).join(" ");
  const meanings = [
    ...value.marks.filter((m) => !isNumeric(m)).map((m) => labels.specialNames[m as keyof typeof labels.specialNames]),
    value.attendance?.state === "LATE" && value.attendance.lateMinutes
      ? labels.late(value.attendance.lateMinutes)
      : value.attendance
        ? labels.attendanceNames[value.attendance.state]
        : "",
  ].filter(Boolean);
  const spoken = [
    visible ? (meanings.length > 0 ? `${visible} (${meanings.join(", ")})` : visible) : labels.empty,
    state.awaitingSecond ? labels.awaitingSecond : "",
    value.comment ? labels.comment(value.comment) : "",
    labels.status[status],
    problem,
    readOnly ? labels.readOnly[readOnly] : "",
  ].filter(Boolean);
  const Glyph = STATUS_GLYPH[status];

  return (
    <td
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of a role="grid" table is a gridcell (ARIA in HTML); said explicitly for aria-readonly
      role="gridcell"
      data-pos={`${row}:${col}`}
      tabIndex={active ? 0 : -1}
      aria-readonly={readOnly ? true : undefined}
      title={problem || undefined}
      aria-label={labels.cell(studentName, lessonName, spoken.join(", "))}
      className={`jg-cell${readOnly ? ` jg-ro jg-ro-${readOnly}` : ""}${status !== "idle" ? ` jg-st-${status}` : ""}${value.comment ? " jg-has-comment" : ""}${lateOpen ? " jg-late-open" : ""}`}
    >
      <div className="jg-box">
        <span className="jg-value" aria-hidden="true">
          {marks && <span className="jg-marks">{shownMarks}</span>}
          {state.awaitingSecond && <span className="jg-caret" />}
          {marks && attendance && " "}
          {attendance && <span className="jg-att">{attendance}</span>}
        </span>
        {Glyph && <Glyph className="jg-status" />}
      </div>
      {lateOpen && <LateInput c={c} cellKey={cellKey} initial={value.attendance?.state === "LATE" ? value.attendance.lateMinutes : null} />}
    </td>
  );
});

/** The inline «minutes late» input «О» opens: Enter saves, Escape gives up. */
function LateInput({ c, cellKey, initial }: { c: JournalController; cellKey: string; initial: number | null }) {
  const labels = useGridLabels();
  const [text, setText] = useState(initial ? String(initial) : "");
  const minutes = Number(text);
  const valid = /^\d{1,2}$/.test(text) && minutes >= 1 && minutes <= 90;
  const close = () => {
    c.closeLateEditor();
    c.focus.restore();
  };
  const commit = () => {
    const state = c.cells.get(cellKey);
    if (valid && state) c.change(cellKey, { ...state.value, attendance: { state: "LATE", lateMinutes: minutes } });
    close();
  };
  return (
    <input
      className="jg-late-input"
      // biome-ignore lint/a11y/noAutofocus: the input opens because the teacher just asked for it
      autoFocus
      inputMode="numeric"
      maxLength={2}
      aria-label={labels.lateInput}
      aria-invalid={text !== "" && !valid}
      value={text}
      onChange={(e) => setText(e.currentTarget.value.replace(/\D/g, ""))}
      onBlur={() => c.closeLateEditor()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter" || e.key === "Tab") {
          e.preventDefault();
          commit();
        } else if (e.key === "Escape") {
          e.preventDefault();
          close();
        }
      }}
    />
  );
}
