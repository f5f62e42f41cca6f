import type { JournalGrid } from "@otmetka/core/contracts/journal.ts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { useGridLabels } from "./grid-labels.ts";
import { journalErrorMessage } from "./journal-errors.ts";
import { AlertGlyph, CheckGlyph, DotsGlyph, PencilGlyph } from "./journal-icons.tsx";
import type { JournalController } from "./journal-controller.ts";
import { useKeyed } from "./keyed-store.ts";
import type { PeriodMarkState } from "./period-marks.ts";

interface SummaryProps {
  c: JournalController;
  row: number;
  col: number;
  studentId: string;
  studentName: string;
}

/** A period mark or suggestion as written in the journal: «5», «н/а», «зач». */
export function usePeriodValueText() {
  const labels = useGridLabels();
  return (value: string | null) =>
    value === null ? "" : value in labels.special ? labels.special[value as keyof typeof labels.special] : value;
}

function useSummary(c: JournalController, row: number, col: number, studentId: string) {
  const state = useKeyed(c.periodMarks.rows, studentId) as PeriodMarkState | undefined;
  const active = useKeyed(c.focus.active, `${row}:${col}`) ?? false;
  return { state, tabIndex: active ? 0 : -1, pos: `${row}:${col}` };
}

/** The weighted average, exact from the server, written with the locale's decimal separator. */
export const AverageCell = memo(function AverageCell({ c, row, col, studentId, studentName }: SummaryProps) {
  const { t } = useTranslation();
  const labels = useGridLabels();
  const { state, tabIndex, pos } = useSummary(c, row, col, studentId);
  const text = state?.view.average?.text.replace(".", labels.decimal) ?? "";
  return (
    <td
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of a role="grid" table is a gridcell (ARIA in HTML); said explicitly for aria-readonly
      role="gridcell"
      aria-readonly
      data-pos={pos}
      tabIndex={tabIndex}
      className="jg-summary jg-summary-average"
      aria-label={t("journal.aria.average", { student: studentName, value: text || t("journal.aria.noAverage") })}
    >
      <div className="jg-box">{text}</div>
    </td>
  );
});

export const SuggestedCell = memo(function SuggestedCell({ c, row, col, studentId, studentName }: SummaryProps) {
  const { t } = useTranslation();
  const valueText = usePeriodValueText();
  const { state, tabIndex, pos } = useSummary(c, row, col, studentId);
  const view = state?.view;
  const why = view?.reason ? t(`journal.suggestedReason.${view.reason}`, { count: view.count, min: c.minMarks }) : "";
  const text = view ? valueText(view.suggested) : "";
  return (
    <td
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of a role="grid" table is a gridcell (ARIA in HTML); said explicitly for aria-readonly
      role="gridcell"
      aria-readonly
      data-pos={pos}
      tabIndex={tabIndex}
      className="jg-summary jg-summary-suggested"
      title={why || undefined}
      aria-label={t("journal.aria.suggested", { student: studentName, value: [text, why].filter(Boolean).join(", ") })}
    >
      <div className="jg-box">{text}</div>
    </td>
  );
});

/** The mark the teacher sets; a value that differs from the suggestion carries a pencil and says so. */
export const PeriodMarkCell = memo(function PeriodMarkCell({
  c,
  row,
  col,
  studentId,
  studentName,
  abilities,
}: SummaryProps & { abilities: JournalGrid["abilities"] }) {
  const { t } = useTranslation();
  const valueText = usePeriodValueText();
  const { state, tabIndex, pos } = useSummary(c, row, col, studentId);
  const view = state?.view;
  const text = view?.value ? valueText(view.value) : "";
  const status = state?.status ?? "idle";
  const spoken = [
    text || t("journal.aria.periodMarkNone"),
    view?.overridden ? t("journal.aria.overridden") : "",
    status === "saving" ? t("journal.status.saving") : "",
    status === "saved" ? t("journal.status.saved") : "",
    status === "failed" && state?.error ? `${t("journal.status.rejected")}: ${journalErrorMessage(state.error)}` : "",
    abilities.setPeriodMarks ? "" : t("journal.readOnly.no_rights"),
  ].filter(Boolean);
  return (
    <td
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of a role="grid" table is a gridcell (ARIA in HTML); said explicitly for aria-readonly
      role="gridcell"
      aria-readonly={abilities.setPeriodMarks ? undefined : true}
      data-pos={pos}
      tabIndex={tabIndex}
      className={`jg-summary jg-summary-periodMark${view?.overridden ? " jg-overridden" : ""}${status === "failed" ? " jg-st-rejected" : ""}`}
      aria-label={t("journal.aria.periodMark", { student: studentName, value: spoken.join(", ") })}
    >
      <div className="jg-box">
        <span aria-hidden="true">{text}</span>
        {view?.overridden && <PencilGlyph size={10} className="jg-override-mark" />}
        {status === "saving" && <DotsGlyph className="jg-status" />}
        {status === "saved" && <CheckGlyph className="jg-status" />}
        {status === "failed" && <AlertGlyph className="jg-status" />}
      </div>
    </td>
  );
});
