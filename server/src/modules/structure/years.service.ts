import type { CreateAcademicYearInput, UpdateAcademicYearInput } from "@otmetka/core/contracts/structure.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { findYear, type YearRow } from "./calendar.queries.ts";
import { conflict, daysBetween, Issues, isUniqueViolation, lockSchoolStructure } from "./structure.validation.ts";

/** A school year is at most a year long (it usually runs 1 September – 26 May). */
const MAX_YEAR_DAYS = 366;

type YearFields = Pick<YearRow, "name" | "startsOn" | "endsOn">;

async function checkYear(tx: Db, actor: SchoolActor, year: YearFields, selfId: string | null): Promise<void> {
  const issues = new Issues();
  if (year.endsOn <= year.startsOn) issues.add("endsOn", "ends_before_start", "The last day must be after the first");
  else if (daysBetween(year.startsOn, year.endsOn) > MAX_YEAR_DAYS)
    issues.add("endsOn", "year_too_long", "An academic year lasts at most a year");
  if (!issues.has("endsOn")) {
    const other = await tx.maybeOne<{ name: string }>(sql`
      select name from academic_years
      where school_id = ${actor.schoolId} and archived_at is null and id is distinct from ${selfId}::uuid
        and starts_on <= ${year.endsOn} and ends_on >= ${year.startsOn}
      limit 1`);
    if (other) issues.add("startsOn", "overlaps_year", `The dates overlap the year ${other.name}`);
  }
  if (selfId) {
    const outside = await tx.one<{ n: number }>(sql`
      select (select count(*) from periods where school_id = ${actor.schoolId} and academic_year_id = ${selfId}
                and archived_at is null and (starts_on < ${year.startsOn} or ends_on > ${year.endsOn}))
           + (select count(*) from holidays where school_id = ${actor.schoolId} and academic_year_id = ${selfId}
                and (starts_on < ${year.startsOn} or ends_on > ${year.endsOn}))::int as n`);
    if (Number(outside.n) > 0)
      issues.add("startsOn", "periods_outside_year", "Some periods or holidays of the year would fall outside the new dates");
  }
  issues.throwIfAny();
  const sameName = await tx.maybeOne(sql`
    select 1 from academic_years where school_id = ${actor.schoolId} and lower(name) = lower(${year.name}) and id is distinct from ${selfId}::uuid`);
  if (sameName) throw nameTaken();
}

const nameTaken = () => conflict("The school already has a year with this name", { field: "name", code: "name_taken" });

async function writeYear(write: () => Promise<{ id: string }>): Promise<string> {
  try {
    return (await write()).id;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function createYear(tx: Db, actor: SchoolActor, input: CreateAcademicYearInput, requestId: string): Promise<YearRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  await checkYear(tx, actor, input, null);
  const id = await writeYear(() =>
    tx.one<{ id: string }>(sql`
      insert into academic_years (school_id, name, starts_on, ends_on)
      values (${actor.schoolId}, ${input.name}, ${input.startsOn}, ${input.endsOn}) returning id`),
  );
  const after = await findYear(tx, actor, id);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "academic_year",
    entityId: id,
    action: "create",
    after,
    requestId,
  });
  return after;
}

export async function updateYear(
  tx: Db,
  actor: SchoolActor,
  yearId: string,
  patch: UpdateAcademicYearInput,
  requestId: string,
): Promise<YearRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findYear(tx, actor, yearId);
  if (before.archived) throw conflict("The year is archived; restore it first");
  const next = { name: patch.name ?? before.name, startsOn: patch.startsOn ?? before.startsOn, endsOn: patch.endsOn ?? before.endsOn };
  await checkYear(tx, actor, next, yearId);
  await writeYear(() =>
    tx.one<{ id: string }>(sql`
      update academic_years set name = ${next.name}, starts_on = ${next.startsOn}, ends_on = ${next.endsOn}
      where school_id = ${actor.schoolId} and id = ${yearId} returning id`),
  );
  const after = await findYear(tx, actor, yearId);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "academic_year",
    entityId: yearId,
    action: "update",
    before,
    after,
    requestId,
  });
  return after;
}

/** Archiving hides the year; its classes, periods and holidays stay as they were. Repeating it changes nothing. */
export async function setYearArchived(tx: Db, actor: SchoolActor, yearId: string, archived: boolean, requestId: string): Promise<YearRow> {
  await lockSchoolStructure(tx, actor.schoolId);
  const before = await findYear(tx, actor, yearId);
  if (before.archived === archived) return before;
  if (!archived) {
    const other = await tx.maybeOne<{ name: string }>(sql`
      select name from academic_years where school_id = ${actor.schoolId} and archived_at is null
        and starts_on <= ${before.endsOn} and ends_on >= ${before.startsOn} limit 1`);
    if (other) throw conflict(`The year overlaps the active year ${other.name}; archive or change that one first`);
  }
  await tx.execute(sql`
    update academic_years set archived_at = ${archived ? sql`now()` : null}
    where school_id = ${actor.schoolId} and id = ${yearId}`);
  const after = await findYear(tx, actor, yearId);
  const action = archived ? "archive" : "restore";
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "academic_year",
    entityId: yearId,
    action,
    before,
    after,
    requestId,
  });
  return after;
}
