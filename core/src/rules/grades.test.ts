import { describe, expect, it } from "vitest";
import { formatAverage, type PeriodRules, type RoundingRule, suggestPeriodMark, suggestYearMark, weightedAverage } from "./grades.ts";

// domain.md §4.4: weights КР=5, СР=3, УО=2, ДЗ=1, РУ=1, in tenths.
const W = { КР: 50, СР: 30, УО: 20, ДЗ: 10, РУ: 10 } as const;
const m = (value: string, type: keyof typeof W) => ({ value, weightTenths: W[type], workType: type });

const VECTORS: {
  name: string;
  marks: { value: string; weightTenths: number }[];
  avg: [number, number] | null;
  expected: Record<RoundingRule, string>;
}[] = [
  { name: "A", marks: [m("5", "КР"), m("3", "РУ"), m("4", "ДЗ")], avg: [32, 7], expected: { HALF_UP: "5", X60: "4", X65: "4" } },
  {
    name: "B",
    marks: [m("4", "КР"), m("5", "СР"), m("5", "ДЗ"), m("3", "УО")],
    avg: [46, 11],
    expected: { HALF_UP: "4", X60: "4", X65: "4" },
  },
  {
    name: "C",
    marks: [m("5", "КР"), m("4", "КР"), m("4", "ДЗ"), m("4", "РУ")],
    avg: [53, 12],
    expected: { HALF_UP: "4", X60: "4", X65: "4" },
  },
  {
    name: "D",
    marks: [m("3", "КР"), m("4", "СР"), m("4", "УО"), m("4", "РУ"), m("PASS", "РУ"), m("DUE", "ДЗ")],
    avg: [39, 11],
    expected: { HALF_UP: "4", X60: "3", X65: "3" },
  },
  { name: "E", marks: ["5", "4", "5", "4", "5"].map((v) => m(v, "ДЗ")), avg: [23, 5], expected: { HALF_UP: "5", X60: "5", X65: "4" } },
  { name: "F", marks: [m("PASS", "РУ")], avg: null, expected: { HALF_UP: "NA", X60: "NA", X65: "NA" } },
  { name: "G", marks: [m("2", "КР"), m("3", "СР"), m("3", "ДЗ")], avg: [22, 9], expected: { HALF_UP: "2", X60: "2", X65: "2" } },
  {
    name: "H",
    marks: [
      { value: "3", weightTenths: 3 },
      { value: "4", weightTenths: 3 },
    ],
    avg: [7, 2],
    expected: { HALF_UP: "4", X60: "3", X65: "3" },
  },
];

const rules = (roundingRule: RoundingRule): PeriodRules => ({ roundingRule, minMarksForPeriod: 0, allowMarkOne: false });

describe("weighted averages and period marks (domain.md §4.4 test vectors)", () => {
  for (const v of VECTORS) {
    it(`vector ${v.name}: exact average and the suggested mark under each rounding rule`, () => {
      const avg = weightedAverage(v.marks);
      expect(avg ? [avg.num, avg.den] : null).toEqual(v.avg);
      for (const rule of ["HALF_UP", "X60", "X65"] as const) {
        expect(suggestPeriodMark(v.marks, rules(rule)).suggested, `${v.name} ${rule}`).toBe(v.expected[rule]);
      }
    });
  }

  it("vector H is exactly 3.5 where floating point is not", () => {
    expect((3 * 0.3 + 4 * 0.3) / (0.3 + 0.3)).toBeLessThan(3.5);
    expect(formatAverage(weightedAverage(VECTORS[7]!.marks)!)).toBe("3.50");
  });

  it("needs the minimum number of numeric marks, else н/а with the reason", () => {
    const marks = [m("5", "КР"), m("4", "ДЗ"), m("PASS", "РУ")];
    expect(suggestPeriodMark(marks, { ...rules("HALF_UP"), minMarksForPeriod: 3 })).toMatchObject({
      suggested: "NA",
      reason: "too_few_marks",
      count: 2,
    });
    expect(suggestPeriodMark(marks, { ...rules("HALF_UP"), minMarksForPeriod: 2 })).toMatchObject({ suggested: "5", reason: null });
    expect(suggestPeriodMark([], rules("HALF_UP"))).toMatchObject({ suggested: "NA", reason: "no_marks" });
  });

  it("needs a mark of a required work type when the school says so", () => {
    const marks = [m("5", "ДЗ"), m("4", "РУ"), m("5", "УО")];
    expect(suggestPeriodMark(marks, { ...rules("HALF_UP"), requiredWorkTypes: ["КР"] })).toMatchObject({
      suggested: "NA",
      reason: "missing_required_work",
    });
    expect(suggestPeriodMark([...marks, m("3", "КР")], { ...rules("HALF_UP"), requiredWorkTypes: ["КР"] }).suggested).toBe("4");
  });

  it("never suggests 1 unless the school allows it", () => {
    const ones = [m("1", "ДЗ"), m("1", "ДЗ")];
    expect(suggestPeriodMark(ones, rules("HALF_UP")).suggested).toBe("2");
    expect(suggestPeriodMark(ones, { ...rules("HALF_UP"), allowMarkOne: true }).suggested).toBe("1");
  });

  it("suggests the year mark as the mathematically rounded mean of period marks", () => {
    expect(suggestYearMark(["4", "4", "5", "5"])).toBe("5");
    expect(suggestYearMark(["3", "4", "4", "3"])).toBe("4");
    expect(suggestYearMark(["NA", "5", "4"])).toBe("5");
    expect(suggestYearMark(["NA", "EXEMPT"])).toBe("NA");
  });

  it("formats averages with two decimals, rounding half up exactly", () => {
    expect(formatAverage({ num: 32, den: 7 })).toBe("4.57");
    expect(formatAverage({ num: 53, den: 12 })).toBe("4.42");
    expect(formatAverage({ num: 23, den: 5 })).toBe("4.60");
    expect(formatAverage({ num: 1, den: 200 })).toBe("0.01");
  });
});
