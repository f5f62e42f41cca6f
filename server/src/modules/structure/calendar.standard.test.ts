import { DEFAULT_SCHOOL_SETTINGS } from "@otmetka/core/contracts/settings.ts";
import { describe, expect, it } from "vitest";
import { NonStandardYearError, planStandardCalendar } from "./calendar.standard.ts";

describe("standard calendar plan", () => {
  it("ends the second trimester on 29 February in a leap year", () => {
    const plan = planStandardCalendar(
      { startsOn: "2027-09-01", endsOn: "2028-05-26" },
      [{ gradeFrom: 1, gradeTo: 11, kind: "trimester" }],
      false,
    );
    expect(plan.periods[1]).toMatchObject({ startsOn: "2027-12-01", endsOn: "2028-02-29" });
    expect(plan.holidays).toEqual([]);
  });

  it("gives every range of the period system its own periods and puts the February week on grade 1 only", () => {
    const plan = planStandardCalendar({ startsOn: "2026-09-01", endsOn: "2027-05-26" }, DEFAULT_SCHOOL_SETTINGS.periodSystem, true);
    expect(plan.periods.filter((p) => p.kind === "quarter").every((p) => p.gradeFrom === 1 && p.gradeTo === 9)).toBe(true);
    expect(plan.periods.filter((p) => p.kind === "half_year").map((p) => p.number)).toEqual([1, 2]);
    expect(plan.holidays.filter((h) => h.gradeTo === 1).map((h) => h.startsOn)).toEqual(["2027-02-16"]);
    // Every break lasts at least 7 days (ФОП).
    for (const h of plan.holidays) expect((Date.parse(h.endsOn) - Date.parse(h.startsOn)) / 86_400_000 + 1).toBeGreaterThanOrEqual(7);
  });

  it("refuses a year that does not run from September to May", () => {
    expect(() =>
      planStandardCalendar({ startsOn: "2027-01-10", endsOn: "2027-12-20" }, DEFAULT_SCHOOL_SETTINGS.periodSystem, true),
    ).toThrow(NonStandardYearError);
  });
});
