import { IMPORT_COLUMNS, type ImportKind } from "@otmetka/core/contracts/imports.ts";

/** File names of the templates, as the download offers them. */
const TEMPLATE_NAMES: Record<ImportKind, string> = {
  teachers: "Учителя",
  classes: "Классы",
  students: "Ученики",
  parents: "Родители",
};

const quote = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The template of a kind: a UTF-8 BOM (so Excel reads Cyrillic right), the header line and one
 * example row, `;`-separated as Excel in a Russian locale expects.
 */
export function templateCsv(kind: ImportKind): string {
  const columns = IMPORT_COLUMNS[kind];
  const line = (values: string[]) => values.map(quote).join(";");
  return `\ufeff${line(columns.map((c) => c.header))}\r\n${line(columns.map((c) => c.example))}\r\n`;
}

/** `Content-Disposition` with an ASCII fallback name and the Russian one (RFC 6266). */
export function templateDisposition(kind: ImportKind): string {
  const name = `Отметка — ${TEMPLATE_NAMES[kind]}.csv`;
  return `attachment; filename="otmetka-${kind}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
