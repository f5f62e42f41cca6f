/**
 * The grade import template of one journal: a row per student with the other columns empty.
 * CSV (UTF-8 with BOM, `;`) starts with one explanation line above the header (the import looks
 * for the header, so the line may stay); XLSX keeps the explanation and the period's lessons on
 * a second sheet, formats «Дата» as a date and «Отметка» as text (else Excel turns 5/4 into a date).
 */
import { GRADE_IMPORT_COLUMNS, type GradeImportFormat } from "@otmetka/core/contracts/grade-import.ts";
import ExcelJS from "exceljs";
import type { ImportJournal, ImportStudent } from "./grade-import.journal.ts";
import { russianDate } from "./grade-import.values.ts";

export const GRADE_TEMPLATE_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** How the template names a student: «Фамилия Имя», with the отчество only where two share that. */
function templateNames(students: readonly ImportStudent[]): string[] {
  const count = new Map<string, number>();
  for (const s of students) count.set(s.displayName, (count.get(s.displayName) ?? 0) + 1);
  return students.map((s) => ((count.get(s.displayName) ?? 0) > 1 && s.middleName ? `${s.displayName} ${s.middleName}` : s.displayName));
}

function journalTitle(journal: ImportJournal): string {
  const { context } = journal;
  const cls = context.group ? `${context.class.name} (${context.group.name})` : context.class.name;
  const { period } = context;
  return `${cls} · ${context.subject.name} · ${period.name} (${russianDate(period.startsOn)}–${russianDate(period.endsOn)})`;
}

function markList(journal: ImportJournal): string {
  return `5 4 3 2${journal.settings.allowMarkOne ? " 1" : ""} 5/4 • н/а зач незач осв`;
}

/** The explanation, line by line; no `;`, `,` or quotes in it, so a CSV reader never takes it for the separator. */
function explanation(journal: ImportJournal): string[] {
  return [
    `Журнал ${journalTitle(journal)}`.replace(/[;,\t"]/g, " "),
    "Одна строка — одна отметка. Чтобы поставить ученику отметки за несколько уроков повторите его строку.",
    "«Дата» — день урока: ДД.ММ.ГГГГ. «Урок №» нужен только если в этот день два урока предмета.",
    `«Отметка»: ${markList(journal)}. «Комментарий» можно не заполнять.`,
    "Строки без даты и отметки пропускаются. Файл сначала проверяется: если в нём есть хоть одна ошибка — не записывается ничего.",
  ];
}

const quote = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function gradeTemplateCsv(journal: ImportJournal): string {
  const empty = GRADE_IMPORT_COLUMNS.slice(1).map(() => "");
  const lines = [
    [`"${explanation(journal).join(" ")}"`, ...empty].join(";"),
    GRADE_IMPORT_COLUMNS.map((c) => quote(c.header)).join(";"),
    ...templateNames(journal.students).map((name) => [quote(name), ...empty].join(";")),
  ];
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

export async function gradeTemplateXlsx(journal: ImportJournal): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Отметки");
  sheet.columns = GRADE_IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === "student" ? 32 : c.key === "comment" ? 40 : 12,
    style: c.key === "date" ? { numFmt: "dd.mm.yyyy" } : c.key === "mark" ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const name of templateNames(journal.students)) sheet.addRow({ student: name });

  const help = workbook.addWorksheet("Как заполнять");
  help.getColumn(1).width = 14;
  help.getColumn(2).width = 10;
  help.getColumn(3).width = 60;
  for (const line of explanation(journal)) help.addRow([line]);
  help.addRow([]);
  help.addRow(["Уроки периода"]).font = { bold: true };
  help.addRow(["Дата", "Урок №", "Тема"]).font = { bold: true };
  for (const lesson of journal.lessons) {
    const topic = lesson.status === "cancelled" ? `(отменён) ${lesson.topic}` : lesson.topic;
    help.addRow([russianDate(lesson.date), lesson.lessonNumber, topic]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `Content-Disposition` with an ASCII fallback name and the Russian one (RFC 6266). */
export function gradeTemplateDisposition(journal: ImportJournal, format: GradeImportFormat): string {
  const { context } = journal;
  const name = `Отметки ${context.class.name}${context.group ? ` ${context.group.name}` : ""} ${context.subject.name}.${format}`;
  return `attachment; filename="otmetka-grades.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
