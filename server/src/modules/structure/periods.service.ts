import type { CreatePeriodInput, UpdatePeriodInput } from "@otmetka/core/contracts/structure.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import {
  auditShape,
  findPeriod,
  findWritableYear,
  type HolidayRow,
  listPeriods,
  type PeriodRow,
  type YearRow,
} from "./calendar.queries.ts";
import { NonStandardYearError, planStandardCalendar } from "./calendar.standard.ts";
import { insertHoliday } from "./holidays.service.ts";
import { checkDatesAndGrades, conflict, Issues, lockSchoolStructure, rangesIntersect } from "./structure.validation.ts";

/**
 * A period lies inside its year, ends no earlier than it starts, and does not overlap another
 * active period for any of the same grades; the number is unique per kind for those grades.
 */
async function checkPeriod(tx: Db, actor: SchoolActor, year: YearRow, period: CreatePeriodInput, selfId: string | null): Promise<Issues> {
  const issues = new Issues();
  checkDatesAndGrades(issues, period, year);
  if (issues.list.length > 0) return issues;
  const others = (await listPeriods(tx, actor, year.id, false)).filter(
    (p) => p.id !== selfId && rangesIntersect(p.gradeFrom, p.gradeTo, period.gradeFrom, period.gradeTo),
  );
  const overlapping = others.filter((p) => rangesIntersect(p.startsOn, p.endsOn, period.startsOn, period.endsOn));
  if (overlapping.length > 0) {
    const names = overlapping.map((p) => `${p.name} (${p.gradeFrom}–${p.gradeTo})`).join(", ");
    issues.add("startsOn", "overlaps_period", `The dates overlap another period for the same grades: ${names}`);
  }
  if (others.some((p) => p.kind === period.kind && p.number === period.number)) {
    issues.add("number", "number_taken", "A period of this kind and number already exists for these grades");
  }
  return issues;
}

async function insertPeriod(tx: Db, actor: SchoolActor, yearId: string, input: CreatePeriodInput, requestId: string): Promise<PeriodRow> {
  const { id } = await tx.one<{ id: string }>(sql`
    insert into periods (school_id, academic_year_id, kind, number, name, starts_on, ends_on, grade_from, grade_to)
    values (${actor.schoolId}, ${yearId}, ${input.kind}, ${input.number}, ${input.name}, ${input.startsOn}, ${input.endsOn},
            ${input.gradeFrom}, ${input.gradeTo})
    returning id`);
  const after = await findPeriod(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "period",
    entityId: id,
    action: "create",
    after: auditShape(after),
    requestId,
  });
  return after;
}

export async function createPeriod(
  tx: Db,
  actor: SchoolActor,
  yearId: string,
  input: CreatePeriodInput,
  requestId: string,
): Promise<PeriodRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const year = await findWritableYear(tx, actor, yearId);
  (await checkPeriod(tx, actor, year, input, null)).throwIfAny();
  return insertPeriod(tx, actor, yearId, input, requestId);
}

export async function updatePeriod(
  tx: Db,
  actor: SchoolActor,
  periodId: string,
  patch: UpdatePeriodInput,
  requestId: string,
): Promise<PeriodRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findPeriod(tx, actor, periodId);
  const year = await findWritableYear(tx, actor, before.academicYearId);
  if (before.archived) throw conflict("The period is archived; restore it first");
  const next: CreatePeriodInput = {
    kind: patch.kind ?? before.kind,
    number: patch.number ?? before.number,
    name: patch.name ?? before.name,
    startsOn: patch.startsOn ?? before.startsOn,
    endsOn: patch.endsOn ?? before.endsOn,
    gradeFrom: patch.gradeFrom ?? before.gradeFrom,
    gradeTo: patch.gradeTo ?? before.gradeTo,
  };
  (await checkPeriod(tx, actor, year, next, periodId)).throwIfAny();
  await tx.execute(sql`
    update periods set kind = ${next.kind}, number = ${next.number}, name = ${next.name}, starts_on = ${next.startsOn},
      ends_on = ${next.endsOn}, grade_from = ${next.gradeFrom}, grade_to = ${next.gradeTo}
    where school_id = ${actor.schoolId} and id = ${periodId}`);
  const after = await findPeriod(tx, actor, periodId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "period",
    entityId: periodId,
    action: "update",
    before: auditShape(before),
    after: auditShape(after),
    requestId,
  });
  return after;
}

/** Restoring checks the period again: another may have taken its dates meanwhile. */
export async function setPeriodArchived(
  tx: Db,
  actor: SchoolActor,
  periodId: string,
  archived: boolean,
  requestId: string,
): Promise<PeriodRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findPeriod(tx, actor, periodId);
  const year = await findWritableYear(tx, actor, before.academicYearId);
  if (before.archived === archived) return before;
  if (!archived) {
    const issues = await checkPeriod(tx, actor, year, before, periodId);
    if (issues.list.length > 0)
      throw new AppError("conflict", "The period clashes with an active one; change that one first", { issues: issues.list });
  }
  await tx.execute(
    sql`update periods set archived_at = ${archived ? sql`now()` : null} where school_id = ${actor.schoolId} and id = ${periodId}`,
  );
  const after = await findPeriod(tx, actor, periodId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "period",
    entityId: periodId,
    action: archived ? "archive" : "restore",
    before: auditShape(before),
    after: auditShape(after),
    requestId,
  });
  return after;
}

/**
 * Creates the standard periods of a year from the school's period system (and, if asked, the
 * usual holidays, when the year has none yet). Refused when the year already has active periods.
 */
export async function generateStandardPeriods(
  tx: Db,
  actor: SchoolActor,
  yearId: string,
  input: { includeHolidays: boolean },
  requestId: string,
): Promise<{ periods: PeriodRow[]; holidays: HolidayRow[] }> {
  await lockSchoolStructure(tx, actor.schoolId);
  const year = await findWritableYear(tx, actor, yearId);
  if ((await listPeriods(tx, actor, yearId, false)).length > 0) {
    throw new AppError("conflict", "The year already has periods; change them one by one", { details: { reason: "periods_exist" } });
  }
  const hasHolidays = await tx.maybeOne(
    sql`select 1 from holidays where school_id = ${actor.schoolId} and academic_year_id = ${yearId} limit 1`,
  );
  const settings = await getSchoolSettings(tx, actor.schoolId);
  let plan: ReturnType<typeof planStandardCalendar>;
  try {
    plan = planStandardCalendar(year, settings.periodSystem, input.includeHolidays && !hasHolidays);
  } catch (error) {
    if (!(error instanceof NonStandardYearError)) throw error;
    throw new AppError("validation_failed", "Standard periods fit only a year that runs from September to May; add the periods by hand", {
      issues: [{ path: ["params", "yearId"], code: "year_not_standard", message: error.message }],
    });
  }
  const periods: PeriodRow[] = [];
  for (const p of plan.periods) periods.push(await insertPeriod(tx, actor, yearId, p, requestId));
  const holidays: HolidayRow[] = [];
  for (const h of plan.holidays) holidays.push(await insertHoliday(tx, actor, yearId, h, requestId));
  return { periods, holidays };
}
