/**
 * From uploaded bytes to rows of cells: the encoding (UTF-8, with or without BOM, or
 * Windows-1251 as Excel saves «CSV» in a Russian locale), the separator (`;` from a Russian
 * Excel, `,` or a tab otherwise) and the header line mapped to the template's columns.
 * Everything here is pure; problems come back as file issues, never as exceptions.
 */
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  type ImportIssue,
  type ImportKind,
  type ImportReport,
  normalizeImportHeader,
} from "@otmetka/core/contracts/imports.ts";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { fileIssue } from "./imports.row.ts";

export type Encoding = NonNullable<ImportReport["encoding"]>;
export type Delimiter = NonNullable<ImportReport["delimiter"]>;

/** One data row: its line in the file and its cells by column key (absent columns read as ""). */
export interface ImportRow {
  line: number;
  cell(key: string): string;
  /** The row has more values than the header has columns. */
  hasExtraCells: boolean;
}

export interface ParsedFile {
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  /** Template columns found in the header. */
  columns: readonly ImportColumn[];
  rows: ImportRow[];
  issues: ImportIssue[];
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** A text file never has C0 controls other than tab, line breaks and form feed, nor U+FFFD (undecodable bytes). */
function hasBinaryChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0xfffd) return true;
  }
  return false;
}

/** Decodes the file: UTF-16 by its BOM, UTF-8 when the bytes are valid UTF-8, Windows-1251 otherwise. */
export function decodeFile(bytes: Uint8Array): { text: string; encoding: Encoding } | { issue: ImportIssue } {
  if (bytes.length === 0) return { issue: fileIssue("empty_file", "Файл пустой") };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return {
      issue: fileIssue(
        "excel_file",
        "Это файл Excel, а нужен CSV: в Excel выберите «Файл → Сохранить как → CSV (разделители — точка с запятой)»",
      ),
    };
  }
  let decoded: { text: string; encoding: Encoding };
  if (startsWith(bytes, [0xff, 0xfe])) decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  else if (startsWith(bytes, [0xfe, 0xff]))
    decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  else {
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    try {
      decoded = { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
    } catch {
      decoded = { text: iconv.decode(Buffer.from(body), "win1251"), encoding: "windows-1251" };
    }
  }
  if (hasBinaryChars(decoded.text)) {
    return { issue: fileIssue("not_text", "Это не текстовый CSV-файл: в нём есть двоичные данные. Сохраните таблицу как CSV") };
  }
  return decoded;
}

/** The separator used most in the header line (outside quotes); `;` when none is there or on a tie. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ";": 0, "\t": 0, ",": 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as Delimiter] += 1;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ";";
}

/** Spaces (NBSP included) around a value are never meant. */
const clean = (value: string | undefined) => (value ?? "").replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "");

interface Record_ {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** The line a record starts on: csv-parse counts to its end, and a quoted value may span lines. */
function startLine(r: Record_): number {
  const body = r.raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
  return r.info.lines - (body.match(/\n/g)?.length ?? 0);
}

/** Reads the file into template columns and rows; `issues` holds every file-level problem found. */
export function parseFile(kind: ImportKind, bytes: Uint8Array): ParsedFile {
  const failed = (issue: ImportIssue, encoding: Encoding | null = null, delimiter: Delimiter | null = null): ParsedFile => ({
    encoding,
    delimiter,
    columns: [],
    rows: [],
    issues: [issue],
  });
  const decoded = decodeFile(bytes);
  if ("issue" in decoded) return failed(decoded.issue);
  let text = decoded.text.replace(/^\ufeff/, "");
  // Excel understands a first line `sep=;` and some exports write it.
  let delimiter: Delimiter;
  const sep = /^sep=(.)\r?\n/i.exec(text);
  let linesBefore = 0;
  if (sep && [";", ",", "\t"].includes(sep[1] as string)) {
    delimiter = sep[1] as Delimiter;
    text = text.slice(sep[0].length);
    linesBefore = 1;
  } else {
    delimiter = detectDelimiter(text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "");
  }

  let records: Record_[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as Record_[];
  } catch (error) {
    const line = String((error as { lines?: number }).lines ?? "?");
    return failed(
      fileIssue("csv_syntax", `Не удалось разобрать CSV в строке ${line}: проверьте кавычки в этой строке`, { line }),
      decoded.encoding,
      delimiter,
    );
  }
  const [header, ...data] = records;
  if (!header) return failed(fileIssue("empty_file", "Файл пустой"), decoded.encoding, delimiter);

  const { columns, indexOf, issues } = mapHeader(kind, header.record);
  const rows: ImportRow[] = [];
  for (const r of data) {
    const cells = r.record.map(clean);
    if (cells.every((c) => c === "")) continue;
    rows.push({
      line: startLine(r) + linesBefore,
      cell: (key) => {
        const i = indexOf.get(key);
        return i === undefined ? "" : (cells[i] ?? "");
      },
      hasExtraCells: cells.slice(header.record.length).some((c) => c !== ""),
    });
  }
  if (issues.every((i) => i.severity !== "error")) {
    if (rows.length === 0) issues.push(fileIssue("no_rows", "В файле нет ни одной строки с данными под заголовком"));
    if (rows.length > IMPORT_MAX_ROWS) {
      issues.push(
        fileIssue("too_many_rows", `В файле ${rows.length} строк, а за раз можно не больше ${IMPORT_MAX_ROWS}: разделите файл`, {
          count: String(rows.length),
          max: String(IMPORT_MAX_ROWS),
        }),
      );
    }
  }
  return { encoding: decoded.encoding, delimiter, columns, rows, issues };
}

/** Matches the header cells to the kind's template columns; reports missing, repeated and unknown ones. */
function mapHeader(kind: ImportKind, header: string[]) {
  const template = IMPORT_COLUMNS[kind];
  const byName = new Map<string, ImportColumn>();
  for (const c of template) for (const name of [c.header, ...c.aliases]) byName.set(normalizeImportHeader(name), c);
  const indexOf = new Map<string, number>();
  const issues: ImportIssue[] = [];
  const unknown: string[] = [];
  header.forEach((raw, i) => {
    const title = clean(raw);
    if (title === "") return;
    const column = byName.get(normalizeImportHeader(title));
    if (!column) {
      unknown.push(title);
      return;
    }
    if (indexOf.has(column.key)) {
      issues.push(
        fileIssue(
          "duplicate_column",
          `Столбец «${column.header}» встречается в заголовке дважды`,
          { column: column.header },
          column.header,
        ),
      );
      return;
    }
    indexOf.set(column.key, i);
  });
  if (indexOf.size === 0) {
    const expected = template.map((c) => c.header).join("; ");
    issues.push(
      fileIssue(
        "no_known_columns",
        `В первой строке нет ни одного столбца шаблона. Ожидаются: ${expected}. Проверьте, что выбран нужный вид списка и что первая строка — заголовок`,
        { expected },
      ),
    );
    return { columns: [], indexOf, issues };
  }
  for (const c of template) {
    if (c.required && !indexOf.has(c.key)) {
      issues.push(fileIssue("missing_column", `Нет обязательного столбца «${c.header}»`, { column: c.header }, c.header));
    }
  }
  for (const title of unknown) {
    issues.push(fileIssue("unknown_column", `Столбец «${title}» не из шаблона и будет пропущен`, { header: title }, null, "warning"));
  }
  return { columns: template.filter((c) => indexOf.has(c.key)), indexOf, issues };
}
