import type { AcademicYearView, HolidayView, PeriodView } from "@otmetka/core/contracts/structure.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { empty, sql } from "../../platform/db/sql.ts";
import { archivableAbilities, holidayAbilities } from "./structure.policy.ts";
import { conflict } from "./structure.validation.ts";

export interface YearRow {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  archived: boolean;
}

export interface PeriodRow extends Omit<PeriodView, "abilities"> {
  yearArchived: boolean;
}

export interface HolidayRow extends Omit<HolidayView, "abilities"> {
  yearArchived: boolean;
}

/** The audit log records rows as the API shows them, without abilities or joined flags. */
export function auditShape<T extends { yearArchived?: boolean }>(row: T): Omit<T, "yearArchived"> {
  const { yearArchived: _, ...rest } = row;
  return rest;
}

const yearColumns = sql`id, name, starts_on as "startsOn", ends_on as "endsOn", archived_at is not null as archived`;

export const toYearView = (actor: SchoolActor, row: YearRow): AcademicYearView => ({ ...row, abilities: archivableAbilities(actor, row) });

export async function listYears(db: Db, actor: SchoolActor, includeArchived: boolean): Promise<YearRow[]> {
  return db.many<YearRow>(sql`
    select ${yearColumns} from academic_years
    where school_id = ${actor.schoolId} ${includeArchived ? empty : sql`and archived_at is null`}
    order by starts_on desc`);
}

/** A year of the actor's school; another school's id is "not found". */
export async function findYear(db: Db, actor: SchoolActor, yearId: string): Promise<YearRow> {
  const row = await db.maybeOne<YearRow>(
    sql`select ${yearColumns} from academic_years where school_id = ${actor.schoolId} and id = ${yearId}`,
  );
  if (!row) throw new AppError("not_found", "Academic year not found");
  return row;
}

/** The year of a new or changed row must be active: an archived year is read-only. */
export async function findWritableYear(db: Db, actor: SchoolActor, yearId: string): Promise<YearRow> {
  const year = await findYear(db, actor, yearId);
  if (year.archived) throw conflict("The academic year is archived; restore it first");
  return year;
}

const periodColumns = sql`
  p.id, p.academic_year_id as "academicYearId", p.kind, p.number, p.name, p.starts_on as "startsOn", p.ends_on as "endsOn",
  p.grade_from as "gradeFrom", p.grade_to as "gradeTo", p.archived_at is not null as archived,
  y.archived_at is not null as "yearArchived"`;
const periodFrom = sql`periods p join academic_years y on y.school_id = p.school_id and y.id = p.academic_year_id`;

export const toPeriodView = (actor: SchoolActor, row: PeriodRow): PeriodView => ({
  ...auditShape(row),
  abilities: archivableAbilities(actor, { archived: row.archived, frozen: row.yearArchived }),
});

export async function listPeriods(db: Db, actor: SchoolActor, yearId: string, includeArchived: boolean): Promise<PeriodRow[]> {
  return db.many<PeriodRow>(sql`
    select ${periodColumns} from ${periodFrom}
    where p.school_id = ${actor.schoolId} and p.academic_year_id = ${yearId} ${includeArchived ? empty : sql`and p.archived_at is null`}
    order by p.grade_from, p.starts_on, p.number`);
}

export async function findPeriod(db: Db, actor: SchoolActor, periodId: string): Promise<PeriodRow> {
  const row = await db.maybeOne<PeriodRow>(
    sql`select ${periodColumns} from ${periodFrom} where p.school_id = ${actor.schoolId} and p.id = ${periodId}`,
  );
  if (!row) throw new AppError("not_found", "Study period not found");
  return row;
}

const holidayColumns = sql`
  h.id, h.academic_year_id as "academicYearId", h.kind, h.name, h.starts_on as "startsOn", h.ends_on as "endsOn",
  h.grade_from as "gradeFrom", h.grade_to as "gradeTo", h.follows_weekday as "followsWeekday", y.archived_at is not null as "yearArchived"`;
const holidayFrom = sql`holidays h join academic_years y on y.school_id = h.school_id and y.id = h.academic_year_id`;

export const toHolidayView = (actor: SchoolActor, row: HolidayRow): HolidayView => ({
  ...auditShape(row),
  abilities: holidayAbilities(actor, { frozen: row.yearArchived }),
});

export async function listHolidays(db: Db, actor: SchoolActor, yearId: string): Promise<HolidayRow[]> {
  return db.many<HolidayRow>(sql`
    select ${holidayColumns} from ${holidayFrom}
    where h.school_id = ${actor.schoolId} and h.academic_year_id = ${yearId}
    order by h.starts_on, h.grade_from`);
}

export async function findHoliday(db: Db, actor: SchoolActor, holidayId: string): Promise<HolidayRow> {
  const row = await db.maybeOne<HolidayRow>(
    sql`select ${holidayColumns} from ${holidayFrom} where h.school_id = ${actor.schoolId} and h.id = ${holidayId}`,
  );
  if (!row) throw new AppError("not_found", "Holiday not found");
  return row;
}
