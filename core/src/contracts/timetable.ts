/**
 * The timetable: bell times per shift, the weekly timetable of each class and subgroup, the dated
 * lessons generated from it for each study period, and their one-off changes (замены): a
 * substitute teacher, a cancellation, another room, an extra lesson. Weekdays are ISO
 * (1 = Monday … 6 = Saturday); lesson numbers run 0–10 (0 is the early «нулевой урок»).
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, OptionalText, Text, Uuid } from "./common.ts";
import { UserRef } from "./school.ts";
import { ClassRef, GroupRef } from "./staff.ts";

const tag = "timetable";

/** A day of the study week: 1 = Monday … 6 = Saturday. */
export const Weekday = z.number().int().min(1).max(6);
/** The number of a lesson in the day (0 = «нулевой урок»). */
export const LessonNumber = z.number().int().min(0).max(10);
/** A shift (смена) of the school day, 1–3. */
export const Shift = z.number().int().min(1).max(3);
/** A room as the school names it («214», «Спортзал»); empty when none is set. */
export const Room = z.string().trim().max(20);
/** A time of day, `HH:MM` (24 hours). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "invalid_time" });
/** The version of a dated lesson the client saw; a change based on an older one is refused (409). */
export const LessonVersion = z.number().int().min(1);

export const SubjectRef = z.strictObject({ id: Uuid, name: z.string(), shortName: z.string() });

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

export const CONFLICT_KINDS = ["teacher", "room", "class"] as const;

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

/** A dated lesson another lesson collides with (substitution, room change, extra lesson). */
export const LessonConflict = z.strictObject({
  kind: z.enum(CONFLICT_KINDS),
  lessonId: Uuid,
  class: z.string(),
  subject: z.string(),
  teacher: z.string(),
  room: z.string(),
  date: IsoDate,
  lessonNumber: z.number().int(),
});
export type LessonConflict = z.infer<typeof LessonConflict>;

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

// ---- Dated lessons --------------------------------------------------------------------------

export const LESSON_CHANGES = ["substitute", "cancelled", "room", "extra"] as const;
export const LessonChange = z.enum(LESSON_CHANGES);
export type LessonChange = z.infer<typeof LessonChange>;

export const LessonView = z.strictObject({
  id: Uuid,
  date: IsoDate,
  lessonNumber: z.number().int(),
  /** From the bell times of the class's shift; null when they are not set. */
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  class: ClassRef,
  group: GroupRef.nullable(),
  subject: SubjectRef,
  /** The teacher of record (from the timetable). */
  teacher: UserRef,
  /** Who teaches instead, for this lesson only. */
  substitute: UserRef.nullable(),
  room: z.string(),
  status: z.enum(["scheduled", "cancelled"]),
  /** Why the lesson was cancelled; empty otherwise. */
  cancelReason: z.string(),
  /** Added once, not from the weekly timetable. */
  isExtra: z.boolean(),
  topic: z.string(),
  /** What differs from the weekly timetable, for marks that do not rely on colour alone. */
  changes: z.array(LessonChange),
  /** The signed-in teacher teaches this lesson as the substitute. */
  asSubstitute: z.boolean(),
  version: z.number().int(),
  abilities: z.strictObject({ change: z.boolean() }),
});
export type LessonView = z.infer<typeof LessonView>;

export const WeekQuery = z.strictObject({
  /** First day of the 7 shown; default: Monday of the current week (in the school's time zone). */
  from: IsoDate.optional(),
});

export const WeekView = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  /** The class shown (its student's class for student and parent views); null for a teacher's own week. */
  class: ClassRef.nullable(),
  lessons: z.array(LessonView),
  /** Holidays of the class's grade in the week, by date. */
  daysOff: z.array(z.strictObject({ date: IsoDate, name: z.string() })),
});
export type WeekView = z.infer<typeof WeekView>;

export const DayQuery = z.strictObject({
  /** The day shown. */
  date: IsoDate,
  /** Only this class. */
  classId: Uuid.optional(),
});

const LessonParams = z.strictObject({ lessonId: Uuid });

export const SubstituteInput = z.strictObject({
  version: LessonVersion,
  /** A teacher of the school free at that time; null removes the substitution. */
  teacherId: Uuid.nullable(),
  /** Why (illness, course…), kept in the audit log. */
  reason: OptionalText(200),
});
export const CancelLessonInput = z.strictObject({
  version: LessonVersion,
  /** Shown to everyone who sees the lesson. */
  reason: Text(200),
});
export const UncancelLessonInput = z.strictObject({ version: LessonVersion });
export const ChangeRoomInput = z.strictObject({
  version: LessonVersion,
  /** The room for this lesson only; the timetable's room brings it back. */
  room: Room,
});
export const ExtraLessonInput = z.strictObject({
  classId: Uuid,
  groupId: Uuid.nullable().optional(),
  subjectId: Uuid,
  teacherId: Uuid,
  /** Within a study period of the class's grade. */
  date: IsoDate,
  lessonNumber: LessonNumber,
  room: Room.optional(),
  /** Why, kept in the audit log. */
  reason: OptionalText(200),
});
export type ExtraLessonInput = z.infer<typeof ExtraLessonInput>;

const YearParams = z.strictObject({ yearId: Uuid });
const EntryParams = z.strictObject({ entryId: Uuid });
const list = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

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
  classWeek: endpoint({
    method: "GET",
    path: "/api/v1/timetable/classes/:classId/week",
    summary: "A class's dated lessons for 7 days",
    tag,
    params: z.strictObject({ classId: Uuid }),
    query: WeekQuery,
    output: WeekView,
  }),
  schoolDay: endpoint({
    method: "GET",
    path: "/api/v1/timetable/day",
    summary: "Every dated lesson of the school on one day (for substitutions)",
    tag,
    query: DayQuery,
    output: z.strictObject({ date: IsoDate, lessons: z.array(LessonView) }),
  }),
  myWeek: endpoint({
    method: "GET",
    path: "/api/v1/me/timetable",
    summary: "The signed-in teacher's lessons for 7 days, also those they substitute",
    tag,
    query: WeekQuery,
    output: WeekView,
  }),
  studentWeek: endpoint({
    method: "GET",
    path: "/api/v1/me/student/timetable",
    summary: "The signed-in student's lessons for 7 days (own class and subgroup)",
    tag,
    query: WeekQuery,
    output: WeekView,
  }),
  childWeek: endpoint({
    method: "GET",
    path: "/api/v1/me/children/:studentId/timetable",
    summary: "A child's lessons for 7 days, for their guardian",
    tag,
    params: z.strictObject({ studentId: Uuid }),
    query: WeekQuery,
    output: WeekView,
  }),
  addExtraLesson: endpoint({
    method: "POST",
    path: "/api/v1/timetable/lessons/extra",
    summary: "Add a one-off extra lesson (409 with the conflicts if someone is booked)",
    tag,
    body: ExtraLessonInput,
    output: LessonView,
    status: 201,
  }),
  substitute: endpoint({
    method: "POST",
    path: "/api/v1/timetable/lessons/:lessonId/substitution",
    summary: "Set or remove the substitute teacher of a lesson",
    tag,
    params: LessonParams,
    body: SubstituteInput,
    output: LessonView,
  }),
  cancelLesson: endpoint({
    method: "POST",
    path: "/api/v1/timetable/lessons/:lessonId/cancel",
    summary: "Cancel a lesson, with a reason",
    tag,
    params: LessonParams,
    body: CancelLessonInput,
    output: LessonView,
  }),
  uncancelLesson: endpoint({
    method: "POST",
    path: "/api/v1/timetable/lessons/:lessonId/uncancel",
    summary: "Take back a cancellation",
    tag,
    params: LessonParams,
    body: UncancelLessonInput,
    output: LessonView,
  }),
  changeRoom: endpoint({
    method: "POST",
    path: "/api/v1/timetable/lessons/:lessonId/room",
    summary: "Move one lesson to another room",
    tag,
    params: LessonParams,
    body: ChangeRoomInput,
    output: LessonView,
  }),
};
