import { describe, expect, it } from "vitest";
import { nameKey, parseDate, parseLessonNumber, parseMarks } from "./grade-import.values.ts";

describe("grade import values", () => {
  it("reads marks in the journal's notation, with spaces, case and Latin look-alikes", () => {
    const cases: [string, string[] | null][] = [
      ["5", ["5"]],
      [" 4 ", ["4"]],
      ["5/4", ["5", "4"]],
      ["5 / 4", ["5", "4"]],
      ["•", ["DUE"]],
      [".", ["DUE"]],
      ["н/а", ["NA"]],
      ["Н/А", ["NA"]],
      ["H/A", ["NA"]],
      ["н.а.", ["NA"]],
      ["зач", ["PASS"]],
      ["зачёт", ["PASS"]],
      ["3ач", ["PASS"]],
      ["не зач", ["FAIL"]],
      ["незачтено", ["FAIL"]],
      ["осв.", ["EXEMPT"]],
      ["OCB", ["EXEMPT"]],
      ["5/•", ["5", "DUE"]],
      ["1", ["1"]],
      ["6", null],
      ["0", null],
      ["4+", null],
      ["5/4/3", null],
      ["4.5", null],
      ["отлично", null],
      ["", null],
    ];
    for (const [raw, marks] of cases) expect(parseMarks(raw), raw).toEqual(marks);
  });

  it("reads dates as ДД.ММ.ГГГГ or YYYY-MM-DD, real days only", () => {
    expect(parseDate("09.11.2026")).toBe("2026-11-09");
    expect(parseDate("9.1.2027")).toBe("2027-01-09");
    expect(parseDate("2026-11-09")).toBe("2026-11-09");
    expect(parseDate("29.02.2028")).toBe("2028-02-29");
    for (const bad of ["31.02.2026", "29.02.2027", "11/09/2026", "09.11.26", "2026-13-01", "завтра", ""])
      expect(parseDate(bad), bad).toBeNull();
  });

  it("reads lesson numbers 0–10 and compares names without case, ё or extra spaces", () => {
    expect(parseLessonNumber("")).toBeNull();
    expect(parseLessonNumber("2")).toBe(2);
    expect(parseLessonNumber("2.0")).toBe(2);
    expect(parseLessonNumber("11")).toBeNaN();
    expect(parseLessonNumber("второй")).toBeNaN();
    expect(nameKey("  Артём   КУЗНЕЦОВ ")).toBe(nameKey("артем кузнецов"));
    expect(nameKey("Римский-Корсаков Ян")).toBe("римский-корсаков ян");
  });
});
