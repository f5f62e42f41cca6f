import { VisuallyHidden } from "@mantine/core";
import type { JournalGrid as JournalGridData } from "@otmetka/core/contracts/journal.ts";
import { type FocusEvent, type KeyboardEvent, type MouseEvent, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CellPopover } from "./CellPopover.tsx";
import { ColumnMenu } from "./ColumnMenu.tsx";
import { GridHeaderRow, useLessonName } from "./GridHeader.tsx";
import { GridRow } from "./GridRow.tsx";
import { runGridAction } from "./grid-actions.ts";
import { buildGridLabels, GridLabelsContext } from "./grid-labels.ts";
import { SUMMARY_COLUMNS } from "./grid-model.ts";
import { JournalDialogs } from "./JournalDialogs.tsx";
import type { JournalController } from "./journal-controller.ts";
import { actionForKey, type Keymap } from "./keymap.ts";
import { useValue } from "./keyed-store.ts";
import { PeriodMarkPopover } from "./PeriodMarkPopover.tsx";
import "./journal-grid.css";

function positionOf(target: EventTarget | null): { row: number; col: number; element: HTMLElement } | null {
  const element = (target as HTMLElement | null)?.closest?.<HTMLElement>("[data-pos]");
  const [row, col] = element?.dataset.pos?.split(":").map(Number) ?? [];
  return element && row !== undefined && col !== undefined ? { row, col, element } : null;
}

/**
 * The journal grid (ARIA grid pattern): one tab stop, arrows/Tab/Enter move, keys type into the
 * active cell. Keys, clicks and focus are handled once at the table, not per cell.
 */
export function JournalGrid({ c, grid, keymap, label }: { c: JournalController; grid: JournalGridData; keymap: Keymap; label: string }) {
  const { t, i18n } = useTranslation();
  const lessons = useValue(c.lessons);
  const lessonName = useLessonName();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const labels = useMemo(() => buildGridLabels(t, grid.settings.attendanceLetters), [t, i18n.language, grid.settings.attendanceLetters]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: names follow the language
  const lessonNames = useMemo(() => lessons.map(lessonName), [lessons, i18n.language]);
  const attach = useCallback((table: HTMLTableElement | null) => c.focus.attach(table), [c]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    // Keys typed into an input inside the grid (minutes late) are that input's.
    if (!(event.target as HTMLElement).dataset.pos) return;
    const action = actionForKey(event.nativeEvent, keymap);
    if (action && runGridAction(c, action, grid.settings, grid.abilities)) event.preventDefault();
  };
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const position = positionOf(event.target);
    if (position && position.element === event.target) c.focus.setActive(position);
  };
  const onClick = (event: MouseEvent<HTMLTableElement>) => {
    const position = positionOf(event.target);
    if (!position || (event.target as HTMLElement).closest("a, input")) return;
    c.focus.setActive(position);
    runGridAction(c, { type: "open" }, grid.settings, grid.abilities);
  };

  return (
    <GridLabelsContext.Provider value={labels}>
      <div className="jg-scroll">
        <table
          ref={attach}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table (keyboard navigable cells)
          role="grid"
          aria-label={label}
          aria-rowcount={grid.students.length + 1}
          aria-colcount={lessons.length + SUMMARY_COLUMNS.length + 1}
          className="jg-table"
          style={{
            width: `calc(var(--jg-name-width) + ${lessons.length} * var(--jg-cell-width) + ${SUMMARY_COLUMNS.length} * var(--jg-summary-width))`,
          }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onClick={onClick}
        >
          {/* Fixed layout: a changed cell never makes the browser lay out the whole table again. */}
          <colgroup>
            <col className="jg-col-name" />
            {lessons.map((lesson) => (
              <col key={lesson.id} className="jg-col-lesson" />
            ))}
            {SUMMARY_COLUMNS.map((column) => (
              <col key={column} className="jg-col-summary" />
            ))}
          </colgroup>
          <thead>
            <GridHeaderRow c={c} settings={grid.settings} abilities={grid.abilities} />
          </thead>
          <tbody>
            {grid.students.map((student, row) => (
              <GridRow
                key={student.id}
                c={c}
                row={row}
                student={student}
                lessons={lessons}
                lessonNames={lessonNames}
                period={grid.period}
                abilities={grid.abilities}
              />
            ))}
          </tbody>
        </table>
      </div>
      <CellPopover c={c} grid={grid} />
      <ColumnMenu c={c} grid={grid} />
      <PeriodMarkPopover c={c} grid={grid} />
      <JournalDialogs c={c} lessonNames={lessonNames} />
      <Announcer c={c} />
    </GridLabelsContext.Provider>
  );
}

/** The grid's live region: refusals, failures and prompts are read out; saving is shown in each cell. */
function Announcer({ c }: { c: JournalController }) {
  const { text, id } = useValue(c.announcement);
  return (
    <VisuallyHidden role="status" aria-live="polite">
      <span key={id}>{text}</span>
    </VisuallyHidden>
  );
}
