/**
 * Marks, weighted averages and period marks (domain.md §4.2–4.4), in exact integer arithmetic.
 *
 * Weights are integer tenths (10 = weight 1.0), marks are integers, so Σ(mark × weight) and
 * Σ(weight) are integers and the average is kept as a fraction. Thresholds are compared in
 * integers too: floating point turns (3·0.3 + 4·0.3)/0.6 into 3.4999999999999996, which would
 * round a 3.5 down (test vector H).
 */

/** Stored mark codes: 1–5 count in averages; the others are shown but never averaged. */
export const MARK_VALUES = ["1", "2", "3", "4", "5", "PASS", "FAIL", "NA", "EXEMPT", "DUE"] as const;
export type MarkValue = (typeof MARK_VALUES)[number];

/** Marks a period or year result may hold (a «•» owes work; it is never a final result). */
export const FINAL_MARK_VALUES = ["1", "2", "3", "4", "5", "PASS", "FAIL", "NA", "EXEMPT"] as const;
export type FinalMarkValue = (typeof FINAL_MARK_VALUES)[number];

export const ROUNDING_RULES = ["HALF_UP", "X60", "X65"] as const;
export type RoundingRule = (typeof ROUNDING_RULES)[number];

/** The fractional part (in hundredths) from which an average rounds up to the next mark. */
const ROUND_UP_FROM: Record<RoundingRule, number> = { HALF_UP: 50, X60: 60, X65: 65 };

export function isNumericMark(value: string): value is "1" | "2" | "3" | "4" | "5" {
  return value === "1" || value === "2" || value === "3" || value === "4" || value === "5";
}

/** An exact non-negative fraction num/den in lowest terms, den > 0. */
export interface Fraction {
  num: number;
  den: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

export function fraction(num: number, den: number): Fraction {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) throw new RangeError(`Not a fraction: ${num}/${den}`);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export interface WeightedMark {
  value: string;
  /** The work's weight in tenths (10 = 1.0). */
  weightTenths: number;
}

/** Σ(mark × weight) / Σ(weight) over numeric marks; null when there is none. */
export function weightedAverage(marks: readonly WeightedMark[]): Fraction | null {
  let num = 0;
  let den = 0;
  for (const m of marks) {
    if (!isNumericMark(m.value)) continue;
    if (!Number.isInteger(m.weightTenths) || m.weightTenths <= 0) throw new RangeError(`Bad weight: ${m.weightTenths}`);
    num += Number(m.value) * m.weightTenths;
    den += m.weightTenths;
  }
  return den === 0 ? null : fraction(num, den);
}

/** How many marks count in an average. */
export function numericCount(marks: readonly { value: string }[]): number {
  return marks.filter((m) => isNumericMark(m.value)).length;
}

/**
 * Rounds an average to a mark by a school's rule: the mark is the whole part, plus one when the
 * fractional part reaches the rule's threshold (HALF_UP .50, X60 .60, X65 .65; inclusive).
 */
export function roundAverage(avg: Fraction, rule: RoundingRule): number {
  const whole = Math.floor(avg.num / avg.den);
  const restHundredths = (avg.num - whole * avg.den) * 100;
  return restHundredths >= ROUND_UP_FROM[rule] * avg.den ? whole + 1 : whole;
}

export interface PeriodRules {
  roundingRule: RoundingRule;
  /** Fewer numeric marks than this gives «н/а». */
  minMarksForPeriod: number;
  /** Work types of which at least one mark is needed (e.g. a контрольная), else «н/а». */
  requiredWorkTypes?: readonly string[];
  /** Whether 1 may be given; otherwise the lowest suggested mark is 2. */
  allowMarkOne: boolean;
}

export interface PeriodSuggestion {
  average: Fraction | null;
  /** Numeric marks that counted. */
  count: number;
  suggested: "1" | "2" | "3" | "4" | "5" | "NA";
  /** Why «н/а», when it is. */
  reason: "no_marks" | "too_few_marks" | "missing_required_work" | null;
}

/** The period mark the system suggests from a student's marks in a subject and period. */
export function suggestPeriodMark(marks: readonly (WeightedMark & { workType?: string | null })[], rules: PeriodRules): PeriodSuggestion {
  const average = weightedAverage(marks);
  const count = numericCount(marks);
  if (!average) return { average, count, suggested: "NA", reason: "no_marks" };
  if (count < rules.minMarksForPeriod) return { average, count, suggested: "NA", reason: "too_few_marks" };
  const required = rules.requiredWorkTypes ?? [];
  const missing = required.length > 0 && !marks.some((m) => isNumericMark(m.value) && m.workType && required.includes(m.workType));
  if (missing) return { average, count, suggested: "NA", reason: "missing_required_work" };
  const lowest = rules.allowMarkOne ? 1 : 2;
  const mark = Math.min(5, Math.max(lowest, roundAverage(average, rules.roundingRule)));
  return { average, count, suggested: String(mark) as PeriodSuggestion["suggested"], reason: null };
}

/**
 * The year mark suggested from the period marks: their arithmetic mean, mathematically rounded
 * (x.5 up). Non-numeric period marks do not count; with none numeric the result is «н/а».
 */
export function suggestYearMark(periodMarks: readonly string[]): "1" | "2" | "3" | "4" | "5" | "NA" {
  const avg = weightedAverage(periodMarks.map((value) => ({ value, weightTenths: 10 })));
  if (!avg) return "NA";
  return String(roundAverage(avg, "HALF_UP")) as "1" | "2" | "3" | "4" | "5";
}

/** An average for display with two decimals, rounded half up exactly: 32/7 → "4.57". */
export function formatAverage(avg: Fraction): string {
  const hundredths = Math.floor((avg.num * 200 + avg.den) / (2 * avg.den));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}
