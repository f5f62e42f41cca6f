/**
 * Thematic plans (КТП, календарно-тематическое планирование): a teacher's numbered list of
 * lesson topics for a subject, optionally for one class. Rows come from a CSV or XLSX file in
 * the columns of the federal «Конструктор рабочих программ» (checked first, then written all or
 * nothing); lessons take their topics from the rows, one by one or all at once (row № n → the
 * n-th lesson of the year).
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Ok, Text, Uuid } from "./common.ts";
import { ImportIssue, ImportRowReport, ImportSummary, normalizeImportHeader } from "./imports.ts";
import { SubjectRef } from "./lessons.ts";
import { ClassRef, GroupRef, UserRef } from "./staff.ts";

/** The largest plan file the import takes (a year's plan is a few dozen kilobytes). */
export const PLAN_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** Row numbers go up to this (lesson_plan_items.number). */
export const PLAN_MAX_ROWS = 999;

export interface PlanColumn {
  key: "number" | "topic" | "hours" | "controlHours" | "practicalHours" | "plannedOn" | "resources";
  /** The header in the template. */
  header: string;
  /** Other headers that mean the same column (the Конструктор's own among them). */
  aliases: readonly string[];
  required: boolean;
  example: string;
}

/** The template's columns, in order. */
export const PLAN_COLUMNS: readonly PlanColumn[] = [
  { key: "number", header: "№ урока", aliases: ["№", "№ п/п", "номер урока", "номер", "урок"], required: true, example: "1" },
  { key: "topic", header: "Тема урока", aliases: ["тема", "тема урока раздел"], required: true, example: "Натуральные числа и нуль" },
  {
    key: "hours",
    header: "Кол-во часов",
    aliases: ["количество часов", "количество часов всего", "всего часов", "часы", "всего"],
    required: false,
    example: "1",
  },
  {
    key: "controlHours",
    header: "Контрольные",
    aliases: ["контрольные работы", "количество часов контрольные работы", "кр"],
    required: false,
    example: "0",
  },
  {
    key: "practicalHours",
    header: "Практические",
    aliases: ["практические работы", "количество часов практические работы", "пр"],
    required: false,
    example: "0",
  },
  {
    key: "plannedOn",
    header: "Дата (план)",
    aliases: ["дата", "дата изучения", "плановая дата", "дата проведения"],
    required: false,
    example: "02.09.2026",
  },
  {
    key: "resources",
    header: "ЭОР/ЦОР",
    aliases: ["электронные цифровые образовательные ресурсы", "эор", "цор", "ресурсы", "ссылки"],
    required: false,
    example: "https://resh.edu.ru/subject/12/5/",
  },
];

/** A plan header as compared: «№» reads as «номер», then as roster headers are (case, ё, punctuation). */
export const normalizePlanHeader = (raw: string): string => normalizeImportHeader(raw.replace(/№/g, "номер"));

export const LessonPlan = z.strictObject({
  id: Uuid,
  name: z.string(),
  teacher: UserRef,
  subject: SubjectRef,
  /** The class the plan is for; null: any class of the subject. */
  class: ClassRef.nullable(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  abilities: z.strictObject({ edit: z.boolean() }),
});
export type LessonPlan = z.infer<typeof LessonPlan>;

export const LessonPlanItem = z.strictObject({
  id: Uuid,
  number: z.number().int(),
  topic: z.string(),
  /** Hours in all, of them for контрольные and практические работы. */
  hours: z.number().int(),
  controlHours: z.number().int(),
  practicalHours: z.number().int(),
  plannedOn: IsoDate.nullable(),
  /** ЭОР/ЦОР: electronic resources, usually links. */
  resources: z.string(),
});
export type LessonPlanItem = z.infer<typeof LessonPlanItem>;

export const LessonPlanDetails = z.strictObject({ plan: LessonPlan, items: z.array(LessonPlanItem) });
export type LessonPlanDetails = z.infer<typeof LessonPlanDetails>;

export const LessonPlanQuery = z.strictObject({
  /** Admins: one teacher's plans (teachers always see their own). */
  teacherId: Uuid.optional(),
  subjectId: Uuid.optional(),
});

export const CreateLessonPlanInput = z.strictObject({
  name: Text(200),
  subjectId: Uuid,
  classId: Uuid.nullable().optional(),
  /** Admins may create a plan for a teacher; a teacher's plan is their own. */
  teacherId: Uuid.optional(),
});
export type CreateLessonPlanInput = z.infer<typeof CreateLessonPlanInput>;

export const UpdateLessonPlanInput = z.strictObject({
  name: Text(200).optional(),
  classId: Uuid.nullable().optional(),
});
export type UpdateLessonPlanInput = z.infer<typeof UpdateLessonPlanInput>;

export const PlanImportReport = z.strictObject({
  /** True for a check that changed nothing. */
  dryRun: z.boolean(),
  /** True once every row was written (never with any error). */
  imported: z.boolean(),
  /** How the file was read; null when it could not be. */
  format: z.enum(["csv", "xlsx"]).nullable(),
  encoding: z.enum(["utf-8", "windows-1251", "utf-16le", "utf-16be"]).nullable(),
  /** The column separator of a CSV file. */
  delimiter: z.enum([";", ",", "\t"]).nullable(),
  fileIssues: z.array(ImportIssue),
  rows: z.array(ImportRowReport),
  summary: ImportSummary,
  /** Rows of the plan the file does not have: the import removes them (the file is the plan). */
  removed: z.number().int(),
});
export type PlanImportReport = z.infer<typeof PlanImportReport>;

export const PlanImportQuery = z.strictObject({
  /** true (the default): check and report only; false: import, all rows or none. */
  dryRun: z.stringbool().optional(),
});

export const FillTopicsInput = z.strictObject({
  /** The class whose lessons get topics; required when the plan is not for one class. */
  classId: Uuid.optional(),
  /** A subgroup's lessons; omitted or null for the whole class's. */
  groupId: Uuid.nullable().optional(),
  /** Only report what would be filled. */
  dryRun: z.boolean().optional(),
});
export type FillTopicsInput = z.infer<typeof FillTopicsInput>;

export const FillTopicsResult = z.strictObject({
  dryRun: z.boolean(),
  class: ClassRef,
  group: GroupRef.nullable(),
  /** Lessons that get (or got) a topic: lesson № n of the year takes plan row № n. */
  filled: z.array(
    z.strictObject({ lessonId: Uuid, date: IsoDate, lessonNumber: z.number().int(), itemNumber: z.number().int(), topic: z.string() }),
  ),
  /** Lessons left as they were because they have a topic already. */
  keptTopics: z.number().int(),
  /** Lessons with no plan row of their number (the plan is shorter than the year). */
  withoutRow: z.number().int(),
});
export type FillTopicsResult = z.infer<typeof FillTopicsResult>;

const PlanParams = z.strictObject({ planId: Uuid });

export const lessonPlanEndpoints = {
  list: endpoint({
    method: "GET",
    path: "/api/v1/lesson-plans",
    summary: "Thematic plans: a teacher's own; for admins, every teacher's",
    tag: "lesson-plans",
    query: LessonPlanQuery,
    output: z.strictObject({ items: z.array(LessonPlan) }),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/v1/lesson-plans",
    summary: "Create a thematic plan for a subject (and optionally a class)",
    tag: "lesson-plans",
    body: CreateLessonPlanInput,
    output: LessonPlan,
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/api/v1/lesson-plans/:planId",
    summary: "A thematic plan with its rows",
    tag: "lesson-plans",
    params: PlanParams,
    output: LessonPlanDetails,
  }),
  update: endpoint({
    method: "PATCH",
    path: "/api/v1/lesson-plans/:planId",
    summary: "Rename a thematic plan or change its class",
    tag: "lesson-plans",
    params: PlanParams,
    body: UpdateLessonPlanInput,
    output: LessonPlan,
  }),
  archive: endpoint({
    method: "DELETE",
    path: "/api/v1/lesson-plans/:planId",
    summary: "Remove a thematic plan (lessons keep the topics taken from it)",
    tag: "lesson-plans",
    params: PlanParams,
    output: Ok,
  }),
  template: endpoint({
    method: "GET",
    path: "/api/v1/lesson-plans/template/:format",
    summary: "Download the plan template: CSV (UTF-8 with BOM, `;`-separated) or XLSX",
    tag: "lesson-plans",
    params: z.strictObject({ format: z.enum(["csv", "xlsx"]) }),
    output: z.string().meta({ type: "string", format: "binary", description: "The template file with the header and example rows" }),
  }),
  import: endpoint({
    method: "POST",
    path: "/api/v1/lesson-plans/:planId/import",
    summary:
      "Check (dryRun=true, the default) or import (dryRun=false) a plan file, CSV or XLSX, as raw bytes; the file replaces the plan's rows; any error imports nothing (400 with the report in error.details.report)",
    tag: "lesson-plans",
    params: PlanParams,
    query: PlanImportQuery,
    body: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "expected_file" })
      .meta({
        type: "string",
        format: "binary",
        description: "The CSV or XLSX file (Content-Type: application/octet-stream), at most 2 MiB",
      }),
    output: PlanImportReport,
  }),
  fillTopics: endpoint({
    method: "POST",
    path: "/api/v1/lesson-plans/:planId/fill-topics",
    summary: "Give the class's lessons without a topic the plan's topics in order: row № n → the n-th lesson of the year",
    tag: "lesson-plans",
    params: PlanParams,
    body: FillTopicsInput,
    output: FillTopicsResult,
  }),
};
