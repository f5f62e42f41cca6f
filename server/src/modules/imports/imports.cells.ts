/**
 * Reading one cell: each reader trims and normalises the value, records an error or warning on
 * the row check in plain Russian, and returns the value (null when empty or wrong).
 */
import type { Relation } from "@otmetka/core/contracts/people.ts";
import type { StaffRole } from "@otmetka/core/contracts/staff.ts";
import { Email } from "@otmetka/core/contracts/staff.ts";
import { normalizeClassLetter } from "@otmetka/core/contracts/structure.ts";
import {
  isSnilsChecksumExempt,
  isValidBirthCertificate,
  isValidSnils,
  normalizeBirthCertificateNumber,
  normalizeBirthCertificateSeries,
  normalizeSnils,
  PhoneRu,
} from "@otmetka/core/rules/identifiers.ts";
import type { RowCheck } from "./imports.row.ts";

/** ФИО and other one-line values are bounded as in the forms. */
export const NAME_MAX = 100;

export function readText(check: RowCheck, column: string, raw: string, required: boolean, max = NAME_MAX): string | null {
  if (raw === "") {
    if (required) check.error(column, "required", "обязательное поле, заполните его");
    return null;
  }
  if ([...raw].length > max) {
    check.error(column, "too_long", `не длиннее ${max} символов`, { max: String(max) });
    return null;
  }
  return raw.replace(/\s+/g, " ");
}

/** A name as compared: lower case, ё = е, single spaces. */
export const nameKey = (...parts: (string | null | undefined)[]) =>
  parts.map((p) => (p ?? "").trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ")).join("|");

const pad = (n: string) => n.padStart(2, "0");

/** `ДД.ММ.ГГГГ` (also with `/` or `-`, one-digit day or month) or ISO `ГГГГ-ММ-ДД`; an Excel time part is ignored. */
export function parseDate(raw: string): string | null {
  const value = raw.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, "");
  let iso: string | null = null;
  const ru = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (ru) iso = `${ru[3]}-${pad(ru[2] as string)}-${pad(ru[1] as string)}`;
  else if (isoMatch) iso = `${isoMatch[1]}-${pad(isoMatch[2] as string)}-${pad(isoMatch[3] as string)}`;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export function readDate(check: RowCheck, column: string, raw: string, required: boolean): string | null {
  if (raw === "") {
    if (required) check.error(column, "required", "обязательное поле, заполните его");
    return null;
  }
  const iso = parseDate(raw);
  if (!iso) check.error(column, "invalid_date", `«${raw}» — не дата; пишите ДД.ММ.ГГГГ, например 01.09.2026`, { value: raw });
  return iso;
}

/** `ДД.ММ.ГГГГ`, as dates are shown in messages. */
export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

const GENDERS: Record<string, "m" | "f"> = {
  м: "m",
  муж: "m",
  мужской: "m",
  мальчик: "m",
  m: "m",
  male: "m",
  ж: "f",
  жен: "f",
  женский: "f",
  девочка: "f",
  f: "f",
  female: "f",
};

export function readGender(check: RowCheck, column: string, raw: string): "m" | "f" | null {
  if (raw === "") return null;
  const gender = GENDERS[raw.toLowerCase().replace(/\.$/, "")];
  if (!gender) check.error(column, "invalid_gender", `«${raw}» — укажите М или Ж`, { value: raw });
  return gender ?? null;
}

/** Excel turns a cell of digits into a number and drops its leading zeros. */
const EXCEL_ZEROS = "; похоже, Excel убрал ведущие нули — задайте столбцу текстовый формат";

export function readSnils(check: RowCheck, column: string, raw: string): string | null {
  if (raw === "") return null;
  const digits = normalizeSnils(raw);
  if (!/^\d{11}$/.test(digits)) {
    const zeros = /^\d{8,10}$/.test(digits) ? EXCEL_ZEROS : "";
    check.error(column, "invalid_snils_format", `«${raw}» — нужно 11 цифр, например 112-233-445 95${zeros}`, { value: raw });
    return null;
  }
  if (!isValidSnils(digits)) {
    check.error(column, "invalid_snils_checksum", `«${raw}» — неверная контрольная сумма, проверьте цифры`, { value: raw });
    return null;
  }
  if (isSnilsChecksumExempt(digits)) {
    check.warn(column, "snils_needs_review", "номер не выше 001-001-998 не имеет контрольной суммы — сверьте его с документом");
  }
  return digits;
}

/** A document as the student services take it (`DocumentInput` after its checks). */
export type DocumentValue = { type: "RF_BRTH_CERT" | "RF_PASSPORT"; series: string; number: string };

/**
 * A birth certificate (`IV-МЮ` and 6 digits; look-alikes such as `1У-мю` fixed) or, for students
 * of 14 and older, a passport (4-digit series, 6-digit number). Both cells or neither.
 */
export function readDocument(
  check: RowCheck,
  columns: { series: string; number: string },
  rawSeries: string,
  rawNumber: string,
): DocumentValue | null {
  if (rawSeries === "" && rawNumber === "") return null;
  if (rawSeries === "" || rawNumber === "") {
    const missing = rawSeries === "" ? columns.series : columns.number;
    check.error(missing, "document_incomplete", "заполните и серию, и номер свидетельства (или оставьте оба пустыми)");
    return null;
  }
  const passportSeries = rawSeries.replace(/\s/g, "");
  const number = normalizeBirthCertificateNumber(rawNumber);
  if (/^\d{4}$/.test(passportSeries)) {
    if (!/^\d{6}$/.test(number)) {
      check.error(columns.number, "invalid_document_number", `«${rawNumber}» — номер должен состоять из 6 цифр`, { value: rawNumber });
      return null;
    }
    return { type: "RF_PASSPORT", series: passportSeries, number };
  }
  const series = normalizeBirthCertificateSeries(rawSeries);
  const badSeries = !isValidBirthCertificate(series, "000000");
  const badNumber = !isValidBirthCertificate("I-АА", number);
  if (badSeries) {
    check.error(
      columns.series,
      "invalid_certificate_series",
      `«${rawSeries}» — серия свидетельства пишется римскими цифрами и двумя русскими буквами, например IV-МЮ (для паспорта — 4 цифры)`,
      { value: rawSeries },
    );
  }
  if (badNumber) {
    const zeros = /^\d{1,5}$/.test(number) ? EXCEL_ZEROS : "";
    check.error(columns.number, "invalid_document_number", `«${rawNumber}» — номер должен состоять из 6 цифр${zeros}`, {
      value: rawNumber,
    });
  }
  return badSeries || badNumber ? null : { type: "RF_BRTH_CERT", series, number };
}

export function readEmail(check: RowCheck, column: string, raw: string): string | null {
  if (raw === "") return null;
  const parsed = Email.safeParse(raw);
  if (!parsed.success) check.error(column, "invalid_email", `«${raw}» — не адрес эл. почты`, { value: raw });
  return parsed.success ? parsed.data : null;
}

export function readPhone(check: RowCheck, column: string, raw: string): string | null {
  if (raw === "") return null;
  const parsed = PhoneRu.safeParse(raw);
  if (parsed.success) return parsed.data;
  const notRussian = parsed.error.issues.some((i) => i.message === "phone_not_russian");
  if (notRussian)
    check.error(column, "phone_not_russian", `«${raw}» — номер не российский; нужен номер +7 9XX…, +7 3XX…, +7 4XX… или +7 8XX…`, {
      value: raw,
    });
  else check.error(column, "invalid_phone", `«${raw}» — не номер телефона; пишите +7 916 123-45-67 или 8 916 123-45-67`, { value: raw });
  return null;
}

/** A login contact in one cell: an e-mail (it has an @) or a phone; null when it is neither. */
export function parseEmailOrPhone(raw: string): { email: string | null; phone: string | null } | null {
  if (raw.includes("@")) {
    const email = Email.safeParse(raw);
    return email.success ? { email: email.data, phone: null } : null;
  }
  const phone = PhoneRu.safeParse(raw);
  return phone.success ? { email: null, phone: phone.data } : null;
}

/** A class named as in a school: «5А», «5 А», «5-а», «11Б»; Latin look-alikes are mapped. */
export function parseClassName(raw: string): { grade: number; letter: string } | null {
  const m = /^(\d{1,2})\s*[-‐–—]?\s*(\S{1,2})$/.exec(raw.trim());
  if (!m) return null;
  const grade = Number(m[1]);
  const letter = normalizeClassLetter(m[2] as string);
  if (grade < 1 || grade > 11 || !/^[А-ЯЁ]{1,2}$/.test(letter)) return null;
  return { grade, letter };
}

const ROLE_WORDS: Record<string, StaffRole> = {
  учитель: "teacher",
  педагог: "teacher",
  преподаватель: "teacher",
  "классный руководитель": "teacher",
  teacher: "teacher",
  администратор: "admin",
  админ: "admin",
  администрация: "admin",
  директор: "admin",
  завуч: "admin",
  "заместитель директора": "admin",
  секретарь: "admin",
  admin: "admin",
};

/** «учитель», «администратор», or both («учитель, администратор»); empty means teacher. */
export function readRoles(check: RowCheck, column: string, raw: string): StaffRole[] | null {
  if (raw === "") return ["teacher"];
  const words = raw
    .toLowerCase()
    .replace(/ё/g, "е")
    .split(/[,;/+]|\s+и\s+/)
    .map((w) => w.trim().replace(/\s+/g, " "))
    .filter(Boolean);
  const roles = new Set<StaffRole>();
  for (const word of words) {
    const role = ROLE_WORDS[word];
    if (!role) {
      check.error(column, "invalid_role", `неизвестная роль «${word}»; пишите «учитель», «администратор» или обе через запятую`, {
        value: word,
      });
      return null;
    }
    roles.add(role);
  }
  return [...roles].sort();
}

const RELATIONS: Record<string, Relation> = {
  мать: "mother",
  мама: "mother",
  отец: "father",
  папа: "father",
  опекун: "guardian",
  попечитель: "guardian",
  "приемный родитель": "guardian",
  родитель: "parent",
  "законный представитель": "parent",
  mother: "mother",
  father: "father",
  guardian: "guardian",
  parent: "parent",
};

/** «мать», «отец», «опекун» or «законный представитель»; empty means parent. */
export function readRelation(check: RowCheck, column: string, raw: string): Relation | null {
  if (raw === "") return "parent";
  const relation = RELATIONS[raw.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ")];
  if (!relation) {
    check.error(column, "invalid_relation", `«${raw}» — пишите «мать», «отец», «опекун» или «законный представитель»`, { value: raw });
  }
  return relation ?? null;
}
