/**
 * Finding the header of a plan file. Exports of the «Конструктор рабочих программ» start with
 * title lines and split «Количество часов» over two header rows (Всего / Контрольные работы /
 * Практические работы), so the header is the row among the first ten that names the most
 * template columns, and the row under it adds the columns it names.
 */
import { normalizePlanHeader, PLAN_COLUMNS, type PlanColumn } from "@otmetka/core/contracts/lesson-plans.ts";
import type { ImportIssue } from "@otmetka/core/contracts/imports.ts";
import { fileIssue } from "../imports/imports.row.ts";
import type { GridRow } from "./plan-file.ts";

const HEADER_SEARCH_ROWS = 10;

const byName = new Map<string, PlanColumn>();
for (const c of PLAN_COLUMNS) for (const name of [c.header, ...c.aliases]) byName.set(normalizePlanHeader(name), c);

const columnOf = (title: string) => (title === "" ? undefined : byName.get(normalizePlanHeader(title)));

export interface PlanHeader {
  /** Column key → index of its cell in a row. */
  indexOf: Map<PlanColumn["key"], number>;
  /** Index into the grid's rows of the first data row. */
  dataFrom: number;
  issues: ImportIssue[];
}

export function findPlanHeader(rows: readonly GridRow[]): PlanHeader {
  const issues: ImportIssue[] = [];
  let best = -1;
  let bestCount = 0;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, i) => {
    const count = new Set(row.cells.map(columnOf).filter(Boolean)).size;
    if (count > bestCount) [best, bestCount] = [i, count];
  });
  const indexOf = new Map<PlanColumn["key"], number>();
  const header = rows[best];
  if (!header) {
    const expected = PLAN_COLUMNS.map((c) => c.header).join("; ");
    issues.push(fileIssue("no_known_columns", `В начале файла нет заголовка с колонками плана. Ожидаются: ${expected}`, { expected }));
    return { indexOf, dataFrom: rows.length, issues };
  }
  const unknown = new Map<number, string>();
  header.cells.forEach((title, i) => {
    const column = columnOf(title);
    if (!column) {
      if (title !== "") unknown.set(i, title);
    } else if (indexOf.has(column.key)) {
      // A merged cell (Excel repeats its title over the cells it spans) is one column.
      if (header.cells[i - 1] === title) return;
      issues.push(
        fileIssue(
          "duplicate_column",
          `Столбец «${column.header}» встречается в заголовке дважды`,
          { column: column.header },
          column.header,
        ),
      );
    } else indexOf.set(column.key, i);
  });
  let dataFrom = best + 1;
  const sub = rows[best + 1];
  sub?.cells.forEach((title, i) => {
    const column = columnOf(title);
    if (!column) return;
    dataFrom = best + 2;
    unknown.delete(i);
    // «Всего» under «Количество часов» names the column already found; new ones fill free cells.
    if (!indexOf.has(column.key) && ![...indexOf.values()].includes(i)) indexOf.set(column.key, i);
  });
  for (const column of PLAN_COLUMNS) {
    if (column.required && !indexOf.has(column.key)) {
      issues.push(fileIssue("missing_column", `Нет обязательного столбца «${column.header}»`, { column: column.header }, column.header));
    }
  }
  for (const title of unknown.values()) {
    issues.push(fileIssue("unknown_column", `Столбец «${title}» не из шаблона и будет пропущен`, { header: title }, null, "warning"));
  }
  return { indexOf, dataFrom, issues };
}
