import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Uuid } from "./common.ts";
import { AttendanceState } from "./journal.ts";
import { ClassRef, UserRef } from "./staff.ts";

/**
 * The class teacher's (классный руководитель) tools: turning «Н» into «Б»/«У» once a справка
 * arrives, and a report of what the class's journal is missing.
 */

const ClassParams = z.strictObject({ classId: Uuid });
const DateRange = z.strictObject({ from: IsoDate, to: IsoDate });

export const AbsenceRow = z.strictObject({
  lessonId: Uuid,
  studentId: Uuid,
  studentName: z.string(),
  date: IsoDate,
  lessonNumber: z.number().int(),
  subject: z.strictObject({ id: Uuid, name: z.string() }),
  state: AttendanceState,
  lateMinutes: z.number().int().nullable(),
  comment: z.string(),
  version: z.number().int(),
  /** Older than the edit window: the class teacher can no longer change it. */
  locked: z.boolean(),
});
export type AbsenceRow = z.infer<typeof AbsenceRow>;

export const ExcuseAbsencesInput = z
  .strictObject({
    studentId: Uuid,
    from: IsoDate,
    to: IsoDate,
    /** What «Н» becomes. */
    state: z.enum(["ABSENT_ILLNESS", "ABSENT_EXCUSED"]),
    /** The note kept in the audit log, e.g. «Справка № 12 от 20.11». */
    note: z.string().trim().min(1).max(300),
  })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "The end is before the start" });
export type ExcuseAbsencesInput = z.infer<typeof ExcuseAbsencesInput>;

export const ExcuseAbsencesResult = z.strictObject({
  /** Cells changed from «Н». */
  changed: z.number().int(),
  /** «Н» older than the edit window, left as they were. */
  lockedSkipped: z.number().int(),
});

export const CompletionQuery = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "The end is before the start" });

export const MISSING_PARTS = ["topic", "entries", "homework"] as const;

export const IncompleteLesson = z.strictObject({
  lessonId: Uuid,
  date: IsoDate,
  lessonNumber: z.number().int(),
  subject: z.strictObject({ id: Uuid, name: z.string() }),
  teacher: UserRef,
  /** topic: no topic; entries: no mark or attendance entered at all; homework: none given. */
  missing: z.array(z.enum(MISSING_PARTS)).min(1),
});

export const TeacherCompletion = z.strictObject({
  teacher: UserRef,
  subject: z.strictObject({ id: Uuid, name: z.string() }),
  /** Lessons held in the range (not cancelled, not after today). */
  lessons: z.number().int(),
  withoutTopic: z.number().int(),
  withoutEntries: z.number().int(),
  withoutHomework: z.number().int(),
});

export const CompletionReport = z.strictObject({
  class: ClassRef,
  from: IsoDate,
  to: IsoDate,
  /** Lessons missing something, oldest first (at most 500). */
  lessons: z.array(IncompleteLesson),
  /** Per teacher and subject, most incomplete first. */
  teachers: z.array(TeacherCompletion),
});
export type CompletionReport = z.infer<typeof CompletionReport>;

export const classTeacherEndpoints = {
  absences: endpoint({
    method: "GET",
    path: "/api/v1/classes/:classId/absences",
    summary: "Absences and lateness of a class's students in a date range, newest first",
    tag: "class-teacher",
    params: ClassParams,
    query: DateRange,
    output: z.strictObject({ class: ClassRef, items: z.array(AbsenceRow) }),
  }),
  excuseAbsences: endpoint({
    method: "POST",
    path: "/api/v1/classes/:classId/absences/excuse",
    summary: "Turn a student's «Н» in a date range into illness or a valid reason",
    tag: "class-teacher",
    params: ClassParams,
    body: ExcuseAbsencesInput,
    output: ExcuseAbsencesResult,
  }),
  completion: endpoint({
    method: "GET",
    path: "/api/v1/classes/:classId/journal-completion",
    summary: "What a class's journal is missing: lessons without topic, entries or homework, by teacher",
    tag: "class-teacher",
    params: ClassParams,
    query: CompletionQuery,
    output: CompletionReport,
  }),
};
