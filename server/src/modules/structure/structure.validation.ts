import { AppError, type ErrorIssue } from "@otmetka/core/errors.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

/** Collects every problem of a request, so the form can show them all at once. */
export class Issues {
  readonly list: ErrorIssue[] = [];

  add(field: string, code: string, message: string): void {
    this.list.push({ path: ["body", field], code, message });
  }

  has(field: string): boolean {
    return this.list.some((i) => i.path[1] === field);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new AppError("validation_failed", "The request has invalid fields", { issues: [...this.list] });
  }
}

/** A clash with existing data (a taken name, an archived row): 409, with the field if there is one. */
export function conflict(message: string, issue?: { field: string; code: string }): AppError {
  return new AppError("conflict", message, issue ? { issues: [{ path: ["body", issue.field], code: issue.code, message }] } : {});
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === "23505";
}

/**
 * Structure changes of one school run one at a time. Checks such as "no overlapping periods"
 * read before they write; without the lock two admins could each pass the check and both insert.
 */
export async function lockSchoolStructure(tx: Db, schoolId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`structure:${schoolId}`}))`);
}

/** Days from `a` to `b` (ISO dates); positive when `b` is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Inclusive ranges of ISO dates or grades intersect. */
export function rangesIntersect<T extends string | number>(aFrom: T, aTo: T, bFrom: T, bTo: T): boolean {
  return aFrom <= bTo && bFrom <= aTo;
}

/** Checks a row's dates and grades against its year; shared by periods and holidays. */
export function checkDatesAndGrades(
  issues: Issues,
  row: { startsOn: string; endsOn: string; gradeFrom: number; gradeTo: number },
  year: { startsOn: string; endsOn: string },
): void {
  if (row.endsOn < row.startsOn) issues.add("endsOn", "ends_before_start", "The last day is before the first");
  if (row.startsOn < year.startsOn || row.startsOn > year.endsOn)
    issues.add("startsOn", "outside_year", `The first day must be within the year (${year.startsOn} – ${year.endsOn})`);
  if (row.endsOn > year.endsOn || row.endsOn < year.startsOn)
    issues.add("endsOn", "outside_year", `The last day must be within the year (${year.startsOn} – ${year.endsOn})`);
  if (row.gradeTo < row.gradeFrom) issues.add("gradeTo", "grade_range_reversed", "The last grade is below the first");
}
