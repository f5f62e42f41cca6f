import { z } from "zod";
import { endpoint } from "../api.ts";
import { FINAL_MARK_VALUES, MARK_VALUES } from "../rules/grades.ts";
import { IsoDate, Ok, Uuid } from "./common.ts";
import { ATTENDANCE_STATES } from "./settings.ts";
import { ClassRef, GroupRef, UserRef } from "./staff.ts";

/**
 * The class journal: one class (or subgroup) × subject × period, lessons as columns, students as
 * rows. A cell holds up to two marks, the attendance state and a comment; it is saved as a whole
 * with the version it was read at, so a concurrent change is a conflict, never an overwrite.
 */

export const MarkValue = z.enum(MARK_VALUES);
export type MarkValue = z.infer<typeof MarkValue>;
export const FinalMarkValue = z.enum(FINAL_MARK_VALUES);
export type FinalMarkValue = z.infer<typeof FinalMarkValue>;
export const AttendanceState = z.enum(ATTENDANCE_STATES);
export type AttendanceState = z.infer<typeof AttendanceState>;

/** An exact average num/den (see core/src/rules/grades.ts); `text` is it with two decimals. */
export const Average = z.strictObject({ num: z.number().int(), den: z.number().int(), text: z.string() });

export const Attendance = z.strictObject({
  state: AttendanceState,
  /** Minutes late, only with LATE (1–90). */
  lateMinutes: z.number().int().min(1).max(90).nullable(),
});

export const JournalCell = z.strictObject({
  lessonId: Uuid,
  studentId: Uuid,
  /** Zero, one or two marks, e.g. ["5", "4"] shown as 5/4. */
  marks: z.array(MarkValue).max(2),
  attendance: Attendance.nullable(),
  comment: z.string(),
  /** 0 for a cell never saved. */
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
  updatedBy: UserRef.nullable(),
});
export type JournalCell = z.infer<typeof JournalCell>;

/**
 * A cell as the grid lists it: without who saved it and when (a full grid has thousands of
 * cells, and those fields were half its size). A save's answer and a conflict carry them.
 */
export const GridCell = JournalCell.omit({ updatedAt: true, updatedBy: true });
export type GridCell = z.infer<typeof GridCell>;

export const JournalLesson = z.strictObject({
  id: Uuid,
  date: IsoDate,
  lessonNumber: z.number().int(),
  topic: z.string(),
  /** A work type code of the school's settings; null: no graded work set (weight of «classwork»). */
  workType: z.string().nullable(),
  /** The weight the lesson's marks count with, in tenths: the override or the work type's. */
  weightTenths: z.number().int(),
  weightOverridden: z.boolean(),
  status: z.enum(["scheduled", "cancelled"]),
  teacher: UserRef,
  substitute: UserRef.nullable(),
  hasHomework: z.boolean(),
  /**
   * Read only for this user: older than the edit window (and not unlocked), or a lesson this user
   * may not enter marks in (a substitute's access covers only the lessons they teach).
   */
  locked: z.boolean(),
  /** After today in the school's time zone: nothing can be entered yet. */
  future: z.boolean(),
  version: z.number().int(),
});
export type JournalLesson = z.infer<typeof JournalLesson>;

export const JournalStudent = z.strictObject({
  id: Uuid,
  /** «Фамилия Имя». */
  displayName: z.string(),
  /** The student belongs to the class (group) only between these dates within the period. */
  from: IsoDate,
  to: IsoDate.nullable(),
});

export const PeriodMarkView = z.strictObject({
  studentId: Uuid,
  average: Average.nullable(),
  /** Numeric marks that counted. */
  count: z.number().int(),
  suggested: z.enum(["1", "2", "3", "4", "5", "NA"]),
  reason: z.enum(["no_marks", "too_few_marks", "missing_required_work"]).nullable(),
  /** The mark the teacher set; null when not set yet. */
  value: FinalMarkValue.nullable(),
  /** The set value differs from the suggestion. */
  overridden: z.boolean(),
  setBy: UserRef.nullable(),
  setAt: z.string().nullable(),
  version: z.number().int().min(0),
});
export type PeriodMarkView = z.infer<typeof PeriodMarkView>;

export const JournalQuery = z.strictObject({
  classId: Uuid,
  subjectId: Uuid,
  periodId: Uuid,
  /** A subgroup's journal; omitted for the whole class. */
  groupId: Uuid.optional(),
});
export type JournalQuery = z.infer<typeof JournalQuery>;

export const JournalGrid = z.strictObject({
  class: ClassRef,
  group: GroupRef.nullable(),
  subject: z.strictObject({ id: Uuid, name: z.string() }),
  period: z.strictObject({ id: Uuid, name: z.string(), startsOn: IsoDate, endsOn: IsoDate }),
  /** The class's other periods of the year, for navigation. */
  periods: z.array(z.strictObject({ id: Uuid, name: z.string(), startsOn: IsoDate, endsOn: IsoDate })),
  /** The school's rules the grid was computed with. */
  settings: z.strictObject({
    version: z.number().int(),
    workTypes: z.array(z.strictObject({ code: z.string(), name: z.string(), abbr: z.string(), weightTenths: z.number().int() })),
    attendanceLetters: z.record(AttendanceState, z.string()),
    roundingRule: z.enum(["HALF_UP", "X60", "X65"]),
    minMarksForPeriod: z.number().int(),
    allowMarkOne: z.boolean(),
    editWindowDays: z.number().int(),
  }),
  lessons: z.array(JournalLesson),
  students: z.array(JournalStudent),
  /** Saved cells only (sparse). */
  cells: z.array(GridCell),
  periodMarks: z.array(PeriodMarkView),
  abilities: z.strictObject({
    /** Enter marks and attendance in unlocked lessons. */
    edit: z.boolean(),
    /** Only attendance (a class teacher converting Н to Б/У). */
    editAttendanceOnly: z.boolean(),
    setPeriodMarks: z.boolean(),
    /** Change a lesson's work type and weight. */
    editLessons: z.boolean(),
  }),
  /** An admin reopened this journal until then. */
  unlockedUntil: z.string().nullable(),
  /** Today in the school's time zone. */
  today: IsoDate,
});
export type JournalGrid = z.infer<typeof JournalGrid>;

export const SaveCellInput = z.strictObject({
  marks: z.array(MarkValue).max(2),
  attendance: Attendance.nullable(),
  comment: z.string().trim().max(500),
  /** The version the change is based on (0: the cell was empty). A stale one gets 409. */
  version: z.number().int().min(0),
  /**
   * Why an existing mark is changed or removed. Required unless the same user saved the cell
   * in the last 10 minutes (fixing a slip right away).
   */
  reason: z.string().trim().max(300).optional(),
});
export type SaveCellInput = z.infer<typeof SaveCellInput>;

export const SaveCellResult = z.strictObject({
  cell: JournalCell,
  /** The student's recomputed period result in this subject. */
  periodMark: PeriodMarkView,
});

export const UpdateJournalLessonInput = z.strictObject({
  /** A work type code of the school's settings; null for none. */
  workType: z.string().max(32).nullable().optional(),
  /** A per-lesson weight in tenths (1–100); null returns to the work type's weight. */
  weightTenths: z.number().int().min(1).max(100).nullable().optional(),
  version: z.number().int().min(1),
});

export const SetPeriodMarkInput = z.strictObject({
  /** null clears the set mark (the suggestion stays). */
  value: FinalMarkValue.nullable(),
  version: z.number().int().min(0),
  /** Required when changing or clearing a mark that was set before. */
  reason: z.string().trim().max(300).optional(),
});

export const CreateUnlockInput = z.strictObject({
  classId: Uuid,
  subjectId: Uuid,
  /** Until when teachers may edit older lessons; at most 30 days ahead. */
  until: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(300),
});

export const JournalUnlock = z.strictObject({
  id: Uuid,
  class: ClassRef,
  subject: z.strictObject({ id: Uuid, name: z.string() }),
  until: z.string(),
  reason: z.string(),
  createdBy: UserRef,
  createdAt: z.string(),
});
export type JournalUnlock = z.infer<typeof JournalUnlock>;

/** A student's year mark in a subject: the period marks it is suggested from and the set mark. */
export const YearMarkView = z.strictObject({
  studentId: Uuid,
  /** The set period marks, one per period of the sheet in its order; null where none is set. */
  periodMarks: z.array(z.strictObject({ periodId: Uuid, value: FinalMarkValue.nullable() })),
  /** The mean of the numeric set period marks, x.5 rounded up; «н/а» when there is none. */
  suggested: z.enum(["1", "2", "3", "4", "5", "NA"]),
  /** The year mark the teacher set; null when not set yet. */
  value: FinalMarkValue.nullable(),
  /** The set value differs from the suggestion. */
  overridden: z.boolean(),
  setBy: UserRef.nullable(),
  setAt: z.string().nullable(),
  version: z.number().int().min(0),
});
export type YearMarkView = z.infer<typeof YearMarkView>;

export const YearSheetQuery = z.strictObject({
  classId: Uuid,
  subjectId: Uuid,
  /** A subgroup's sheet; omitted for the whole class. */
  groupId: Uuid.optional(),
});

/** Period and year marks of a class (or subgroup) in a subject over the class's academic year. */
export const YearSheet = z.strictObject({
  class: ClassRef,
  group: GroupRef.nullable(),
  subject: z.strictObject({ id: Uuid, name: z.string() }),
  academicYear: z.strictObject({ id: Uuid, name: z.string() }),
  /** The periods of the class's grade, in order. */
  periods: z.array(z.strictObject({ id: Uuid, name: z.string(), startsOn: IsoDate, endsOn: IsoDate })),
  /** Students enrolled at any time in the year; from/to within the year. */
  students: z.array(JournalStudent),
  marks: z.array(YearMarkView),
  abilities: z.strictObject({ setYearMarks: z.boolean() }),
  /** What of the school's settings the sheet needs: whether the mark 1 is used. */
  settings: z.strictObject({ allowMarkOne: z.boolean() }),
});
export type YearSheet = z.infer<typeof YearSheet>;

export const SetYearMarkInput = z.strictObject({
  /** null clears the set mark (the suggestion stays). */
  value: FinalMarkValue.nullable(),
  version: z.number().int().min(0),
  /** Required when changing or clearing a mark that was set before. */
  reason: z.string().trim().max(300).optional(),
});

const LessonParams = z.strictObject({ lessonId: Uuid });
const CellParams = z.strictObject({ lessonId: Uuid, studentId: Uuid });
const PeriodMarkParams = z.strictObject({ periodId: Uuid, subjectId: Uuid, studentId: Uuid });

export const journalEndpoints = {
  grid: endpoint({
    method: "GET",
    path: "/api/v1/journal",
    summary: "The journal grid of a class (or subgroup), subject and period",
    tag: "journal",
    query: JournalQuery,
    output: JournalGrid,
  }),
  saveCell: endpoint({
    method: "PUT",
    path: "/api/v1/journal/lessons/:lessonId/cells/:studentId",
    summary: "Save a cell: marks, attendance and comment, based on the version read",
    tag: "journal",
    params: CellParams,
    body: SaveCellInput,
    output: SaveCellResult,
  }),
  updateLesson: endpoint({
    method: "PATCH",
    path: "/api/v1/journal/lessons/:lessonId",
    summary: "Set a lesson column's work type or weight",
    tag: "journal",
    params: LessonParams,
    body: UpdateJournalLessonInput,
    output: JournalLesson,
  }),
  setPeriodMark: endpoint({
    method: "PUT",
    path: "/api/v1/journal/period-marks/:periodId/:subjectId/:studentId",
    summary: "Set (or clear) a student's period mark",
    tag: "journal",
    params: PeriodMarkParams,
    body: SetPeriodMarkInput,
    output: PeriodMarkView,
  }),
  yearSheet: endpoint({
    method: "GET",
    path: "/api/v1/journal/year-marks",
    summary: "Period and year marks of a class (or subgroup) in a subject for the year",
    tag: "journal",
    query: YearSheetQuery,
    output: YearSheet,
  }),
  setYearMark: endpoint({
    method: "PUT",
    path: "/api/v1/journal/year-marks/:academicYearId/:subjectId/:studentId",
    summary: "Set (or clear) a student's year mark",
    tag: "journal",
    params: z.strictObject({ academicYearId: Uuid, subjectId: Uuid, studentId: Uuid }),
    body: SetYearMarkInput,
    output: YearMarkView,
  }),
  listUnlocks: endpoint({
    method: "GET",
    path: "/api/v1/journal/unlocks",
    summary: "Journals reopened for editing past the edit window",
    tag: "journal",
    output: z.strictObject({ items: z.array(JournalUnlock) }),
  }),
  createUnlock: endpoint({
    method: "POST",
    path: "/api/v1/journal/unlocks",
    summary: "Reopen a class × subject journal for teachers until a time",
    tag: "journal",
    body: CreateUnlockInput,
    output: JournalUnlock,
    status: 201,
  }),
  endUnlock: endpoint({
    method: "DELETE",
    path: "/api/v1/journal/unlocks/:unlockId",
    summary: "End an unlock now",
    tag: "journal",
    params: z.strictObject({ unlockId: Uuid }),
    output: Ok,
  }),
};
