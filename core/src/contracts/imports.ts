/**
 * Roster import from CSV: teachers, classes, students and parents, one file per kind, checked
 * first (dry run) and then written all-or-nothing. The columns below are the template; the
 * server matches a file's headers to them leniently (case, ё/е, punctuation and text in
 * brackets are ignored; the aliases are accepted too). docs/IMPORT.md is the secretary's guide.
 */
import { z } from "zod";
import { endpoint } from "../api.ts";
import { Uuid } from "./common.ts";

/** The kinds, in the order a school imports them: later kinds refer to earlier ones. */
export const IMPORT_KINDS = ["teachers", "classes", "students", "parents"] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/** The largest file the upload takes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The most data rows one file may have; a bigger school splits the file. */
export const IMPORT_MAX_ROWS = 5000;

export interface ImportColumn {
  /** Stable key used in code. */
  key: string;
  /** The header in the template (Russian, as Excel shows it). */
  header: string;
  /** Other headers that mean the same column. */
  aliases: readonly string[];
  required: boolean;
  /** The value in the template's example row. */
  example: string;
}

const col = (key: string, header: string, example: string, required = false, aliases: readonly string[] = []): ImportColumn => ({
  key,
  header,
  aliases,
  required,
  example,
});

const EMAIL_ALIASES = ["e-mail", "email", "электронная почта", "почта", "адрес электронной почты"];
const PHONE_ALIASES = ["мобильный телефон", "номер телефона", "тел"];

/** The template of each kind, column by column, in template order. */
export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  teachers: [
    col("lastName", "Фамилия", "Смирнова", true),
    col("firstName", "Имя", "Ольга", true),
    col("middleName", "Отчество", "Петровна", false),
    col("email", "Эл. почта", "o.smirnova@school.example", false, EMAIL_ALIASES),
    col("phone", "Телефон", "8 916 123-45-67", false, PHONE_ALIASES),
    col("roles", "Роли", "учитель", false, ["роль", "должность"]),
  ],
  classes: [
    col("grade", "Параллель", "5", true, ["номер класса", "год обучения"]),
    col("letter", "Литера", "А", true, ["буква"]),
    col("shift", "Смена", "1", false),
    col("classTeacher", "Классный руководитель (эл. почта или телефон)", "o.smirnova@school.example", false, ["классный руководитель"]),
  ],
  students: [
    col("lastName", "Фамилия", "Кузнецов", true),
    col("firstName", "Имя", "Артём", true),
    col("middleName", "Отчество", "Дмитриевич", false),
    col("birthDate", "Дата рождения", "20.05.2015", true, ["др"]),
    col("gender", "Пол", "М", false),
    col("snils", "СНИЛС", "112-233-445 95", false),
    col("certificateSeries", "Серия свидетельства", "IV-МЮ", false, ["серия свидетельства о рождении", "серия документа", "серия"]),
    col("certificateNumber", "Номер свидетельства", "123456", false, ["номер свидетельства о рождении", "номер документа", "номер"]),
    col("class", "Класс", "5А", true),
    col("startsOn", "Дата зачисления", "01.09.2026", false, ["зачислен с"]),
  ],
  parents: [
    col("lastName", "Фамилия", "Кузнецова", true),
    col("firstName", "Имя", "Елена", true),
    col("middleName", "Отчество", "Сергеевна", false),
    col("email", "Эл. почта", "e.kuznetsova@mail.example", false, EMAIL_ALIASES),
    col("phone", "Телефон", "8 (916) 765-43-21", false, PHONE_ALIASES),
    col("relation", "Кем приходится", "мать", false, ["родство", "степень родства", "кем приходится ребенку"]),
    col("childSnils", "СНИЛС ребёнка", "112-233-445 95", false),
    col("childLastName", "Фамилия ребёнка", "Кузнецов", false),
    col("childFirstName", "Имя ребёнка", "Артём", false),
    col("childMiddleName", "Отчество ребёнка", "Дмитриевич", false),
    col("childBirthDate", "Дата рождения ребёнка", "20.05.2015", false),
  ],
};

/** A header as compared: lower case, ё → е, no text in brackets, letters and digits only. */
export function normalizeImportHeader(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\([^)]*\)/g, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

export const ImportSeverity = z.enum(["error", "warning"]);
export type ImportSeverity = z.infer<typeof ImportSeverity>;

export const ImportIssue = z.strictObject({
  /** The template header of the column the problem is in; null for the whole row or file. */
  column: z.string().nullable(),
  /** Stable machine code, e.g. `invalid_snils_checksum`; the web translates by it. */
  code: z.string(),
  /** What is wrong and what to do, in Russian, ready to show. */
  message: z.string(),
  /** Values the message names (the cell's value, another line's number), for translations. */
  params: z.record(z.string(), z.string()),
  /** An error blocks the import; a warning does not. */
  severity: ImportSeverity,
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportAction = z.enum(["create", "update", "skip"]);
export type ImportAction = z.infer<typeof ImportAction>;

export const ImportRowStatus = z.enum(["ok", "warning", "error"]);
export type ImportRowStatus = z.infer<typeof ImportRowStatus>;

export const ImportChange = z.strictObject({
  /** The template header of the value. */
  column: z.string(),
  /** The value now, as shown to people («» when there is none). */
  from: z.string(),
  /** The value after the import. */
  to: z.string(),
});
export type ImportChange = z.infer<typeof ImportChange>;

export const ImportRowReport = z.strictObject({
  /** Line of the file where the row starts (the header is line 1, as in Excel). */
  line: z.number().int(),
  status: ImportRowStatus,
  /** What the row does: a new record, a change to an existing one, or nothing (already there); null when it has errors. */
  action: ImportAction.nullable(),
  /** Who or what the row is about, e.g. «Кузнецов Артём, 5А». */
  label: z.string(),
  /** What changes in an existing record (action "update"), value by value. */
  changes: z.array(ImportChange),
  issues: z.array(ImportIssue),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportSummary = z.strictObject({
  /** Data rows in the file. */
  rows: z.number().int(),
  ok: z.number().int(),
  warnings: z.number().int(),
  errors: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportReport = z.strictObject({
  kind: ImportKind,
  /** True for a check that changed nothing. */
  dryRun: z.boolean(),
  /** True once everything was written (never with any error). */
  imported: z.boolean(),
  /** How the file was read; null when it could not be. */
  encoding: z.enum(["utf-8", "windows-1251", "utf-16le", "utf-16be"]).nullable(),
  /** The column separator found in the header line. */
  delimiter: z.enum([";", ",", "\t"]).nullable(),
  /** The year classes are created in and students enrolled into; null for kinds that need none. */
  academicYear: z.strictObject({ id: Uuid, name: z.string(), startsOn: z.string(), endsOn: z.string() }).nullable(),
  /** Problems of the file as a whole (encoding, headers); reported once, not per row. */
  fileIssues: z.array(ImportIssue),
  rows: z.array(ImportRowReport),
  summary: ImportSummary,
});
export type ImportReport = z.infer<typeof ImportReport>;

/** The raw bytes of a CSV file (UTF-8 with or without BOM, or Windows-1251), as the request body. */
export const CsvFile = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "expected_csv_file" })
  .meta({ type: "string", format: "binary", description: "The CSV file itself (Content-Type: text/csv), at most 5 MiB" });

const KindParams = z.strictObject({ kind: ImportKind });

export const ImportQuery = z.strictObject({
  /** true (the default): check and report only; false: import, all rows or none. */
  dryRun: z.stringbool().optional(),
  /** The academic year for classes and enrolments; by default the current one (or the next, between years). */
  academicYearId: Uuid.optional(),
});

export const importEndpoints = {
  template: endpoint({
    method: "GET",
    path: "/api/v1/imports/roster/:kind/template",
    summary: "Download the CSV template of a roster kind (UTF-8 with BOM, `;`-separated, one example row)",
    tag: "imports",
    params: KindParams,
    output: z.string().meta({ description: "The template: UTF-8 with BOM, `;`-separated, the header line and one example row" }),
  }),
  importRoster: endpoint({
    method: "POST",
    path: "/api/v1/imports/roster/:kind",
    summary:
      "Check (dryRun=true, the default) or import (dryRun=false) a roster CSV file; a file with any error imports nothing (400 with the report in error.details.report)",
    tag: "imports",
    params: KindParams,
    query: ImportQuery,
    body: CsvFile,
    output: ImportReport,
  }),
};
