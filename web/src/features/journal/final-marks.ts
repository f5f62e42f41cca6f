import type { FinalMarkValue } from "@otmetka/core/contracts/journal.ts";
import type { TFunction } from "i18next";

/** Period and year marks in the order a select offers them. */
const FINAL_VALUES: FinalMarkValue[] = ["5", "4", "3", "2", "1", "PASS", "FAIL", "NA", "EXEMPT"];

export type NumericMark = Extract<FinalMarkValue, "1" | "2" | "3" | "4" | "5">;
export const isNumeric = (value: FinalMarkValue): value is NumericMark => /^\d$/.test(value);

/** The options of a period or year mark select: none, then the marks the school uses, special ones by name. */
export function finalMarkOptions(t: TFunction, allowMarkOne: boolean, noneLabel: string): { value: string; label: string }[] {
  return [
    { value: "", label: noneLabel },
    ...FINAL_VALUES.filter((v) => v !== "1" || allowMarkOne).map((v) => ({
      value: v,
      label: isNumeric(v) ? v : t(`journal.markName.${v}`),
    })),
  ];
}
