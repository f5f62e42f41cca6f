/**
 * Valid-looking Russian identifiers with correct check digits (the rules of
 * core/src/rules/identifiers.ts and reference/domain.md §3), and the registry that keeps
 * logins, phones and СНИЛС unique across every school of one run.
 */
import { transliterate } from "./names.ts";
import type { Random } from "./random.ts";

/** What must stay unique across the database: e-mails (case-insensitive), phones, СНИЛС, ИНН+КПП. */
export class TakenIdentifiers {
  readonly emails = new Set<string>();
  readonly phones = new Set<string>();
  readonly snils = new Set<string>();
  readonly schools = new Set<string>();
}

const weighted = (digits: string, weights: readonly number[]): number => weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);

/** СНИЛС, 11 digits: a number above 001-001-998 and its ПФР control number. */
export function generateSnils(random: Random, taken: TakenIdentifiers): string {
  for (;;) {
    const number = String(random.int(2_000_000, 199_999_999)).padStart(9, "0");
    const s = weighted(number, [9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const control = s < 100 ? s : s % 101 === 100 ? 0 : s % 101;
    const snils = number + String(control).padStart(2, "0");
    if (!taken.snils.has(snils)) {
      taken.snils.add(snils);
      return snils;
    }
  }
}

/** ИНН of an organisation: 4-digit tax inspection code, 5 digits, control digit. */
export function generateOrganizationInn(random: Random, inspection: string): string {
  const first9 = inspection + random.digits(5);
  return first9 + String((weighted(first9, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10);
}

/** ОГРН of a legal entity: 1, year, region, inspection, record number, control digit. */
export function generateOgrn(random: Random, region: string, inspection: string, year: number): string {
  const first12 = `1${String(year % 100).padStart(2, "0")}${region}${inspection.slice(2)}${random.digits(5)}`;
  return first12 + String((BigInt(first12) % 11n) % 10n);
}

const ROMAN = [
  "I",
  "II",
  "III",
  "IV",
  "V",
  "VI",
  "VII",
  "VIII",
  "IX",
  "X",
  "XI",
  "XII",
  "XIII",
  "XIV",
  "XV",
  "XVI",
  "XVII",
  "XVIII",
  "XIX",
  "XX",
];
const SERIES_LETTERS = [..."АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"];

/** Birth certificate `IV-МЮ` + `123456` (ЕСИА RF_BRTH_CERT). */
export function generateBirthCertificate(random: Random): { series: string; number: string } {
  return {
    series: `${random.pick(ROMAN)}-${random.pick(SERIES_LETTERS)}${random.pick(SERIES_LETTERS)}`,
    number: random.digits(6),
  };
}

/** Internal passport, issued at 14: series = region code + the blank's year, 6-digit number. */
export function generatePassport(random: Random, region: string, issuedYear: number): { series: string; number: string } {
  return { series: region + String(issuedYear % 100).padStart(2, "0"), number: random.digits(6) };
}

const MOBILE_CODES = [
  900, 901, 902, 903, 904, 905, 906, 908, 909, 910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923, 924, 925, 926, 927,
  928, 929, 930, 931, 932, 933, 934, 936, 937, 938, 939, 950, 951, 952, 953, 958, 960, 961, 962, 963, 964, 965, 966, 967, 968, 969, 977,
  978, 980, 981, 982, 983, 984, 985, 986, 987, 988, 989, 991, 992, 993, 994, 995, 996, 997, 999,
];

/** A Russian mobile number in E.164, `+79XXXXXXXXX`, unique in the run. */
export function generateMobilePhone(random: Random, taken: TakenIdentifiers): string {
  for (;;) {
    const phone = `+7${random.pick(MOBILE_CODES)}${random.digits(7)}`;
    if (!taken.phones.has(phone)) {
      taken.phones.add(phone);
      return phone;
    }
  }
}

/**
 * Mail domains under the reserved `.example` top-level domain (RFC 2606): the addresses look
 * like real ones but can never reach a real person if a deployment with SMTP sends to them.
 */
const MAIL_DOMAINS: readonly string[] = [
  "mail.example",
  "yandex.example",
  "gmail.example",
  "bk.example",
  "inbox.example",
  "list.example",
  "rambler.example",
];

/** A personal e-mail built from the name (elena.kuznetsova84@mail.example), unique in the run. */
export function generateEmail(
  random: Random,
  taken: TakenIdentifiers,
  name: { firstName: string; lastName: string; birthYear?: number },
  domain?: string,
): string {
  const first = transliterate(name.firstName);
  const last = transliterate(name.lastName);
  const yy = String((name.birthYear ?? random.int(1970, 2005)) % 100).padStart(2, "0");
  const local = random.pick([
    `${first}.${last}`,
    `${last}.${first}`,
    `${first}.${last}${yy}`,
    `${first[0]}.${last}`,
    `${last}${yy}`,
    `${first}${last[0]}${yy}`,
  ]);
  const host = domain ?? random.pick(MAIL_DOMAINS);
  let email = `${local}@${host}`;
  for (let n = 2; taken.emails.has(email); n++) email = `${local}${n}@${host}`;
  taken.emails.add(email);
  return email;
}
