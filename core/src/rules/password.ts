/**
 * The password policy. `checkPassword` returns every rule a password breaks, in checklist order,
 * so a form can tick rules off live and the server can reject with the same codes. Pure: the
 * caller passes what it knows about the person.
 */

/** Rule codes in the order a sign-up form shows them. */
export const PASSWORD_RULES = [
  "too_short",
  "too_long",
  "no_upper",
  "no_lower",
  "no_digit",
  "no_special",
  "sequence",
  "contains_name",
  "contains_birth_date",
  "contains_phone",
] as const;

export type PasswordViolation = (typeof PASSWORD_RULES)[number];

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** What we know about the person; personal data must not appear in their password. */
export interface PasswordContext {
  /** First, last and middle name; each is split into words, and words of ≥ 3 letters count. */
  names?: string[] | undefined;
  /** The local part (before `@`) is treated like a name. */
  email?: string | null | undefined;
  /** Any format; its last 4 digits must not appear. */
  phone?: string | null | undefined;
  /** `YYYY-MM-DD`. */
  birthDate?: string | null | undefined;
}

/** Name parts shorter than this are too common to forbid (`Ли`, `Ян`). */
const MIN_NAME_PART = 3;
/** A run this long of sequential, keyboard-adjacent or repeated characters is rejected. */
const RUN = 4;

/**
 * Orders whose 4-character windows count as a sequence, in either direction: digits, both
 * alphabets (Cyrillic with and without ё), the number row and the letter rows of QWERTY and ЙЦУКЕН.
 */
const ORDERS = [
  "0123456789",
  "1234567890",
  "abcdefghijklmnopqrstuvwxyz",
  "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
  "абвгдежзийклмнопрстуфхцчшщъыьэюя",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "йцукенгшщзхъ",
  "фывапролджэ",
  "ячсмитьбю",
];

const SEQUENCE_WINDOWS: ReadonlySet<string> = new Set(
  ORDERS.flatMap((order) => {
    const chars = [...order];
    return [chars, [...chars].reverse()].flatMap((c) =>
      c.slice(0, c.length - RUN + 1).map((_, i) => c.slice(i, i + RUN).join("")),
    );
  }),
);

/** Lower case with ё folded to е, so `Пётр` and `петр` compare equal. */
const fold = (s: string): string => s.toLowerCase().replaceAll("ё", "е");

/** Date and phone separators a person might type between digits. */
const withoutSeparators = (s: string): string => s.replace(/[\s./\\_()-]/g, "");

function hasSequence(password: string): boolean {
  const chars = [...password.toLowerCase()];
  for (let i = 0; i + RUN <= chars.length; i++) {
    const window = chars.slice(i, i + RUN);
    if (window.every((c) => c === window[0])) return true;
    if (SEQUENCE_WINDOWS.has(window.join(""))) return true;
  }
  return false;
}

// biome-ignore format: a table reads better on a few lines
const TRANSLIT: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k",
  л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh",
  ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** Cyrillic names also appear in passwords in Latin letters (`Иван` → `ivan`). */
const transliterate = (s: string): string => [...s].map((c) => TRANSLIT[c] ?? c).join("");

/** Words of the person's names and e-mail local part, folded, with Latin transliterations. */
function nameParts(context: PasswordContext): string[] {
  const sources = [...(context.names ?? []), context.email?.split("@")[0] ?? ""];
  const words = sources.flatMap((s) => fold(s).match(/\p{L}+/gu) ?? []);
  const parts = words.flatMap((w) => ([...w].length >= MIN_NAME_PART ? [w, transliterate(w)] : []));
  return [...new Set(parts)].filter((p) => p.length >= MIN_NAME_PART);
}

/** Digit strings a birth date is commonly written as, separators removed. */
function birthDateForms(birthDate: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return [];
  const [, yyyy = "", mm = "", dd = ""] = m;
  const yy = yyyy.slice(2);
  const d = String(Number(dd));
  const mo = String(Number(mm));
  return [
    yyyy,
    dd + mm + yyyy, // 15032011, 15.03.2011
    dd + mm + yy, // 150311, 15.03.11
    yyyy + mm + dd, // 20110315, 2011-03-15
    yy + mm + dd, // 110315
    mm + dd + yyyy, // 03152011, US order
    d + mo + yyyy, // 532011 from 5.3.2011
    d + mo + yy, // 5.3.11
  ];
}

/** The last 4 digits of the phone; every longer tail of it contains them. */
function phoneTail(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  return digits.length >= RUN ? digits.slice(-RUN) : null;
}

/** Every rule `password` breaks, in `PASSWORD_RULES` order; an empty array means it is accepted. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordViolation[] {
  const length = [...password].length;
  const folded = fold(password);
  const compact = withoutSeparators(folded);
  const contains = (needle: string) => folded.includes(needle) || compact.includes(needle);
  const tail = phoneTail(context.phone ?? "");

  const broken: Record<PasswordViolation, boolean> = {
    too_short: length < PASSWORD_MIN_LENGTH,
    too_long: length > PASSWORD_MAX_LENGTH,
    no_upper: !/\p{Lu}/u.test(password),
    no_lower: !/\p{Ll}/u.test(password),
    no_digit: !/\p{Nd}/u.test(password),
    // Anything that is not a letter, a digit or white space: punctuation, symbols, emoji.
    no_special: !/[^\p{L}\p{N}\p{White_Space}]/u.test(password),
    sequence: hasSequence(password),
    contains_name: nameParts(context).some(contains),
    contains_birth_date: birthDateForms(context.birthDate ?? "").some(contains),
    contains_phone: tail !== null && contains(tail),
  };
  return PASSWORD_RULES.filter((rule) => broken[rule]);
}
