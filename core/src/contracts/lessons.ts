/**
 * The lesson page: what was taught (the topic, picked from the teacher's thematic plan or typed)
 * and the homework given (text, files, when it is due, how long it should take), with the
 * students' «done» marks and the teacher's «checked» marks. Teachers of the journal and admins
 * see everything; the class's students and their parents see the topic and the homework.
 * Thematic plans (КТП) are in lesson-plans.ts.
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Ok, Uuid } from "./common.ts";
import { FileRef } from "./files.ts";
import { ClassRef, GroupRef, UserRef } from "./staff.ts";

export const TOPIC_MAX = 500;
export const HOMEWORK_TEXT_MAX = 5000;
export const HOMEWORK_FILES_MAX = 10;
export const HOMEWORK_COMMENT_MAX = 500;
/** The longest range of due dates one homework list request may ask for. */
export const HOMEWORK_RANGE_MAX_DAYS = 62;

export const SubjectRef = z.strictObject({ id: Uuid, name: z.string() });
/** A student as lists name them. */
export const StudentRef = z.strictObject({
  id: Uuid,
  /** «Фамилия Имя». */
  displayName: z.string(),
});

/** Another dated lesson of the same class and subject. */
export const LessonRef = z.strictObject({ id: Uuid, date: IsoDate, lessonNumber: z.number().int() });
export type LessonRef = z.infer<typeof LessonRef>;

export const LessonInfo = z.strictObject({
  id: Uuid,
  date: IsoDate,
  lessonNumber: z.number().int(),
  periodId: Uuid,
  class: ClassRef,
  group: GroupRef.nullable(),
  subject: SubjectRef,
  /** The teacher of record. */
  teacher: UserRef,
  /** Who teaches instead (замена), if anyone. */
  substitute: UserRef.nullable(),
  room: z.string(),
  status: z.enum(["scheduled", "cancelled"]),
  /** «Тема урока»; "" when not set. */
  topic: z.string(),
  /** The row of a thematic plan the topic was taken from; null for a typed topic. */
  planItem: z.strictObject({ id: Uuid, planId: Uuid, planName: z.string(), number: z.number().int() }).nullable(),
  /** Optimistic version: a topic change names it, a stale one gets 409. */
  version: z.number().int(),
});
export type LessonInfo = z.infer<typeof LessonInfo>;

/** The class's homework for one day is expected to take longer than СанПиН allows its grade. */
export const HomeworkWarning = z.strictObject({
  code: z.literal("sanpin_daily_limit"),
  dueOn: IsoDate,
  grade: z.number().int(),
  /** Expected minutes of all the class's homework due that day (the busiest subgroup counted). */
  totalMinutes: z.number().int(),
  limitMinutes: z.number().int(),
});
export type HomeworkWarning = z.infer<typeof HomeworkWarning>;

export const HomeworkStudentStatus = z.strictObject({
  student: StudentRef,
  /** When the student marked it done; null: not done. */
  doneAt: z.string().nullable(),
  /** When the teacher marked it checked; null: not checked. */
  checkedAt: z.string().nullable(),
  checkedBy: UserRef.nullable(),
  /** The teacher's comment to the student. */
  comment: z.string(),
});
export type HomeworkStudentStatus = z.infer<typeof HomeworkStudentStatus>;

export const Homework = z.strictObject({
  id: Uuid,
  /** The lesson it was given at. */
  lessonId: Uuid,
  givenOn: IsoDate,
  subject: SubjectRef,
  text: z.string(),
  files: z.array(FileRef),
  /** The day it is due (the due lesson's date when one is named). */
  dueOn: IsoDate,
  dueLesson: LessonRef.nullable(),
  /** How long it should take, in minutes; null when not said. */
  expectedMinutes: z.number().int().nullable(),
  createdBy: UserRef,
  updatedAt: z.string(),
  version: z.number().int(),
  /** СанПиН load warnings for the due day (shown to the teachers of the journal only). */
  warnings: z.array(HomeworkWarning),
  /**
   * The students it is for, with their marks: every student for the journal's teachers, the
   * student themself for a student, their children for a parent.
   */
  students: z.array(HomeworkStudentStatus),
});
export type Homework = z.infer<typeof Homework>;

/** A row of the caller's thematic plans that fits the lesson. */
export const PlanItemOption = z.strictObject({
  id: Uuid,
  planId: Uuid,
  planName: z.string(),
  number: z.number().int(),
  topic: z.string(),
  hours: z.number().int(),
  plannedOn: IsoDate.nullable(),
  /** The date of a lesson of this class and subject that already has this row as its topic. */
  usedOn: IsoDate.nullable(),
});
export type PlanItemOption = z.infer<typeof PlanItemOption>;

export const LessonAbilities = z.strictObject({
  /** Set the topic (the journal's teachers and admins; not for a cancelled lesson). */
  editTopic: z.boolean(),
  /** Give, change and remove homework. */
  editHomework: z.boolean(),
  /** Mark students' homework checked, with a comment. */
  checkHomework: z.boolean(),
  /** Mark one's own homework done (a student of the class). */
  markDone: z.boolean(),
});

export const LessonPage = z.strictObject({
  lesson: LessonInfo,
  /** "full" for the journal's teachers and admins; "reduced" (topic and homework) for students and parents. */
  view: z.enum(["full", "reduced"]),
  /** Homework given at this lesson. */
  homework: z.array(Homework),
  /** Homework due at this lesson (given earlier). */
  homeworkDue: z.array(Homework),
  /** Thematic plan rows to pick the topic from (full view only). */
  planItems: z.array(PlanItemOption),
  /** The next lessons of the class and subject, to set homework due at one of them (full view only). */
  laterLessons: z.array(LessonRef),
  previousLesson: LessonRef.nullable(),
  nextLesson: LessonRef.nullable(),
  /** The class's daily homework limit (СанПиН), in minutes. */
  homeworkLimitMinutes: z.number().int(),
  abilities: LessonAbilities,
  /** Today in the school's time zone. */
  today: IsoDate,
});
export type LessonPage = z.infer<typeof LessonPage>;

export const SetTopicInput = z.strictObject({
  /** Take the topic from this thematic plan row (its text is copied). */
  planItemId: Uuid.optional(),
  /** Or type it; "" clears the topic. Give one of planItemId and topic. */
  topic: z.string().trim().max(TOPIC_MAX).optional(),
  /** The lesson version the change is based on; a stale one gets 409. */
  version: z.number().int().min(1),
});
export type SetTopicInput = z.infer<typeof SetTopicInput>;

export const HomeworkInput = z.strictObject({
  text: z.string().trim().min(1).max(HOMEWORK_TEXT_MAX),
  /** Uploaded files (POST /api/v1/files) to attach. */
  fileIds: z.array(Uuid).max(HOMEWORK_FILES_MAX),
  /** Due at a later lesson of the same class and subject… */
  dueLessonId: Uuid.nullable().optional(),
  /** …or on a study day after the lesson. Give exactly one of the two. */
  dueOn: IsoDate.nullable().optional(),
  expectedMinutes: z.number().int().min(1).max(300).nullable().optional(),
});
export type HomeworkInput = z.infer<typeof HomeworkInput>;

export const UpdateHomeworkInput = HomeworkInput.extend({
  /** The version read; a stale one gets 409. */
  version: z.number().int().min(1),
});
export type UpdateHomeworkInput = z.infer<typeof UpdateHomeworkInput>;

export const MarkDoneInput = z.strictObject({ done: z.boolean() });

export const CheckHomeworkInput = z.strictObject({
  checked: z.boolean(),
  comment: z.string().trim().max(HOMEWORK_COMMENT_MAX),
});

export const StudentHomeworkQuery = z.strictObject({
  /** Due from this day… */
  from: IsoDate,
  /** …to this day, both included (at most 62 days). */
  to: IsoDate,
  /** Whose homework: a parent names a child; a student may leave it out. */
  studentId: Uuid.optional(),
});

export const StudentHomeworkItem = z.strictObject({
  id: Uuid,
  lessonId: Uuid,
  subject: SubjectRef,
  givenOn: IsoDate,
  dueOn: IsoDate,
  /** The lesson number of the due lesson, when it is due at one. */
  dueLessonNumber: z.number().int().nullable(),
  text: z.string(),
  files: z.array(FileRef),
  expectedMinutes: z.number().int().nullable(),
  teacher: UserRef,
  doneAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  teacherComment: z.string(),
});
export type StudentHomeworkItem = z.infer<typeof StudentHomeworkItem>;

export const StudentHomeworkList = z.strictObject({
  student: StudentRef,
  from: IsoDate,
  to: IsoDate,
  /** Ordered by due day, then subject. */
  items: z.array(StudentHomeworkItem),
  /** The caller is the student and may mark homework done. */
  canMarkDone: z.boolean(),
});
export type StudentHomeworkList = z.infer<typeof StudentHomeworkList>;

const LessonParams = z.strictObject({ lessonId: Uuid });
const HomeworkParams = z.strictObject({ homeworkId: Uuid });

export const lessonEndpoints = {
  page: endpoint({
    method: "GET",
    path: "/api/v1/lessons/:lessonId",
    summary: "The lesson page: the lesson, its topic, homework given and due, plan rows to pick from, abilities",
    tag: "lessons",
    params: LessonParams,
    output: LessonPage,
  }),
  setTopic: endpoint({
    method: "PUT",
    path: "/api/v1/lessons/:lessonId/topic",
    summary: "Set the lesson's topic from a thematic plan row or as typed text",
    tag: "lessons",
    params: LessonParams,
    body: SetTopicInput,
    output: LessonInfo,
  }),
  createHomework: endpoint({
    method: "POST",
    path: "/api/v1/lessons/:lessonId/homework",
    summary: "Give homework at a lesson; the answer carries СанПиН load warnings",
    tag: "lessons",
    params: LessonParams,
    body: HomeworkInput,
    output: Homework,
    status: 201,
  }),
  updateHomework: endpoint({
    method: "PUT",
    path: "/api/v1/homework/:homeworkId",
    summary: "Change homework (text, files, due, expected minutes), based on the version read",
    tag: "lessons",
    params: HomeworkParams,
    body: UpdateHomeworkInput,
    output: Homework,
  }),
  deleteHomework: endpoint({
    method: "DELETE",
    path: "/api/v1/homework/:homeworkId",
    summary: "Remove homework, its files and its students' marks",
    tag: "lessons",
    params: HomeworkParams,
    output: Ok,
  }),
  markDone: endpoint({
    method: "PUT",
    path: "/api/v1/homework/:homeworkId/done",
    summary: "A student marks their homework done or not done",
    tag: "lessons",
    params: HomeworkParams,
    body: MarkDoneInput,
    output: HomeworkStudentStatus,
  }),
  check: endpoint({
    method: "PUT",
    path: "/api/v1/homework/:homeworkId/students/:studentId/check",
    summary: "The teacher marks a student's homework checked (or not), with a comment",
    tag: "lessons",
    params: z.strictObject({ homeworkId: Uuid, studentId: Uuid }),
    body: CheckHomeworkInput,
    output: HomeworkStudentStatus,
  }),
  studentHomework: endpoint({
    method: "GET",
    path: "/api/v1/homework",
    summary: "A student's homework due in a date range (the student themself, or a parent for a child)",
    tag: "lessons",
    query: StudentHomeworkQuery,
    output: StudentHomeworkList,
  }),
};
