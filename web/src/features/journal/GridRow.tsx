import type { JournalGrid, JournalLesson } from "@otmetka/core/contracts/journal.ts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { cellKey } from "./cell-value.ts";
import { GridCell } from "./GridCell.tsx";
import { cellReadOnly, type GridStudent, shortDate } from "./grid-model.ts";
import type { JournalController } from "./journal-controller.ts";
import { AverageCell, PeriodMarkCell, SuggestedCell } from "./SummaryCells.tsx";

interface GridRowProps {
  c: JournalController;
  row: number;
  student: GridStudent;
  lessons: readonly JournalLesson[];
  lessonNames: readonly string[];
  period: JournalGrid["period"];
  abilities: JournalGrid["abilities"];
}

/** «Виноградова А.» for a phone's narrow name column. */
function shortName(displayName: string): string {
  const [last = "", first = ""] = displayName.split(" ");
  return first ? `${last} ${first.charAt(0)}.` : last;
}

/** One student: the numbered name, a cell per lesson, then average, suggestion and period mark. */
export const GridRow = memo(function GridRow({ c, row, student, lessons, lessonNames, period, abilities }: GridRowProps) {
  const { t } = useTranslation();
  const joined = student.from > period.startsOn ? t("journal.grid.from", { date: shortDate(student.from) }) : "";
  const left = student.to !== null && student.to < period.endsOn ? t("journal.grid.to", { date: shortDate(student.to) }) : "";
  const summary = { c, row, studentId: student.id, studentName: student.displayName };
  return (
    <tr aria-rowindex={row + 2}>
      <th scope="row" className="jg-name" title={student.displayName}>
        <span className="jg-number">{row + 1}.</span> <span className="jg-full-name">{student.displayName}</span>
        <span className="jg-short-name">{shortName(student.displayName)}</span>
        {(joined || left) && <span className="jg-enrolment">{[joined, left].filter(Boolean).join(" ")}</span>}
      </th>
      {lessons.map((lesson, col) => (
        <GridCell
          key={lesson.id}
          c={c}
          row={row}
          col={col}
          cellKey={cellKey(lesson.id, student.id)}
          readOnly={cellReadOnly(lesson, student, abilities)}
          studentName={student.displayName}
          lessonName={lessonNames[col] ?? ""}
        />
      ))}
      <AverageCell {...summary} col={lessons.length} />
      <SuggestedCell {...summary} col={lessons.length + 1} />
      <PeriodMarkCell {...summary} col={lessons.length + 2} abilities={abilities} />
    </tr>
  );
});
