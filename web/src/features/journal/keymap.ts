import type { AttendanceState, MarkValue } from "@otmetka/core/contracts/journal.ts";

/**
 * The grid's keyboard, like a spreadsheet. Letters act by the character typed, and every letter
 * also works as the Latin character on the same key of a ЙЦУКЕН/QWERTY keyboard: a teacher
 * presses the key labelled «Н» and gets «Н» whether the Russian or the Latin layout is on
 * (typing «y» counts as «н»). Digits and + − * / are the same in both layouts; «.» counts as «/»
 * because the «/» key types «.» in the Russian layout.
 */
export type GridAction =
  | { type: "move"; rows: number; cols: number }
  | { type: "moveTo"; to: "rowStart" | "rowEnd" | "gridStart" | "gridEnd" }
  | { type: "tab"; backwards: boolean }
  | { type: "mark"; value: "1" | "2" | "3" | "4" | "5" }
  | { type: "secondMark" }
  | { type: "special"; value: Exclude<MarkValue, "1" | "2" | "3" | "4" | "5"> }
  | { type: "attendance"; state: AttendanceState }
  | { type: "clear" }
  | { type: "undo" }
  | { type: "comment" }
  | { type: "open" }
  | { type: "cancel" };

/** The Latin character on the key of each Russian letter (ЙЦУКЕН over QWERTY), row by row. */
const RUSSIAN_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё";
const LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const LATIN_TWIN = new Map([...RUSSIAN_KEYS].map((letter, i) => [letter, LATIN_KEYS.charAt(i)]));

/** Fixed letter keys (Russian letter, mnemonic): Т точка, А н/А, З зачёт, В осВобождён, К комментарий. */
const SPECIAL_LETTERS = { т: "DUE", а: "NA", з: "PASS", в: "EXEMPT" } as const;
const COMMENT_LETTER = "к";
/** Symbol keys that need no layout: the numeric keypad has * + − / too. */
const SPECIAL_SYMBOLS: Record<string, GridAction> = {
  "*": { type: "special", value: "DUE" },
  "+": { type: "special", value: "PASS" },
  "=": { type: "special", value: "PASS" },
  "-": { type: "special", value: "FAIL" },
  "/": { type: "secondMark" },
  ".": { type: "secondMark" },
};

/** One row of the «Клавиши» panel: the Russian key, its Latin twin, and what it does. */
export interface KeyBinding {
  key: string;
  latin: string | null;
  action: GridAction;
}

export interface Keymap {
  /** Lower-case character → action, both layouts. */
  byChar: Map<string, GridAction>;
  /** The letter bindings, for the help panel. */
  letters: KeyBinding[];
}

const ATTENDANCE_ORDER: AttendanceState[] = ["ABSENT_UNEXCUSED", "ABSENT_ILLNESS", "ABSENT_EXCUSED", "LATE"];

/**
 * Attendance keys come from the school's letters (the first character of each), and go first:
 * they are typed most. A fixed letter whose key a school's letter took, or a letter repeated,
 * gets no key (the cell menu still has it).
 */
export function buildKeymap(attendanceLetters: Record<AttendanceState, string>): Keymap {
  const byChar = new Map<string, GridAction>();
  const letters: KeyBinding[] = [];
  const bind = (letter: string, action: GridAction) => {
    const latin = LATIN_TWIN.get(letter) ?? null;
    if (byChar.has(letter) || (latin && byChar.has(latin))) return;
    byChar.set(letter, action);
    if (latin) byChar.set(latin, action);
    letters.push({ key: letter.toUpperCase(), latin: latin?.toUpperCase() ?? null, action });
  };
  for (const state of ATTENDANCE_ORDER) {
    const first = attendanceLetters[state].trim().charAt(0).toLowerCase();
    if (first && !(first in SPECIAL_SYMBOLS) && !/\d/.test(first)) bind(first, { type: "attendance", state });
  }
  for (const [letter, value] of Object.entries(SPECIAL_LETTERS)) bind(letter, { type: "special", value });
  bind(COMMENT_LETTER, { type: "comment" });
  return { byChar, letters };
}

/** The action of a key press on a cell, or null to leave the key to the browser. */
export function actionForKey(
  event: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">,
  keymap: Keymap,
): GridAction | null {
  const { key, shiftKey } = event;
  if (event.ctrlKey || event.metaKey) {
    if (key.toLowerCase() === "z" || key.toLowerCase() === "я" || event.code === "KeyZ") return shiftKey ? null : { type: "undo" };
    if (key === "Home") return { type: "moveTo", to: "gridStart" };
    if (key === "End") return { type: "moveTo", to: "gridEnd" };
    return null;
  }
  if (event.altKey) return null;
  switch (key) {
    case "ArrowUp":
      return { type: "move", rows: -1, cols: 0 };
    case "ArrowDown":
      return { type: "move", rows: 1, cols: 0 };
    case "ArrowLeft":
      return { type: "move", rows: 0, cols: -1 };
    case "ArrowRight":
      return { type: "move", rows: 0, cols: 1 };
    case "Enter":
      return { type: "move", rows: shiftKey ? -1 : 1, cols: 0 };
    case "Tab":
      return { type: "tab", backwards: shiftKey };
    case "PageUp":
      return { type: "move", rows: -10, cols: 0 };
    case "PageDown":
      return { type: "move", rows: 10, cols: 0 };
    case "Home":
      return { type: "moveTo", to: "rowStart" };
    case "End":
      return { type: "moveTo", to: "rowEnd" };
    case "Backspace":
    case "Delete":
      return { type: "clear" };
    case "Escape":
      return { type: "cancel" };
    case "F2":
      return shiftKey ? { type: "comment" } : { type: "open" };
    case " ":
      return { type: "open" };
  }
  // The keypad's decimal key types «,» in the Russian layout: that is «Б»'s key, not a mark.
  if (event.code === "NumpadDecimal") return null;
  if (key >= "1" && key <= "5" && key.length === 1) return { type: "mark", value: key as "1" | "2" | "3" | "4" | "5" };
  const symbol = SPECIAL_SYMBOLS[key];
  if (symbol) return symbol;
  return key.length === 1 ? (keymap.byChar.get(key.toLowerCase()) ?? null) : null;
}
