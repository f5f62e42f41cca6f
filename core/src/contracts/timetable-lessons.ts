/**
 * Dated lessons of the timetable: week views for each role, the school's day, and one-off changes
 * (a substitute, a cancellation, another room, an extra lesson).
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, OptionalText, Text, Uuid } from "./common.ts";
import { UserRef } from "./school.ts";
import { ClassRef, GroupRef } from "./staff.ts";
import { CONFLICT_KINDS, LessonNumber, LessonVersion, Room, SubjectRef, TIMETABLE_TAG as tag } from "./timetable-common.ts";

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

export const lessonEndpoints = {
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
