import type { AttendanceState } from "@otmetka/core/contracts/journal.ts";
import type { TFunction } from "i18next";
import { createContext, useContext } from "react";
import type { SpecialMarkLabels } from "./cell-value.ts";
import type { ReadOnlyReason } from "./grid-model.ts";
import type { CellStatus } from "./journal-controller.ts";

const ATTENDANCE: AttendanceState[] = ["ABSENT_UNEXCUSED", "ABSENT_ILLNESS", "ABSENT_EXCUSED", "LATE"];
const STATUSES: CellStatus[] = ["idle", "saving", "saved", "retrying", "conflict", "reason", "locked", "rejected"];
const READ_ONLY: ReadOnlyReason[] = ["no_rights", "cancelled", "future", "locked", "not_enrolled"];

/**
 * Every text a cell shows or says, translated once per language and school: cells read it from
 * context instead of calling `t` 2,450 times per render.
 */
export interface GridLabels {
  special: SpecialMarkLabels;
  specialNames: SpecialMarkLabels;
  /** The school's letters: «Н», «Б», «У», «О». */
  letters: Record<AttendanceState, string>;
  attendanceNames: Record<AttendanceState, string>;
  status: Record<CellStatus, string>;
  readOnly: Record<ReadOnlyReason, string>;
  empty: string;
  awaitingSecond: string;
  lateInput: string;
  comment: (text: string) => string;
  late: (minutes: number) => string;
  cell: (student: string, lesson: string, value: string) => string;
  decimal: string;
}

export function buildGridLabels(t: TFunction, letters: Record<AttendanceState, string>): GridLabels {
  const special = (prefix: "journal.mark" | "journal.markName"): SpecialMarkLabels => ({
    DUE: t(`${prefix}.DUE`),
    NA: t(`${prefix}.NA`),
    PASS: t(`${prefix}.PASS`),
    FAIL: t(`${prefix}.FAIL`),
    EXEMPT: t(`${prefix}.EXEMPT`),
  });
  return {
    special: special("journal.mark"),
    specialNames: special("journal.markName"),
    letters,
    attendanceNames: Object.fromEntries(ATTENDANCE.map((s) => [s, t(`journal.attendance.${s}`)])) as Record<AttendanceState, string>,
    status: Object.fromEntries(STATUSES.map((s) => [s, s === "idle" ? "" : t(`journal.status.${s}`)])) as Record<CellStatus, string>,
    readOnly: Object.fromEntries(READ_ONLY.map((r) => [r, t(`journal.readOnly.${r}`)])) as Record<ReadOnlyReason, string>,
    empty: t("journal.aria.empty"),
    awaitingSecond: t("journal.aria.awaitingSecond"),
    lateInput: t("journal.late.label"),
    comment: (text) => t("journal.aria.comment", { text }),
    late: (count) => t("journal.aria.late", { count }),
    cell: (student, lesson, value) => t("journal.aria.cell", { student, lesson, value }),
    decimal: t("journal.decimalSeparator"),
  };
}

export const GridLabelsContext = createContext<GridLabels | null>(null);

export function useGridLabels(): GridLabels {
  const labels = useContext(GridLabelsContext);
  if (!labels) throw new Error("useGridLabels() outside the journal grid");
  return labels;
}
