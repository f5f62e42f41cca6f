/**
 * Russian identifiers: normalisers, validators and zod schemas (reference/domain.md §3).
 * Identifiers are strings, never numbers: leading zeros matter. Normalise on input, store the
 * canonical form, format only for display. No I/O here.
 */
import { z } from "zod";

/** Spaces, NBSP and every kind of dash; users paste identifiers with any of them. */
const SEPARATORS = /[\s\u00a0\u2010-\u2015\u2212-]/g;

const stripSeparators = (raw: string): string => raw.replace(SEPARATORS, "");

/** Σ weight × digit. Callers have already checked that `d` holds only digits. */
const weightedSum = (d: string, weights: readonly number[]): number =>
  weights.reduce((sum, w, i) => sum + w * Number(d[i]), 0);

// ---- СНИЛС -----------------------------------------------------------------------------------

/** Canonical СНИЛС: separators removed, so a valid one is exactly 11 digits. */
export function normalizeSnils(raw: string): string {
  return stripSeparators(raw);
}

/**
 * Numbers ≤ 001-001-998 have no defined checksum (ПФР rule). They pass `isValidSnils` on format
 * alone, and a caller should flag them for manual review; they are not issued in practice.
 */
export function isSnilsChecksumExempt(raw: string): boolean {
  const d = normalizeSnils(raw);
  return /^\d{11}$/.test(d) && Number(d.slice(0, 9)) <= 1_001_998;
}

/** The ПФР control number of the first 9 digits: S < 100 → S; 100, 101 → 0; else S mod 101 (100 → 0). */
function snilsControl(first9: string): number {
  const s = weightedSum(first9, [9, 8, 7, 6, 5, 4, 3, 2, 1]);
  if (s < 100) return s;
  return s % 101 === 100 ? 0 : s % 101;
}

export function isValidSnils(raw: string): boolean {
  const d = normalizeSnils(raw);
  if (!/^\d{11}$/.test(d)) return false;
  if (isSnilsChecksumExempt(d)) return true;
  return snilsControl(d.slice(0, 9)) === Number(d.slice(9));
}

/** Display form `XXX-XXX-XXX YY`; input that is not 11 digits is returned unchanged. */
export function formatSnils(raw: string): string {
  const d = normalizeSnils(raw);
  if (!/^\d{11}$/.test(d)) return raw;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}

// ---- ИНН, ОГРН / ОГРНИП, КПП, ОКТМО ---------------------------------------------------------

export function normalizeInn(raw: string): string {
  return stripSeparators(raw);
}

const innControl = (d: string, weights: readonly number[]): number => (weightedSum(d, weights) % 11) % 10;

/** ИНН of an organisation (10 digits) or of a person / ИП (12 digits, both control digits). */
export function isValidInn(raw: string): boolean {
  const d = normalizeInn(raw);
  if (/^\d{10}$/.test(d)) return innControl(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[9]);
  if (/^\d{12}$/.test(d)) {
    return (
      innControl(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[10]) &&
      innControl(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[11])
    );
  }
  return false;
}

export function normalizeOgrn(raw: string): string {
  return stripSeparators(raw);
}

/**
 * ОГРН (13 digits, record type 1 or 5) or ОГРНИП (15 digits, record type 3). Other record types
 * (2, 4, 6–9) are ГРН of later register entries, which identify a record, not an organisation.
 * BigInt keeps the modulus exact however long the prefix is.
 */
export function isValidOgrn(raw: string): boolean {
  const d = normalizeOgrn(raw);
  if (/^[15]\d{12}$/.test(d)) return (BigInt(d.slice(0, 12)) % 11n) % 10n === BigInt(d.slice(12));
  if (/^3\d{14}$/.test(d)) return (BigInt(d.slice(0, 14)) % 13n) % 10n === BigInt(d.slice(14));
  return false;
}

export function normalizeKpp(raw: string): string {
  return stripSeparators(raw);
}

/** КПП: inspection code, reason code (digits or capital Latin letters since 2013), serial. */
export function isValidKpp(raw: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(normalizeKpp(raw));
}

export function normalizeOktmo(raw: string): string {
  return stripSeparators(raw);
}

/** ОКТМО has no check digit in the code itself; only the 8- or 11-digit format is checked. */
export function isValidOktmo(raw: string): boolean {
  return /^(\d{8}|\d{11})$/.test(normalizeOktmo(raw));
}

// ---- Birth certificate (RF form, ЕСИА `RF_BRTH_CERT`) ---------------------------------------

/** Look-alikes users type in the Roman part of the series: digit 1, Cyrillic and Ukrainian letters. */
const ROMAN_LOOKALIKES: Readonly<Record<string, string>> = {
  "1": "I",
  І: "I",
  У: "V",
  Х: "X",
  Л: "L",
  С: "C",
};

/**
 * Strips spaces, turns any dash into `-`, upper-cases, and maps look-alikes in the Roman part
 * only (`1У-мю` → `IV-МЮ`). The letter part is never mapped: a Latin `M` there stays invalid.
 */
export function normalizeBirthCertificateSeries(raw: string): string {
  const s = raw
    .replace(/[\s\u00a0]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toUpperCase();
  const dash = s.indexOf("-");
  if (dash < 0) return s;
  const roman = [...s.slice(0, dash)].map((c) => ROMAN_LOOKALIKES[c] ?? c).join("");
  return roman + s.slice(dash);
}

export function normalizeBirthCertificateNumber(raw: string): string {
  return stripSeparators(raw);
}

/** Strict: series `R-ББ` (Latin Roman numeral, two Cyrillic capitals), number of 6 digits. */
export function isValidBirthCertificate(series: string, number: string): boolean {
  return /^[IVXLC]+-[А-ЯЁ]{2}$/.test(series) && /^\d{6}$/.test(number);
}

// ---- Passport (RF internal, ЕСИА `RF_PASSPORT`) ----------------------------------------------

/** Canonical passport: series and number together, 10 digits (`4506123456`). */
export function normalizePassport(raw: string): string {
  return stripSeparators(raw);
}

export function isValidPassport(raw: string): boolean {
  return /^\d{10}$/.test(normalizePassport(raw));
}

/** Display form `NN NN NNNNNN`; input that is not 10 digits is returned unchanged. */
export function formatPassport(raw: string): string {
  const d = normalizePassport(raw);
  if (!/^\d{10}$/.test(d)) return raw;
  return `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`;
}

/** Код подразделения, `NNN-NNN`. */
export function isValidPassportUnitCode(raw: string): boolean {
  return /^\d{3}-\d{3}$/.test(raw.trim());
}

// ---- Phone (+7) ------------------------------------------------------------------------------

/** Any +7 number in E.164 (Russia or Kazakhstan), or null: `8…`/`7…` (11 digits) and bare 10 digits. */
function toPlus7(raw: string): string | null {
  const s = raw.replace(/[\s\u00a0\u2010-\u2015\u2212().-]/g, "");
  const m = /^(?:\+7|8|7)?(\d{10})$/.exec(s);
  return m ? `+7${m[1]}` : null;
}

/** +7 followed by 3, 4, 8 or 9 is Russian; +7 6xx and +7 7xx belong to Kazakhstan. */
export function isRussianPhone(e164: string): boolean {
  return /^\+7[3489]\d{9}$/.test(e164);
}

export function isKazakhstanPhone(e164: string): boolean {
  return /^\+7[67]\d{9}$/.test(e164);
}

/** Russian mobile numbers, the only ones that can receive SMS. */
export function isMobilePhone(e164: string): boolean {
  return /^\+79\d{9}$/.test(e164);
}

/** E.164 form (`+79161234567`) of a Russian number, or null for anything else, Kazakhstan included. */
export function normalizePhone(raw: string): string | null {
  const e164 = toPlus7(raw);
  return e164 !== null && isRussianPhone(e164) ? e164 : null;
}

// ---- zod schemas: trim, normalise, then validate with a stable message code ------------------

const identifier = (normalize: (raw: string) => string, isValid: (d: string) => boolean, message: string) =>
  z.string().trim().transform(normalize).refine(isValid, { message });

/** СНИЛС, stored as 11 digits. Numbers ≤ 001-001-998 pass; see `isSnilsChecksumExempt`. */
export const Snils = identifier(normalizeSnils, isValidSnils, "invalid_snils");
export type Snils = z.output<typeof Snils>;
/** ИНН, 10 digits (organisation) or 12 digits (person). */
export const Inn = identifier(normalizeInn, isValidInn, "invalid_inn");
export type Inn = z.output<typeof Inn>;
/** ИНН of an organisation (a school), 10 digits. */
export const InnOrganization = identifier(normalizeInn, (d) => d.length === 10 && isValidInn(d), "invalid_inn");
export type InnOrganization = z.output<typeof InnOrganization>;
/** ОГРН (13 digits) or ОГРНИП (15 digits). */
export const Ogrn = identifier(normalizeOgrn, isValidOgrn, "invalid_ogrn");
export type Ogrn = z.output<typeof Ogrn>;
/** КПП, 9 characters; the reason code may be capital Latin letters. */
export const Kpp = identifier(normalizeKpp, isValidKpp, "invalid_kpp");
export type Kpp = z.output<typeof Kpp>;
/** ОКТМО, 8 or 11 digits. */
export const Oktmo = identifier(normalizeOktmo, isValidOktmo, "invalid_oktmo");
export type Oktmo = z.output<typeof Oktmo>;
/** Passport series and number, stored as 10 digits. */
export const Passport = identifier(normalizePassport, isValidPassport, "invalid_passport");
export type Passport = z.output<typeof Passport>;

/** Birth certificate; the series is normalised (`1у-мю` → `IV-МЮ`) before the strict check. */
export const BirthCertificate = z
  .strictObject({
    /** Series `R-ББ`: Roman numeral in Latin capitals, hyphen, two Cyrillic capitals. */
    series: z.string().transform(normalizeBirthCertificateSeries),
    /** Number, 6 digits. */
    number: z.string().transform(normalizeBirthCertificateNumber),
  })
  .refine((c) => isValidBirthCertificate(c.series, c.number), { message: "invalid_birth_certificate" });
export type BirthCertificate = z.output<typeof BirthCertificate>;

/** A Russian phone number, stored in E.164 (`+79161234567`). */
export const PhoneRu = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const e164 = normalizePhone(raw);
    if (e164 !== null) return e164;
    const other = toPlus7(raw);
    const message = other !== null && isKazakhstanPhone(other) ? "phone_not_russian" : "invalid_phone";
    ctx.issues.push({ code: "custom", message, input: raw });
    return z.NEVER;
  });
export type PhoneRu = z.output<typeof PhoneRu>;

/** A Russian mobile number, the only kind that can receive SMS codes. */
export const MobilePhoneRu = PhoneRu.refine(isMobilePhone, { message: "not_mobile_phone" });
export type MobilePhoneRu = z.output<typeof MobilePhoneRu>;
