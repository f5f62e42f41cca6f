/**
 * Bulk grade import into one journal (class or subgroup × subject × period) from a CSV or XLSX
 * file, one row per mark. A check (dry run, the default) reports every problem row by row and
 * changes nothing; the import writes every row through the journal's own cell save, in one
 * transaction, and only when no row has an error. docs/IMPORT.md describes the format.
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Uuid } from "./common.ts";
import { normalizeImportHeader } from "./imports.ts";
import { MarkValue } from "./journal.ts";

/** The largest file the import takes: a 5000-row CSV is about 300 KB. */
export const GRADE_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** The most data rows one file may have. */
export const GRADE_IMPORT_MAX_ROWS = 5000;

export type GradeImportColumnKey = "student" | "date" | "lessonNumber" | "mark" | "comment";

export interface GradeImportColumn {
  key: GradeImportColumnKey;
  /** The header in the template. */
  header: string;
  /** Other headers that mean the same column (compared as normalizeImportHeader does). */
  aliases: readonly string[];
  required: boolean;
}

/** The template's columns, in order. */
export const GRADE_IMPORT_COLUMNS: readonly GradeImportColumn[] = [
  { key: "student", header: "Ученик", aliases: ["ФИО", "Фамилия Имя", "ФИО ученика", "Обучающийся", "Учащийся"], required: true },
  { key: "date", header: "Дата", aliases: ["Дата урока"], required: true },
  { key: "lessonNumber", header: "Урок №", aliases: ["№ урока", "Номер урока"], required: false },
  { key: "mark", header: "Отметка", aliases: ["Оценка"], required: true },
  { key: "comment", header: "Комментарий", aliases: ["Примечание"], required: false },
];

/** Header lookup: a normalised title → its column. */
export function gradeImportColumnOf(title: string): GradeImportColumn | undefined {
  const wanted = normalizeImportHeader(title);
  if (wanted === "") return undefined;
  return GRADE_IMPORT_COLUMNS.find((c) => [c.header, ...c.aliases].some((name) => normalizeImportHeader(name) === wanted));
}

export const GradeImportFormat = z.enum(["csv", "xlsx"]);
export type GradeImportFormat = z.infer<typeof GradeImportFormat>;

export const GradeImportError = z.strictObject({
  /** The file's line (CSV) or row (XLSX), the header being 1 as Excel shows it; null for the file as a whole. */
  row: z.number().int().nullable(),
  /** The template header of the column the problem is in; null for the whole row or file. */
  column: z.string().nullable(),
  /** Stable machine code, e.g. `unknown_student`; the web translates by it. */
  code: z.string(),
  /** What is wrong and what to do, in Russian, ready to show. */
  message: z.string(),
  /** Values the message names (the cell's value, another row's number, a date), for translations. */
  params: z.record(z.string(), z.string()),
});
export type GradeImportError = z.infer<typeof GradeImportError>;

export const GradeImportChange = z.strictObject({
  row: z.number().int(),
  studentId: Uuid,
  /** «Фамилия Имя» as the journal shows the student. */
  student: z.string(),
  lessonId: Uuid,
  date: IsoDate,
  lessonNumber: z.number().int(),
  /** The cell's marks now ([] for none) and after the import. */
  before: z.array(MarkValue),
  after: z.array(MarkValue),
  commentBefore: z.string(),
  commentAfter: z.string(),
  /** An existing mark is replaced: the import's `reason` goes to the audit log with it. */
  changesExisting: z.boolean(),
});
export type GradeImportChange = z.infer<typeof GradeImportChange>;

export const GradeImportReport = z.strictObject({
  /** True for a check that changed nothing. */
  dryRun: z.boolean(),
  /** True once every change was written (never with any error). */
  imported: z.boolean(),
  /** How the file was read; null when it could not be. */
  format: GradeImportFormat.nullable(),
  encoding: z.enum(["utf-8", "windows-1251", "utf-16le", "utf-16be"]).nullable(),
  /** The column separator of a CSV file. */
  delimiter: z.enum([";", ",", "\t"]).nullable(),
  /** Non-empty data rows in the file. */
  rows: z.number().int(),
  /** Rows with a mark and no error (changes plus rows the journal already holds). */
  valid: z.number().int(),
  /** Rows naming only a student (the template's rows left unfilled): nothing to import. */
  skipped: z.number().int(),
  /** Valid rows whose cell already holds that mark. */
  unchanged: z.number().int(),
  /** Every problem; any one of them blocks the import. */
  errors: z.array(GradeImportError),
  /** Things worth knowing that do not block it (a column the template does not have). */
  warnings: z.array(GradeImportError),
  /** What the import changes, cell by cell, in file order. */
  changes: z.array(GradeImportChange),
});
export type GradeImportReport = z.infer<typeof GradeImportReport>;

const JournalKeyFields = {
  classId: Uuid,
  subjectId: Uuid,
  periodId: Uuid,
  /** A subgroup's journal; omitted for the whole class. */
  groupId: Uuid.optional(),
};

export const GradeImportTemplateQuery = z.strictObject({ ...JournalKeyFields, format: GradeImportFormat });

export const GradeImportQuery = z.strictObject({
  ...JournalKeyFields,
  /** true (the default): check and report only; false: import, all rows or none. */
  dryRun: z.stringbool().optional(),
  /** Why existing marks are changed; required when any row replaces a different mark, and audited with those rows. */
  reason: z.string().trim().max(300).optional(),
});
export type GradeImportQuery = z.infer<typeof GradeImportQuery>;

export const gradeImportEndpoints = {
  template: endpoint({
    method: "GET",
    path: "/api/v1/journal/grade-import/template",
    summary:
      "Download the grade import template of a journal, CSV (UTF-8 with BOM, `;`-separated) or XLSX, with a row per student of the journal",
    tag: "journal",
    query: GradeImportTemplateQuery,
    output: z.string().meta({ type: "string", format: "binary", description: "The template file" }),
  }),
  import: endpoint({
    method: "POST",
    path: "/api/v1/journal/grade-import",
    summary:
      "Check (dryRun=true, the default) or import (dryRun=false) marks from a CSV or XLSX file into a journal; any error imports nothing (400 with the report in error.details.report)",
    tag: "journal",
    query: GradeImportQuery,
    body: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "expected_file" })
      .meta({
        type: "string",
        format: "binary",
        description: "The CSV or XLSX file (Content-Type: application/octet-stream), at most 2 MiB",
      }),
    output: GradeImportReport,
  }),
};
