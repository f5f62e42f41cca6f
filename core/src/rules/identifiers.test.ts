import { describe, expect, it } from "vitest";
import {
  BirthCertificate,
  formatPassport,
  formatSnils,
  Inn,
  InnOrganization,
  isKazakhstanPhone,
  isMobilePhone,
  isSnilsChecksumExempt,
  isValidBirthCertificate,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOktmo,
  isValidPassport,
  isValidPassportUnitCode,
  isValidSnils,
  Kpp,
  MobilePhoneRu,
  normalizeBirthCertificateSeries,
  normalizePassport,
  normalizePhone,
  normalizeSnils,
  Ogrn,
  Oktmo,
  Passport,
  PhoneRu,
  Snils,
} from "./identifiers.ts";

// Test vectors: reference/domain.md §3.1–3.8, every row of every table.
const SNILS: [string, boolean][] = [
  ["112-233-445 95", true], // official example, S = 95
  ["11223344595", true], // no separators
  ["112-233-445 94", false], // wrong control
  ["003-263-352 96", true], // S < 100, leading zeros
  ["026-002-389 00", true], // S == 100
  ["026-002-389 100", false], // 12 digits (naive "control = S" bug)
  ["030-214-884 00", true], // S == 101
  ["030-214-884 01", false], // naive S mod 100 bug
  ["145-274-508 61", true], // 162 mod 101 = 61
  ["145-274-508 60", false],
  ["543-546-368 00", true], // S mod 101 == 100 → 00
  ["543-546-368 99", false],
  ["001-001-998 00", true], // boundary: checksum not applied
  ["1122334459", false], // 10 digits
];
const INN: [string, boolean][] = [
  ["7707083893", true],
  ["7736207543", true],
  ["7830002293", true],
  ["7725308290", true], // weighted sum mod 11 == 10 → 0
  ["7725308291", false],
  ["7707083894", false],
  ["500100732259", true],
  ["500100732258", false],
  ["775299231276", true],
  ["775299231277", false], // n12 wrong, n11 right
  ["775299231286", false], // n11 wrong
  ["77070838930", false], // 11 digits
];
const OGRN: [string, boolean][] = [
  ["1027700132195", true],
  ["1027700229193", true],
  ["1027700132194", false],
  ["1117792450380", true], // remainder 10 → 0
  ["1117792450381", false],
  ["304500116000157", true], // ОГРНИП
  ["304500116000156", false],
  ["372771329313362", true], // ОГРНИП, remainder 12 → 2
  ["372771329313361", false],
];

describe("СНИЛС", () => {
  it.each(SNILS)("%s → %s", (raw, valid) => {
    expect(isValidSnils(raw)).toBe(valid);
    expect(Snils.safeParse(raw).success).toBe(valid);
  });
  it("normalises spaces, NBSP and dashes to 11 digits and formats for display", () => {
    expect(normalizeSnils(" 112\u00a0233–445 95 ")).toBe("11223344595");
    expect(Snils.parse(" 112-233-445 95 ")).toBe("11223344595");
    expect(formatSnils("11223344595")).toBe("112-233-445 95");
    expect(formatSnils("112")).toBe("112");
  });
  it("flags numbers ≤ 001-001-998 as exempt from the checksum", () => {
    expect(isSnilsChecksumExempt("001-001-998 00")).toBe(true);
    expect(isSnilsChecksumExempt("001-001-999 00")).toBe(false);
    expect(isValidSnils("001-001-999 00")).toBe(false);
    expect(isSnilsChecksumExempt("112-233-445 95")).toBe(false);
  });
  it("rejects letters and reports invalid_snils", () => {
    expect(isValidSnils("112-233-445 9O")).toBe(false);
    expect(Snils.safeParse("x").error?.issues[0]?.message).toBe("invalid_snils");
  });
});

describe("ИНН", () => {
  it.each(INN)("%s → %s", (raw, valid) => {
    expect(isValidInn(raw)).toBe(valid);
    expect(Inn.safeParse(raw).success).toBe(valid);
  });
  it("normalises separators; the organisation schema takes 10 digits only", () => {
    expect(Inn.parse(" 7707 083 893 ")).toBe("7707083893");
    expect(InnOrganization.safeParse("7707083893").success).toBe(true);
    expect(InnOrganization.safeParse("500100732259").error?.issues[0]?.message).toBe("invalid_inn");
  });
});

describe("ОГРН / ОГРНИП", () => {
  it.each(OGRN)("%s → %s", (raw, valid) => {
    expect(isValidOgrn(raw)).toBe(valid);
    expect(Ogrn.safeParse(raw).success).toBe(valid);
  });
  it("rejects a ГРН of a later record (type 2) even with a correct control digit", () => {
    // The control digit is computed, so only the record type is wrong.
    const prefix = "202770013219";
    const grn = prefix + String((BigInt(prefix) % 11n) % 10n);
    expect(isValidOgrn(grn)).toBe(false);
  });
  it("reports invalid_ogrn", () => {
    expect(Ogrn.safeParse("1027700132194").error?.issues[0]?.message).toBe("invalid_ogrn");
  });
});

describe("КПП", () => {
  it.each([
    ["773601001", true],
    ["7736AB001", true],
    ["7736ab001", false], // lower case
    ["77360100", false],
    ["773601O01", false], // letter O in the serial part
  ] as const)("%s → %s", (raw, valid) => {
    expect(isValidKpp(raw)).toBe(valid);
    expect(Kpp.safeParse(raw).success).toBe(valid);
  });
  it("reports invalid_kpp", () => {
    expect(Kpp.safeParse("7736ab001").error?.issues[0]?.message).toBe("invalid_kpp");
  });
});

describe("ОКТМО", () => {
  it.each([
    ["45382000", true],
    ["45382000001", true],
    ["4538200", false],
    ["453820000", false],
  ] as const)("%s → %s", (raw, valid) => {
    expect(isValidOktmo(raw)).toBe(valid);
    expect(Oktmo.safeParse(raw).success).toBe(valid);
  });
});

describe("birth certificate", () => {
  it.each([
    ["IV-МЮ", "123456", true, "IV-МЮ"],
    ["XIV-АГ", "123456", true, "XIV-АГ"],
    ["IV-MЮ", "123456", false, null], // Latin M: the letter part must be Cyrillic
    ["IV МЮ", "123456", false, null], // no hyphen
    ["iv-мю", "123456", false, "IV-МЮ"],
    ["1У-МЮ", "123456", false, "IV-МЮ"],
    ["ХIV-аг", "123456", false, "XIV-АГ"], // Cyrillic Х
    ["IV-МЮЮ", "123456", false, null],
    ["M-АБ", "123456", false, null], // M is not allowed
    ["IV-МЮ", "12345", false, null],
    ["IV-МЮ", "1234567", false, null],
  ] as const)("%s %s: strict %s, normalised %s", (series, number, strict, normalised) => {
    expect(isValidBirthCertificate(series, number)).toBe(strict);
    const parsed = BirthCertificate.safeParse({ series, number });
    expect(parsed.success).toBe(normalised !== null);
    if (normalised !== null) expect(parsed.data).toEqual({ series: normalised, number });
  });
  it("maps look-alikes in the Roman part only and unifies dashes", () => {
    expect(normalizeBirthCertificateSeries(" іі — сс ")).toBe("II-СС");
    expect(normalizeBirthCertificateSeries("ЛХ1-ХЛ")).toBe("LXI-ХЛ");
    expect(BirthCertificate.safeParse({ series: "M-АБ", number: "1" }).error?.issues[0]?.message).toBe(
      "invalid_birth_certificate",
    );
  });
});

describe("passport", () => {
  it.each([
    ["45 06 123456", true],
    ["4506123456", true],
    ["45 06 12345", false],
    ["АБ 123456", false],
  ] as const)("%s → %s", (raw, valid) => {
    expect(isValidPassport(raw)).toBe(valid);
    expect(Passport.safeParse(raw).success).toBe(valid);
  });
  it("stores 10 digits and formats NN NN NNNNNN", () => {
    expect(normalizePassport("45 06 123456")).toBe("4506123456");
    expect(formatPassport("4506123456")).toBe("45 06 123456");
  });
  it.each([
    ["770-001", true],
    ["770001", false],
    ["77-0001", false],
  ] as const)("unit code %s → %s", (raw, valid) => {
    expect(isValidPassportUnitCode(raw)).toBe(valid);
  });
});

describe("phone", () => {
  it.each([
    ["8 (916) 123-45-67", "+79161234567"],
    ["+74951234567", "+74951234567"],
    ["+77011234567", null], // Kazakhstan
    ["+7916123456", null], // length
    ["79161234567", "+79161234567"],
    ["9161234567", "+79161234567"],
    ["+7 (916) 123\u00a045\u201367", "+79161234567"],
    ["8 800 555-35-35", "+78005553535"],
    ["+380441234567", null], // another country
    ["8 916 123 45 678", null],
    ["", null],
  ] as const)("%s → %s", (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });
  it("tells mobile numbers (SMS) from landlines and Kazakhstan", () => {
    expect(isMobilePhone("+79161234567")).toBe(true);
    expect(isMobilePhone("+74951234567")).toBe(false);
    expect(isMobilePhone("89161234567")).toBe(false); // E.164 only
    expect(isKazakhstanPhone("+77011234567")).toBe(true);
    expect(isKazakhstanPhone("+79161234567")).toBe(false);
  });
  it("schemas normalise and explain failures", () => {
    expect(PhoneRu.parse(" 8 (916) 123-45-67 ")).toBe("+79161234567");
    expect(PhoneRu.parse("+74951234567")).toBe("+74951234567");
    expect(PhoneRu.safeParse("+77011234567").error?.issues[0]?.message).toBe("phone_not_russian");
    expect(PhoneRu.safeParse("12345").error?.issues[0]?.message).toBe("invalid_phone");
    expect(MobilePhoneRu.parse("89161234567")).toBe("+79161234567");
    expect(MobilePhoneRu.safeParse("+74951234567").error?.issues[0]?.message).toBe("not_mobile_phone");
  });
});

// The reference sketch of §3.10, verbatim, as an oracle: our validators must agree with it on
// every checksum vector (once input is normalised, which the sketch leaves to the caller).
function snilsIsValid(raw: string): boolean {
  const d = raw.replace(/[\s\u00a0-]/g, "");
  if (!/^\d{11}$/.test(d)) return false;
  if (Number(d.slice(0, 9)) <= 1001998) return true;
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(d[i]) * (9 - i);
  const c = s < 100 ? s : s <= 101 ? 0 : s % 101 === 100 ? 0 : s % 101;
  return c === Number(d.slice(9));
}
const innSum = (d: string, w: number[]) => (w.reduce((a, k, i) => a + k * Number(d[i]), 0) % 11) % 10;
function innIsValid(d: string): boolean {
  if (/^\d{10}$/.test(d)) return innSum(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[9]);
  if (/^\d{12}$/.test(d))
    return (
      innSum(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[10]) &&
      innSum(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(d[11])
    );
  return false;
}
function ogrnIsValid(d: string): boolean {
  if (/^\d{13}$/.test(d)) return Number((BigInt(d.slice(0, 12)) % 11n) % 10n) === Number(d[12]);
  if (/^\d{15}$/.test(d)) return Number((BigInt(d.slice(0, 14)) % 13n) % 10n) === Number(d[14]);
  return false;
}

describe("agreement with the §3.10 sketch", () => {
  it.each(SNILS)("СНИЛС %s", (raw, valid) => {
    expect(snilsIsValid(raw)).toBe(valid);
    expect(isValidSnils(raw)).toBe(snilsIsValid(raw));
  });
  it.each(INN)("ИНН %s", (raw, valid) => {
    expect(innIsValid(raw)).toBe(valid);
    expect(isValidInn(raw)).toBe(innIsValid(raw));
  });
  it.each(OGRN)("ОГРН %s", (raw, valid) => {
    expect(ogrnIsValid(raw)).toBe(valid);
    expect(isValidOgrn(raw)).toBe(ogrnIsValid(raw));
  });
});
