import type { CreateHolidayInput, UpdateHolidayInput } from "@otmetka/core/contracts/structure.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { auditShape, findHoliday, findWritableYear, type HolidayRow } from "./calendar.queries.ts";
import { checkDatesAndGrades, Issues, lockSchoolStructure } from "./structure.validation.ts";

export async function insertHoliday(
  tx: Db,
  actor: SchoolActor,
  yearId: string,
  input: CreateHolidayInput,
  requestId: string,
): Promise<HolidayRow> {
  const { id } = await tx.one<{ id: string }>(sql`
    insert into holidays (school_id, academic_year_id, kind, name, starts_on, ends_on, grade_from, grade_to, follows_weekday)
    values (${actor.schoolId}, ${yearId}, ${input.kind}, ${input.name}, ${input.startsOn}, ${input.endsOn}, ${input.gradeFrom}, ${input.gradeTo},
            ${input.followsWeekday ?? null})
    returning id`);
  const after = await findHoliday(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "holiday",
    entityId: id,
    action: "create",
    after: auditShape(after),
    requestId,
  });
  return after;
}

/** Holidays may overlap one another (the first-graders' extra week sits beside the others). */
export async function createHoliday(
  tx: Db,
  actor: SchoolActor,
  yearId: string,
  input: CreateHolidayInput,
  requestId: string,
): Promise<HolidayRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const year = await findWritableYear(tx, actor, yearId);
  const issues = new Issues();
  checkDatesAndGrades(issues, input, year);
  checkFollowsWeekday(issues, input);
  issues.throwIfAny();
  return insertHoliday(tx, actor, yearId, input, requestId);
}

export async function updateHoliday(
  tx: Db,
  actor: SchoolActor,
  holidayId: string,
  patch: UpdateHolidayInput,
  requestId: string,
): Promise<HolidayRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findHoliday(tx, actor, holidayId);
  const year = await findWritableYear(tx, actor, before.academicYearId);
  const next: CreateHolidayInput = {
    kind: patch.kind ?? before.kind,
    name: patch.name ?? before.name,
    startsOn: patch.startsOn ?? before.startsOn,
    endsOn: patch.endsOn ?? before.endsOn,
    gradeFrom: patch.gradeFrom ?? before.gradeFrom,
    gradeTo: patch.gradeTo ?? before.gradeTo,
    // Turning a moved working day into a holiday drops the weekday it followed.
    followsWeekday: patch.followsWeekday !== undefined ? patch.followsWeekday : patch.kind === "holiday" ? null : before.followsWeekday,
  };
  const issues = new Issues();
  checkDatesAndGrades(issues, next, year);
  checkFollowsWeekday(issues, next);
  issues.throwIfAny();
  await tx.execute(sql`
    update holidays set kind = ${next.kind}, name = ${next.name}, starts_on = ${next.startsOn}, ends_on = ${next.endsOn},
      grade_from = ${next.gradeFrom}, grade_to = ${next.gradeTo}, follows_weekday = ${next.followsWeekday ?? null}
    where school_id = ${actor.schoolId} and id = ${holidayId}`);
  const after = await findHoliday(tx, actor, holidayId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "holiday",
    entityId: holidayId,
    action: "update",
    before: auditShape(before),
    after: auditShape(after),
    requestId,
  });
  return after;
}

/** Holidays are deleted outright; the audit log keeps what was removed. */
export async function deleteHoliday(tx: Db, actor: SchoolActor, holidayId: string, requestId: string): Promise<void> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findHoliday(tx, actor, holidayId);
  await findWritableYear(tx, actor, before.academicYearId);
  await tx.execute(sql`delete from holidays where school_id = ${actor.schoolId} and id = ${holidayId}`);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "holiday",
    entityId: holidayId,
    action: "delete",
    before: auditShape(before),
    requestId,
  });
}

/** Only a moved working day follows another weekday's timetable; a holiday has no lessons at all. */
function checkFollowsWeekday(issues: Issues, row: CreateHolidayInput): void {
  if (row.kind === "holiday" && row.followsWeekday != null)
    issues.add("followsWeekday", "not_a_working_day", "Only a moved working day follows another weekday's timetable");
}
