/** Reading one row of a thematic plan file into a plan row, with the problems in plain Russian. */
import { PLAN_MAX_ROWS, type PlanColumn } from "@otmetka/core/contracts/lesson-plans.ts";
import { TOPIC_MAX } from "@otmetka/core/contracts/lessons.ts";
import { readDate, readText } from "../imports/imports.cells.ts";
import type { RowCheck } from "../imports/imports.row.ts";

export interface PlanRowValues {
  number: number;
  topic: string;
  hours: number;
  controlHours: number;
  practicalHours: number;
  plannedOn: string | null;
  resources: string;
}

const RESOURCES_MAX = 2000;
const HOURS_MAX = 99;

/** A whole number in a range; "" gives the default. Excel may write 2 as «2,0». */
function readCount(check: RowCheck, column: string, raw: string, range: { min: number; max: number; default: number }): number | null {
  if (raw === "") return range.default;
  const value = /^\d+([.,]0+)?$/.test(raw) ? Number.parseInt(raw, 10) : Number.NaN;
  if (Number.isNaN(value) || value < range.min || value > range.max) {
    check.error(column, "invalid_number", `«${raw}» — нужно целое число от ${range.min} до ${range.max}`, {
      value: raw,
      min: String(range.min),
      max: String(range.max),
    });
    return null;
  }
  return value;
}

/** The «Итого» line at the end of a Конструктор export: no number, a total instead of a topic. */
const isTotalRow = (number: string, topic: string) => number === "" && /^(итого|всего|общее количество)/i.test(topic);

export function readPlanRow(check: RowCheck, cell: (key: PlanColumn["key"]) => string): PlanRowValues | null {
  if (isTotalRow(cell("number"), cell("topic"))) {
    check.label = cell("topic");
    check.warn(null, "total_row", "Строка итогов пропущена");
    check.action = "skip";
    return null;
  }
  const number = cell("number") === "" ? null : readCount(check, "№ урока", cell("number"), { min: 1, max: PLAN_MAX_ROWS, default: 1 });
  if (cell("number") === "") check.error("№ урока", "required", "обязательное поле, заполните его");
  const topic = readText(check, "Тема урока", cell("topic"), true, TOPIC_MAX);
  const hours = readCount(check, "Кол-во часов", cell("hours"), { min: 1, max: HOURS_MAX, default: 1 });
  const limit = { min: 0, max: hours ?? HOURS_MAX, default: 0 };
  const controlHours = readCount(check, "Контрольные", cell("controlHours"), limit);
  const practicalHours = readCount(check, "Практические", cell("practicalHours"), limit);
  const plannedOn = readDate(check, "Дата (план)", cell("plannedOn"), false);
  const resources = readText(check, "ЭОР/ЦОР", cell("resources"), false, RESOURCES_MAX) ?? "";
  if (number === null || topic === null || hours === null || controlHours === null || practicalHours === null || check.hasErrors)
    return null;
  return { number, topic, hours, controlHours, practicalHours, plannedOn, resources };
}
