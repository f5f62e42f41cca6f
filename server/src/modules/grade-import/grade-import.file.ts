/**
 * A grade import file as rows of named values. The bytes are read by the thematic plan's reader
 * (XLSX by its ZIP signature, CSV in UTF-8 or Windows-1251 with `;`, `,` or tab otherwise); the
 * header is the row among the first few that names the most template columns, so a title or
 * explanation line above it (the CSV template has one) is passed over.
 */
import {
  GRADE_IMPORT_COLUMNS,
  GRADE_IMPORT_MAX_ROWS,
  type GradeImportColumnKey,
  type GradeImportError,
  type GradeImportReport,
  gradeImportColumnOf,
} from "@otmetka/core/contracts/grade-import.ts";
import type { ImportIssue } from "@otmetka/core/contracts/imports.ts";
import { readPlanFile } from "../lessons/plan-file.ts";

const HEADER_SEARCH_ROWS = 5;

export interface FileRow {
  /** The file's line (CSV) or row (XLSX), 1-based. */
  line: number;
  values: Record<GradeImportColumnKey, string>;
}

export interface GradeFile {
  meta: Pick<GradeImportReport, "format" | "encoding" | "delimiter">;
  rows: FileRow[];
  errors: GradeImportError[];
  warnings: GradeImportError[];
}

export function fileError(code: string, message: string, params: Record<string, string> = {}, column: string | null = null) {
  return { row: null, column, code, message, params } satisfies GradeImportError;
}

const fromIssue = (issue: ImportIssue): GradeImportError => fileError(issue.code, issue.message, issue.params, issue.column);

export async function readGradeFile(bytes: Uint8Array): Promise<GradeFile> {
  const grid = await readPlanFile(bytes);
  if ("issue" in grid) {
    return { meta: { format: null, encoding: null, delimiter: null }, rows: [], errors: [fromIssue(grid.issue)], warnings: [] };
  }
  const meta = { format: grid.format, encoding: grid.encoding, delimiter: grid.delimiter };
  const errors: GradeImportError[] = [];
  const warnings: GradeImportError[] = [];

  let headerAt = -1;
  let best = 0;
  grid.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, i) => {
    const count = new Set(row.cells.map((c) => gradeImportColumnOf(c)?.key).filter(Boolean)).size;
    if (count > best) [headerAt, best] = [i, count];
  });
  const header = grid.rows[headerAt];
  if (!header) {
    const expected = GRADE_IMPORT_COLUMNS.map((c) => c.header).join("; ");
    errors.push(fileError("no_known_columns", `В начале файла нет заголовка со столбцами шаблона. Ожидаются: ${expected}`, { expected }));
    return { meta, rows: [], errors, warnings };
  }

  const indexOf = new Map<GradeImportColumnKey, number>();
  header.cells.forEach((title, i) => {
    const column = gradeImportColumnOf(title);
    if (!column) {
      if (title !== "") {
        warnings.push(fileError("unknown_column", `Столбец «${title}» не из шаблона и будет пропущен`, { header: title }));
      }
    } else if (indexOf.has(column.key)) {
      errors.push(
        fileError(
          "duplicate_column",
          `Столбец «${column.header}» встречается в заголовке дважды`,
          { column: column.header },
          column.header,
        ),
      );
    } else indexOf.set(column.key, i);
  });
  for (const column of GRADE_IMPORT_COLUMNS) {
    if (column.required && !indexOf.has(column.key)) {
      errors.push(fileError("missing_column", `Нет обязательного столбца «${column.header}»`, { column: column.header }, column.header));
    }
  }

  const rows = grid.rows.slice(headerAt + 1).map((row) => {
    const values = {} as Record<GradeImportColumnKey, string>;
    for (const column of GRADE_IMPORT_COLUMNS) {
      const i = indexOf.get(column.key);
      values[column.key] = i === undefined ? "" : (row.cells[i] ?? "");
    }
    return { line: row.line, values };
  });
  const filled = rows.filter((r) => Object.values(r.values).some((v) => v !== ""));
  if (errors.length === 0) {
    if (filled.length === 0) errors.push(fileError("no_rows", "В файле нет ни одной строки с данными под заголовком"));
    if (filled.length > GRADE_IMPORT_MAX_ROWS) {
      errors.push(
        fileError("too_many_rows", `В файле ${filled.length} строк, а за раз можно не больше ${GRADE_IMPORT_MAX_ROWS}: разделите файл`, {
          count: String(filled.length),
          max: String(GRADE_IMPORT_MAX_ROWS),
        }),
      );
    }
  }
  return { meta, rows: errors.length ? [] : filled, errors, warnings };
}
