/**
 * The settings editor's form state and its conversions. Weights are stored in tenths (so the
 * weighted average stays exact) and typed as decimals: "5", "0,3" or "0.3". Pure: no React.
 */
import { findSettingsProblems } from "@otmetka/core/contracts/school.ts";
import { SchoolSettings } from "@otmetka/core/contracts/settings.ts";

export interface WorkTypeRow {
  code: string;
  name: string;
  abbr: string;
  /** As typed, e.g. "0,3". */
  weight: string;
}

export type SettingsForm = Omit<SchoolSettings, "workTypes"> & { workTypes: WorkTypeRow[] };

/** 50 → "5", 3 → "0,3" (with the language's decimal separator). */
export function formatWeight(tenths: number, separator = ","): string {
  const whole = Math.floor(tenths / 10);
  const fraction = tenths % 10;
  return fraction === 0 ? String(whole) : `${whole}${separator}${fraction}`;
}

/** "0,3" or "0.3" → 3; at most one decimal; null for anything else or outside 0.1–10. */
export function parseWeight(text: string): number | null {
  const m = /^\s*(\d{1,2})(?:[.,](\d))?\s*$/.exec(text);
  if (!m) return null;
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? 0);
  return tenths >= 1 && tenths <= 100 ? tenths : null;
}

export function toForm(settings: SchoolSettings, separator: string): SettingsForm {
  return {
    ...settings,
    workTypes: settings.workTypes.map((w) => ({
      code: w.code,
      name: w.name,
      abbr: w.abbr,
      weight: formatWeight(w.weightTenths, separator),
    })),
  };
}

/** A code for a new work type that no other row uses (codes are stable ids; admins never type them). */
export function newWorkTypeCode(rows: WorkTypeRow[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.code === `type_${n}`)) n++;
  return `type_${n}`;
}

/**
 * The settings to send, and problems by field path ("workTypes.2.weight", "periodSystem"), using
 * the same schema and cross-field rules as the server. Codes name translations.
 */
export function fromForm(form: SettingsForm): { settings: SchoolSettings | null; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const workTypes = form.workTypes.map((w, i) => {
    const weightTenths = parseWeight(w.weight);
    if (weightTenths === null) problems[`workTypes.${i}.weight`] = "invalid_weight";
    return { code: w.code, name: w.name, abbr: w.abbr, weightTenths: weightTenths ?? 0 };
  });
  const parsed = SchoolSettings.safeParse({ ...form, workTypes });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path
        .map(String)
        .join(".")
        .replace(/\.weightTenths$/, ".weight");
      problems[path] ??= issue.code;
    }
    return { settings: null, problems };
  }
  for (const p of findSettingsProblems(parsed.data)) problems[p.path.map(String).join(".")] ??= p.code;
  return { settings: Object.keys(problems).length === 0 ? parsed.data : null, problems };
}

/** Top-level settings that differ between two versions, for the history list. */
export function changedKeys(before: SchoolSettings | undefined, after: SchoolSettings): (keyof SchoolSettings)[] {
  if (!before) return [];
  return (Object.keys(after) as (keyof SchoolSettings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
