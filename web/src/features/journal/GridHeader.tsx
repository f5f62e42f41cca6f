import type { JournalGrid, JournalLesson } from "@otmetka/core/contracts/journal.ts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { lessonReadOnly, SUMMARY_COLUMNS, shortDate, weightText } from "./grid-model.ts";
import { LockGlyph } from "./journal-icons.tsx";
import type { JournalController } from "./journal-controller.ts";
import { useKeyed, useValue } from "./keyed-store.ts";

type Settings = JournalGrid["settings"];

/** «12.09, урок 3», the lesson's part of each cell's accessible name. */
export function useLessonName() {
  const { t } = useTranslation();
  return (lesson: JournalLesson) => t("journal.aria.lesson", { date: shortDate(lesson.date), number: lesson.lessonNumber });
}

/** The header row: the student column's corner, a column per lesson, then the summary columns. */
export function GridHeaderRow({
  c,
  settings,
  abilities,
}: {
  c: JournalController;
  settings: Settings;
  abilities: JournalGrid["abilities"];
}) {
  const { t } = useTranslation();
  const lessons = useValue(c.lessons);
  return (
    <tr aria-rowindex={1}>
      <th className="jg-corner" scope="col">
        {t("journal.grid.student")}
      </th>
      {lessons.map((lesson, col) => (
        <LessonHeader key={lesson.id} c={c} col={col} lesson={lesson} settings={settings} abilities={abilities} />
      ))}
      {SUMMARY_COLUMNS.map((column, i) => (
        <SummaryHeader key={column} c={c} col={lessons.length + i} column={column} />
      ))}
    </tr>
  );
}

const LessonHeader = memo(function LessonHeader({
  c,
  col,
  lesson,
  settings,
  abilities,
}: {
  c: JournalController;
  col: number;
  lesson: JournalLesson;
  settings: Settings;
  abilities: JournalGrid["abilities"];
}) {
  const { t } = useTranslation();
  const active = useKeyed(c.focus.active, `-1:${col}`) ?? false;
  const workType = settings.workTypes.find((w) => w.code === lesson.workType);
  const weight = weightText(lesson.weightTenths, t("journal.decimalSeparator"));
  const readOnly = lessonReadOnly(lesson, abilities);
  // Read after the visible text (the header is named by its content): what the abbreviations mean.
  const spoken = [
    lesson.topic,
    workType?.name ?? t("journal.aria.noWorkType"),
    t("journal.aria.weight", { weight }) + (lesson.weightOverridden ? ` (${t("journal.aria.weightOverridden")})` : ""),
    readOnly && readOnly !== "no_rights" ? t(`journal.readOnly.${readOnly}`) : "",
    t("journal.aria.columnMenu"),
  ].filter(Boolean);
  return (
    <th
      scope="col"
      data-pos={`-1:${col}`}
      tabIndex={active ? 0 : -1}
      className={`jg-lesson${readOnly ? ` jg-ro-${readOnly}` : ""}${lesson.date === c.today ? " jg-today" : ""}`}
    >
      <Link to={`/lessons/${lesson.id}`} tabIndex={-1} className="jg-date">
        {shortDate(lesson.date)}
      </Link>
      <span className="jg-sub">
        {lesson.status === "cancelled" ? t("journal.grid.cancelled") : t("journal.grid.lessonNumber", { number: lesson.lessonNumber })}
        {readOnly === "locked" && <LockGlyph size={10} className="jg-lock" />}
      </span>
      <span className="jg-sub jg-type">
        {workType?.abbr ?? ""}
        {lesson.weightOverridden && <span className="jg-weight">{`×${weight}`}</span>}
      </span>
      <span className="jg-sr">{`, ${spoken.join(", ")}`}</span>
    </th>
  );
});

const SummaryHeader = memo(function SummaryHeader({
  c,
  col,
  column,
}: {
  c: JournalController;
  col: number;
  column: (typeof SUMMARY_COLUMNS)[number];
}) {
  const { t } = useTranslation();
  const active = useKeyed(c.focus.active, `-1:${col}`) ?? false;
  return (
    <th
      scope="col"
      data-pos={`-1:${col}`}
      tabIndex={active ? 0 : -1}
      className={`jg-summary jg-summary-${column}`}
      title={t(`journal.grid.${column}Full`)}
    >
      {t(`journal.grid.${column}`)}
    </th>
  );
});
