/** The school calendar: academic years, their study periods, holidays and moved working days. */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Ok, Text, Uuid } from "./common.ts";
import { ArchivableAbilities, ArchivedFilter, GradeRange, listOf as list, STRUCTURE_TAG as tag } from "./structure-common.ts";

// ---- Academic years -------------------------------------------------------------------------

export const AcademicYearView = z.strictObject({
  id: Uuid,
  /** E.g. «2026/2027». */
  name: z.string(),
  /** First day of the year. */
  startsOn: IsoDate,
  /** Last day of the year. */
  endsOn: IsoDate,
  /** Archived years are hidden by default. */
  archived: z.boolean(),
  abilities: ArchivableAbilities,
});
export type AcademicYearView = z.infer<typeof AcademicYearView>;

export const CreateAcademicYearInput = z.strictObject({
  /** E.g. «2026/2027»; unique in the school. */
  name: Text(40),
  /** First day, usually 1 September. */
  startsOn: IsoDate,
  /** Last day, usually 26 May (ФОП); at most a year after the first. */
  endsOn: IsoDate,
});
export type CreateAcademicYearInput = z.infer<typeof CreateAcademicYearInput>;
export const UpdateAcademicYearInput = CreateAcademicYearInput.partial();
export type UpdateAcademicYearInput = z.infer<typeof UpdateAcademicYearInput>;

// ---- Study periods --------------------------------------------------------------------------

export const PERIOD_KINDS = ["quarter", "trimester", "half_year", "custom"] as const;
/** Четверть, триместр, полугодие, or a school's own period (module). */
export const PeriodKind = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKind>;

export const PeriodView = z.strictObject({
  id: Uuid,
  academicYearId: Uuid,
  kind: PeriodKind,
  /** Order within the year for its kind: 1 for the first quarter. */
  number: z.number().int(),
  /** E.g. «1 четверть». */
  name: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  ...GradeRange,
  archived: z.boolean(),
  abilities: ArchivableAbilities,
});
export type PeriodView = z.infer<typeof PeriodView>;

export const CreatePeriodInput = z.strictObject({
  kind: PeriodKind,
  /** Order within the year for its kind, 1–12. */
  number: z.number().int().min(1).max(12),
  /** E.g. «1 четверть». */
  name: Text(60),
  /** First day; inside the year. */
  startsOn: IsoDate,
  /** Last day; inside the year, not before the first. */
  endsOn: IsoDate,
  ...GradeRange,
});
export type CreatePeriodInput = z.infer<typeof CreatePeriodInput>;
export const UpdatePeriodInput = CreatePeriodInput.partial();
export type UpdatePeriodInput = z.infer<typeof UpdatePeriodInput>;

export const GenerateStandardPeriodsInput = z.strictObject({
  /** Also add the usual autumn, winter and spring holidays (and the extra February week of grade 1). */
  includeHolidays: z.boolean().default(true),
});

// ---- Holidays and moved working days --------------------------------------------------------

/** `holiday`: no lessons (каникулы, праздник); `working_day`: a day off that becomes a school day (перенос). */
export const HolidayKind = z.enum(["holiday", "working_day"]);
export type HolidayKind = z.infer<typeof HolidayKind>;

export const HolidayView = z.strictObject({
  id: Uuid,
  academicYearId: Uuid,
  kind: HolidayKind,
  /** E.g. «Осенние каникулы». */
  name: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  ...GradeRange,
  /** For a moved working day: the weekday (1 = Monday … 6 = Saturday) whose timetable it follows; null for its own. */
  followsWeekday: z.number().int().nullable(),
  abilities: z.strictObject({ edit: z.boolean(), delete: z.boolean() }),
});
export type HolidayView = z.infer<typeof HolidayView>;

export const CreateHolidayInput = z.strictObject({
  kind: HolidayKind,
  /** E.g. «Осенние каникулы». */
  name: Text(80),
  /** First day; inside the year. */
  startsOn: IsoDate,
  /** Last day; inside the year, not before the first. */
  endsOn: IsoDate,
  ...GradeRange,
  /** Moved working days only: the weekday (1 = Monday … 6 = Saturday) whose timetable the day follows. */
  followsWeekday: z.number().int().min(1).max(6).nullable().optional(),
});
export type CreateHolidayInput = z.infer<typeof CreateHolidayInput>;
export const UpdateHolidayInput = CreateHolidayInput.partial();
export type UpdateHolidayInput = z.infer<typeof UpdateHolidayInput>;

const YearParams = z.strictObject({ yearId: Uuid });
const PeriodParams = z.strictObject({ periodId: Uuid });
const HolidayParams = z.strictObject({ holidayId: Uuid });

export const calendarEndpoints = {
  listYears: endpoint({
    method: "GET",
    path: "/api/v1/academic-years",
    summary: "Academic years of the school",
    tag,
    query: ArchivedFilter,
    output: list(AcademicYearView),
  }),
  getYear: endpoint({
    method: "GET",
    path: "/api/v1/academic-years/:yearId",
    summary: "One academic year",
    tag,
    params: YearParams,
    output: AcademicYearView,
  }),
  createYear: endpoint({
    method: "POST",
    path: "/api/v1/academic-years",
    summary: "Create an academic year",
    tag,
    body: CreateAcademicYearInput,
    output: AcademicYearView,
    status: 201,
  }),
  updateYear: endpoint({
    method: "PATCH",
    path: "/api/v1/academic-years/:yearId",
    summary: "Change an academic year",
    tag,
    params: YearParams,
    body: UpdateAcademicYearInput,
    output: AcademicYearView,
  }),
  archiveYear: endpoint({
    method: "POST",
    path: "/api/v1/academic-years/:yearId/archive",
    summary: "Archive an academic year",
    tag,
    params: YearParams,
    output: AcademicYearView,
  }),
  restoreYear: endpoint({
    method: "POST",
    path: "/api/v1/academic-years/:yearId/restore",
    summary: "Bring an archived academic year back",
    tag,
    params: YearParams,
    output: AcademicYearView,
  }),

  listPeriods: endpoint({
    method: "GET",
    path: "/api/v1/academic-years/:yearId/periods",
    summary: "Study periods of a year",
    tag,
    params: YearParams,
    query: ArchivedFilter,
    output: list(PeriodView),
  }),
  createPeriod: endpoint({
    method: "POST",
    path: "/api/v1/academic-years/:yearId/periods",
    summary: "Add a study period to a year",
    tag,
    params: YearParams,
    body: CreatePeriodInput,
    output: PeriodView,
    status: 201,
  }),
  generatePeriods: endpoint({
    method: "POST",
    path: "/api/v1/academic-years/:yearId/periods/generate",
    summary: "Create the standard periods (and holidays) of a year from the school's period system",
    tag,
    params: YearParams,
    body: GenerateStandardPeriodsInput,
    output: z.strictObject({ periods: z.array(PeriodView), holidays: z.array(HolidayView) }),
    status: 201,
  }),
  updatePeriod: endpoint({
    method: "PATCH",
    path: "/api/v1/periods/:periodId",
    summary: "Change a study period",
    tag,
    params: PeriodParams,
    body: UpdatePeriodInput,
    output: PeriodView,
  }),
  archivePeriod: endpoint({
    method: "POST",
    path: "/api/v1/periods/:periodId/archive",
    summary: "Archive a study period",
    tag,
    params: PeriodParams,
    output: PeriodView,
  }),
  restorePeriod: endpoint({
    method: "POST",
    path: "/api/v1/periods/:periodId/restore",
    summary: "Bring an archived study period back",
    tag,
    params: PeriodParams,
    output: PeriodView,
  }),

  listHolidays: endpoint({
    method: "GET",
    path: "/api/v1/academic-years/:yearId/holidays",
    summary: "Holidays and moved working days of a year",
    tag,
    params: YearParams,
    output: list(HolidayView),
  }),
  createHoliday: endpoint({
    method: "POST",
    path: "/api/v1/academic-years/:yearId/holidays",
    summary: "Add a holiday or a moved working day",
    tag,
    params: YearParams,
    body: CreateHolidayInput,
    output: HolidayView,
    status: 201,
  }),
  updateHoliday: endpoint({
    method: "PATCH",
    path: "/api/v1/holidays/:holidayId",
    summary: "Change a holiday or a moved working day",
    tag,
    params: HolidayParams,
    body: UpdateHolidayInput,
    output: HolidayView,
  }),
  deleteHoliday: endpoint({
    method: "DELETE",
    path: "/api/v1/holidays/:holidayId",
    summary: "Remove a holiday or a moved working day",
    tag,
    params: HolidayParams,
    output: Ok,
  }),
};
