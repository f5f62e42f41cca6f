/**
 * A thematic plan file as a grid of text cells, whatever it came as: XLSX (read with exceljs;
 * dates become ДД.ММ.ГГГГ, formulas their results, links their text) or CSV in the encodings
 * and separators the roster import understands. Problems come back as file issues.
 */
import type { ImportIssue } from "@otmetka/core/contracts/imports.ts";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { type Delimiter, decodeFile, detectDelimiter, type Encoding } from "../imports/imports.parse.ts";
import { fileIssue } from "../imports/imports.row.ts";
import { checkXlsxSize, MAX_XLSX_UNPACKED_BYTES } from "../imports/xlsx-limits.ts";

export interface GridRow {
  /** The line (CSV) or row number (XLSX) of the file, 1-based as Excel shows it. */
  line: number;
  cells: string[];
}

export type PlanGrid =
  | { format: "csv" | "xlsx"; encoding: Encoding | null; delimiter: Delimiter | null; rows: GridRow[] }
  | { issue: ImportIssue };

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const pad = (n: number) => String(n).padStart(2, "0");
/** Spaces (NBSP included) around a value are never meant. */
const clean = (value: string) => value.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "");

/** One XLSX cell as the text a person sees in it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) {
    const text = typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
    return text && text !== value.hyperlink ? `${text} (${value.hyperlink})` : value.hyperlink;
  }
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  return "";
}

const notXlsx = () =>
  fileIssue("not_xlsx", "Файл не читается как таблица Excel (XLSX). Сохраните его в Excel как «Книга Excel» или как CSV");

async function readXlsx(bytes: Uint8Array): Promise<PlanGrid> {
  const size = await checkXlsxSize(bytes);
  if (size === "unreadable") return { issue: notXlsx() };
  if (size === "too_large" || size === "too_many_parts") {
    const mb = String(MAX_XLSX_UNPACKED_BYTES / 2 ** 20);
    return {
      issue: fileIssue(
        "xlsx_too_large",
        `Файл Excel слишком велик в распакованном виде (больше ${mb} МБ): в нём не только таблица. Сохраните лист как CSV или скопируйте таблицу в новую книгу`,
        { limitMb: mb },
      ),
    };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { issue: notXlsx() };
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { issue: fileIssue("empty_file", "В файле нет ни одного заполненного листа") };
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push({ line, cells: Array.from(values, (v) => clean(cellText(v))) });
  });
  return { format: "xlsx", encoding: null, delimiter: null, rows };
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** The line a record starts on: csv-parse counts to its end, and a quoted value may span lines. */
function startLine(r: CsvRecord): number {
  const body = r.raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
  return r.info.lines - (body.match(/\n/g)?.length ?? 0);
}

function readCsv(bytes: Uint8Array): PlanGrid {
  const decoded = decodeFile(bytes);
  if ("issue" in decoded) return decoded;
  let text = decoded.text.replace(/^\ufeff/, "");
  let linesBefore = 0;
  let delimiter = detectDelimiter(text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "");
  // Excel understands a first line `sep=;` and some exports write it.
  const sep = /^sep=([;,\t])\r?\n/i.exec(text);
  if (sep) {
    delimiter = sep[1] as Delimiter;
    text = text.slice(sep[0].length);
    linesBefore = 1;
  }
  try {
    const records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
    const rows = records.map((r) => ({ line: startLine(r) + linesBefore, cells: r.record.map(clean) }));
    return { format: "csv", encoding: decoded.encoding, delimiter, rows: rows.filter((r) => r.cells.some((c) => c !== "")) };
  } catch (error) {
    const line = String((error as { lines?: number }).lines ?? "?");
    return { issue: fileIssue("csv_syntax", `Не удалось разобрать CSV в строке ${line}: проверьте кавычки в этой строке`, { line }) };
  }
}

/** Reads an uploaded plan: XLSX by its ZIP signature, CSV otherwise. */
export async function readPlanFile(bytes: Uint8Array): Promise<PlanGrid> {
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes);
}
