/** The thematic plan templates: CSV (UTF-8 with BOM, `;`) and XLSX, with the header and three example rows. */
import { PLAN_COLUMNS } from "@otmetka/core/contracts/lesson-plans.ts";
import ExcelJS from "exceljs";

const EXAMPLES: readonly (readonly string[])[] = [
  PLAN_COLUMNS.map((c) => c.example),
  ["2", "Натуральный ряд. Число 0", "1", "0", "0", "03.09.2026", "https://resh.edu.ru/subject/lesson/7720/"],
  ["3", "Входная контрольная работа", "1", "1", "0", "04.09.2026", ""],
];

export const PLAN_TEMPLATE_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

const quote = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function planTemplateCsv(): string {
  const line = (values: readonly string[]) => values.map(quote).join(";");
  return `\ufeff${[PLAN_COLUMNS.map((c) => c.header), ...EXAMPLES].map(line).join("\r\n")}\r\n`;
}

/** Numbers as numbers and dates as dates, so Excel shows and sorts them as such. */
export async function planTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("КТП");
  sheet.columns = PLAN_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === "topic" ? 48 : c.key === "resources" ? 40 : 14,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const example of EXAMPLES) {
    const [number, topic, hours, control, practical, date, resources] = example as [string, string, string, string, string, string, string];
    const [day, month, year] = date.split(".").map(Number) as [number, number, number];
    const row = sheet.addRow([
      Number(number),
      topic,
      Number(hours),
      Number(control),
      Number(practical),
      new Date(Date.UTC(year, month - 1, day)),
      resources,
    ]);
    row.getCell(6).numFmt = "dd.mm.yyyy";
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `Content-Disposition` with an ASCII fallback name and the Russian one (RFC 6266). */
export function planTemplateDisposition(format: "csv" | "xlsx"): string {
  return `attachment; filename="otmetka-lesson-plan.${format}"; filename*=UTF-8''${encodeURIComponent(`Отметка — КТП.${format}`)}`;
}
