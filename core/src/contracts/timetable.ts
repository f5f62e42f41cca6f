/**
 * The timetable: bell times per shift, the weekly timetable of each class and subgroup, the dated
 * lessons generated from it for each study period, and their one-off changes (замены): a
 * substitute teacher, a cancellation, another room, an extra lesson. Weekdays are ISO
 * (1 = Monday … 6 = Saturday); lesson numbers run 0–10 (0 is the early «нулевой урок»).
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Uuid } from "./common.ts";
import { UserRef } from "./school.ts";
import { ClassRef, GroupRef } from "./staff.ts";
import {
  CONFLICT_KINDS,
  ClockTime,
  LessonNumber,
  listOf as list,
  Room,
  Shift,
  SubjectRef,
  TIMETABLE_TAG as tag,
  Weekday,
} from "./timetable-common.ts";
import { lessonEndpoints } from "./timetable-lessons.ts";

export * from "./timetable-common.ts";
export * from "./timetable-lessons.ts";

// ---- Bell times -----------------------------------------------------------------------------

export const BellTime = z.strictObject({
  lessonNumber: LessonNumber,
  /** Start of the lesson, `HH:MM`. */
  startsAt: ClockTime,
  /** End of the lesson, `HH:MM`; after the start. */
  endsAt: ClockTime,
});
export type BellTime = z.infer<typeof BellTime>;

export const BellTimesView = z.strictObject({
  academicYearId: Uuid,
  /** Shifts 1–3, each with its lessons by number (empty when not set). */
  shifts: z.array(z.strictObject({ shift: z.number().int(), lessons: z.array(BellTime) })),
  abilities: z.strictObject({ edit: z.boolean() }),
});
export type BellTimesView = z.infer<typeof BellTimesView>;

export const SaveBellTimesInput = z.strictObject({
  /** The shift whose schedule is replaced. */
  shift: Shift,
  /** The whole schedule of the shift, replacing the old one: numbers unique and ascending, times in order without overlaps. */
  lessons: z.array(BellTime).max(11),
});
export type SaveBellTimesInput = z.infer<typeof SaveBellTimesInput>;

// ---- Weekly timetable -----------------------------------------------------------------------

export const TimetableEntryView = z.strictObject({
  id: Uuid,
  academicYearId: Uuid,
  class: ClassRef,
  /** The subgroup taught (e.g. one English group), or null for the whole class. */
  group: GroupRef.nullable(),
  subject: SubjectRef,
  teacher: UserRef,
  weekday: z.number().int(),
  lessonNumber: z.number().int(),
  room: z.string(),
  /** First day the entry holds. */
  validFrom: IsoDate,
  /** Last day the entry holds. */
  validTo: IsoDate,
  archived: z.boolean(),
  abilities: z.strictObject({ edit: z.boolean(), archive: z.boolean() }),
});
export type TimetableEntryView = z.infer<typeof TimetableEntryView>;

export const CreateTimetableEntryInput = z.strictObject({
  /** An active class; the entry belongs to the class's academic year. */
  classId: Uuid,
  /** An active subgroup of the class, or null/absent for the whole class. */
  groupId: Uuid.nullable().optional(),
  subjectId: Uuid,
  /** A user holding the teacher role in the school. */
  teacherId: Uuid,
  /** Within the class's study week (5 or 6 days, a school setting). */
  weekday: Weekday,
  lessonNumber: LessonNumber,
  room: Room.optional(),
  /** First day; inside the academic year. Default: the year's first day. */
  validFrom: IsoDate.optional(),
  /** Last day; inside the academic year, not before the first. Default: the year's last day. */
  validTo: IsoDate.optional(),
});
export type CreateTimetableEntryInput = z.infer<typeof CreateTimetableEntryInput>;

export const UpdateTimetableEntryInput = CreateTimetableEntryInput.omit({ classId: true }).partial();
export type UpdateTimetableEntryInput = z.infer<typeof UpdateTimetableEntryInput>;

export const TimetableEntryQuery = z.strictObject({
  /** Entries of one academic year. */
  yearId: Uuid.optional(),
  /** Entries of one class. */
  classId: Uuid.optional(),
  /** Entries one teacher teaches. */
  teacherId: Uuid.optional(),
  /** Also list archived entries. */
  includeArchived: z.stringbool().optional(),
});

/**
 * One booking a timetable entry collides with, as listed in `error.details.conflicts` of a 409:
 * the same teacher or the same room at the same weekday and lesson number (in the same shift)
 * with overlapping dates, or the class (a whole-class entry collides with any entry of the class;
 * two different subgroups at once do not).
 */
export const TimetableConflict = z.strictObject({
  kind: z.enum(CONFLICT_KINDS),
  entryId: Uuid,
  /** Class (and subgroup) of the other entry, e.g. «5А, Английский, группа 1». */
  class: z.string(),
  subject: z.string(),
  teacher: z.string(),
  room: z.string(),
  weekday: z.number().int(),
  lessonNumber: z.number().int(),
});
export type TimetableConflict = z.infer<typeof TimetableConflict>;

// ---- Generating dated lessons ---------------------------------------------------------------

export const GenerateLessonsInput = z
  .strictObject({
    /** One study period (its classes are those of its grade range)… */
    periodId: Uuid.optional(),
    /** …or every period of an academic year. */
    yearId: Uuid.optional(),
    /** Only this class. */
    classId: Uuid.optional(),
  })
  .refine((v) => (v.periodId === undefined) !== (v.yearId === undefined), {
    message: "Name either a period or a year",
    path: ["periodId"],
  });
export type GenerateLessonsInput = z.infer<typeof GenerateLessonsInput>;

export const GenerateLessonsResult = z.strictObject({
  /** New dated lessons. */
  created: z.number().int(),
  /** Future lessons without journal data brought in line with a changed entry. */
  updated: z.number().int(),
  /** Future lessons without journal data whose entry no longer holds that day (archived, moved, shortened, a holiday). */
  removed: z.number().int(),
  /** Lessons that no longer match the timetable but were kept: they have marks, homework or a topic, or are past. */
  kept: z.number().int(),
  /** The kept lessons (the first 100), for the admin to review. */
  keptLessons: z.array(
    z.strictObject({
      lessonId: Uuid,
      date: IsoDate,
      lessonNumber: z.number().int(),
      class: z.string(),
      subject: z.string(),
      reason: z.enum(["has_data", "past"]),
    }),
  ),
});
export type GenerateLessonsResult = z.infer<typeof GenerateLessonsResult>;

const YearParams = z.strictObject({ yearId: Uuid });
const EntryParams = z.strictObject({ entryId: Uuid });

export const timetableEndpoints = {
  getBellTimes: endpoint({
    method: "GET",
    path: "/api/v1/academic-years/:yearId/bell-times",
    summary: "Bell times of every shift of a year",
    tag,
    params: YearParams,
    output: BellTimesView,
  }),
  saveBellTimes: endpoint({
    method: "PUT",
    path: "/api/v1/academic-years/:yearId/bell-times",
    summary: "Replace the bell times of one shift",
    tag,
    params: YearParams,
    body: SaveBellTimesInput,
    output: BellTimesView,
  }),
  listEntries: endpoint({
    method: "GET",
    path: "/api/v1/timetable/entries",
    summary: "Weekly timetable entries, by year, class or teacher",
    tag,
    query: TimetableEntryQuery,
    output: list(TimetableEntryView),
  }),
  createEntry: endpoint({
    method: "POST",
    path: "/api/v1/timetable/entries",
    summary: "Add a weekly timetable entry (409 with the conflicts if a teacher, room or class is booked)",
    tag,
    body: CreateTimetableEntryInput,
    output: TimetableEntryView,
    status: 201,
  }),
  updateEntry: endpoint({
    method: "PATCH",
    path: "/api/v1/timetable/entries/:entryId",
    summary: "Change a weekly timetable entry",
    tag,
    params: EntryParams,
    body: UpdateTimetableEntryInput,
    output: TimetableEntryView,
  }),
  archiveEntry: endpoint({
    method: "POST",
    path: "/api/v1/timetable/entries/:entryId/archive",
    summary: "Remove a weekly timetable entry (kept, archived); regenerate lessons to drop its future ones",
    tag,
    params: EntryParams,
    output: TimetableEntryView,
  }),
  generateLessons: endpoint({
    method: "POST",
    path: "/api/v1/timetable/generate",
    summary: "Create the dated lessons of a period (or a year) from the weekly timetable; safe to repeat",
    tag,
    body: GenerateLessonsInput,
    output: GenerateLessonsResult,
  }),
  ...lessonEndpoints,
};
