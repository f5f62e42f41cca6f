import { describe, expect, it } from "vitest";
import { dailyHomeworkMinutes, homeworkLimitMinutes } from "./homework.ts";

describe("homework load (СанПиН 1.2.3685-21)", () => {
  it("gives each grade its daily limit", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(homeworkLimitMinutes)).toEqual([60, 90, 90, 120, 120, 150, 150, 150, 210, 210, 210]);
  });

  it("adds whole-class homework and the busiest subgroup's", () => {
    expect(dailyHomeworkMinutes([])).toBe(0);
    expect(
      dailyHomeworkMinutes([
        { groupId: null, minutes: 30 },
        { groupId: null, minutes: 40 },
        { groupId: "g1", minutes: 20 },
        { groupId: "g1", minutes: 15 },
        { groupId: "g2", minutes: 25 },
      ]),
    ).toBe(105);
  });
});
