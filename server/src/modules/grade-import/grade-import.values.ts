/**
 * Reading the values of a grade import row as people type them: marks in the journal's own
 * notation (5, 5/4, •, н/а, зач, незач, осв) with the Latin look-alikes a keyboard in the wrong
 * layout gives, dates as ДД.ММ.ГГГГ or YYYY-MM-DD, and names compared without case, ё or spacing.
 * Pure functions; the row check turns a null into an error message.
 */
import type { MarkValue } from "@otmetka/core/contracts/journal.ts";

/** Latin letters that look like Cyrillic ones (lower case): «H/A» typed in the Latin layout is «н/а». */
const LOOK_ALIKES: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
};

/** Lower case, ё → е, Latin look-alikes → Cyrillic; the same fold is applied to both sides of a comparison. */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[a-z]/g, (ch) => LOOK_ALIKES[ch] ?? ch);
}

const SPECIAL_MARKS: Record<string, MarkValue> = {
  "•": "DUE",
  "·": "DUE",
  "∙": "DUE",
  "●": "DUE",
  ".": "DUE",
  точка: "DUE",
  "н/а": "NA",
  "н\\а": "NA",
  "н.а": "NA",
  на: "NA",
  зач: "PASS",
  зачет: "PASS",
  зачтено: "PASS",
  незач: "FAIL",
  незачет: "FAIL",
  незачтено: "FAIL",
  осв: "EXEMPT",
  освоб: "EXEMPT",
  освобожден: "EXEMPT",
};

/** Marks as the journal shows them: «5/4», «н/а». */
export function marksText(marks: readonly MarkValue[]): string {
  const shown: Partial<Record<MarkValue, string>> = { DUE: "•", NA: "н/а", PASS: "зач", FAIL: "незач", EXEMPT: "осв" };
  return marks.map((m) => shown[m] ?? m).join("/");
}

const markOf = (token: string): MarkValue | null =>
  /^[1-5]$/.test(token) ? (token as MarkValue) : (SPECIAL_MARKS[token.replace(/\.$/, "")] ?? SPECIAL_MARKS[token] ?? null);

/**
 * The marks of a cell as typed: one mark, or two joined by «/» (5/4). Returns null for anything
 * else. A «3» inside a word is the letter «з» («3ач»), a digit alone is a mark.
 */
export function parseMarks(raw: string): MarkValue[] | null {
  const text = foldText(raw)
    .replace(/\s+/g, "")
    .replace(/[3а-я]+/g, (word) => (/[а-я]/.test(word) ? word.replace(/3/g, "з") : word));
  if (text === "") return null;
  const whole = markOf(text);
  if (whole) return [whole];
  const parts = text.split("/");
  if (parts.length !== 2) return null;
  const marks = parts.map(markOf);
  return marks.every((m): m is MarkValue => m !== null) ? marks : null;
}

/** A value that is a date, as Excel makes of «5/4» typed into a cell not formatted as text. */
export const looksLikeDate = (raw: string): boolean => /^\d{1,2}\.\d{1,2}\.\d{2,4}$/.test(raw.trim());

/** ДД.ММ.ГГГГ (Д.М.ГГГГ too) or YYYY-MM-DD → YYYY-MM-DD; null when it is not a real date. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD → ДД.ММ.ГГГГ, as the messages and the template show dates. */
export function russianDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/** «Урок №»: a whole number 0–10 (the timetable's lesson numbers); "" is no number; NaN when invalid. */
export function parseLessonNumber(raw: string): number | null {
  const text = raw.trim().replace(/\.0+$/, "");
  if (text === "") return null;
  return /^\d{1,2}$/.test(text) && Number(text) <= 10 ? Number(text) : Number.NaN;
}

/** A name as compared: folded, spaces collapsed, punctuation other than hyphens dropped. */
export function nameKey(value: string): string {
  return foldText(value)
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
