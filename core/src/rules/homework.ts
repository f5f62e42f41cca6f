/**
 * Homework load limits of СанПиН 1.2.3685-21 (domain.md §4.7): the total time a class's
 * homework for one day is expected to take must not exceed the limit of its grade.
 */

/** The daily limit in minutes for a grade: 1 → 60, 2–3 → 90, 4–5 → 120, 6–8 → 150, 9–11 → 210. */
export function homeworkLimitMinutes(grade: number): number {
  if (grade <= 1) return 60;
  if (grade <= 3) return 90;
  if (grade <= 5) return 120;
  if (grade <= 8) return 150;
  return 210;
}

/**
 * The expected minutes a student of the class spends on one day's homework: everything set for
 * the whole class, plus the busiest subgroup's own homework (a student is in one group of a split).
 */
export function dailyHomeworkMinutes(items: readonly { groupId: string | null; minutes: number }[]): number {
  let wholeClass = 0;
  const byGroup = new Map<string, number>();
  for (const item of items) {
    if (item.groupId === null) wholeClass += item.minutes;
    else byGroup.set(item.groupId, (byGroup.get(item.groupId) ?? 0) + item.minutes);
  }
  return wholeClass + Math.max(0, ...byGroup.values());
}
