import { describe, expect, it } from "vitest";
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  type PasswordContext,
} from "./password.ts";

const person: PasswordContext = {
  names: ["Пётр", "Иванов-Сидоров", "Ли", "Сергеевич"],
  email: "petya.ivanov@mail.ru",
  phone: "+7 (916) 238-19-52",
  birthDate: "2011-03-15",
};

describe("checkPassword: passwords that pass", () => {
  it.each([
    "Tr0ub4dor&x",
    "Зелёный#Кот9",
    "Пароль#2024x",
    "Mixed-Кириллица7",
    "Ёжик в тумане 1!",
    "aaaB9#xyzQ", // three repeats are allowed, four are not
    `Z9#${"ab1".repeat(41)}c`, // exactly 128 characters
  ])("%s", (password) => {
    expect(checkPassword(password, {})).toEqual([]);
    expect(checkPassword(password, person)).toEqual([]);
  });

  it("works without a context and with empty fields", () => {
    expect(checkPassword("Tr0ub4dor&x")).toEqual([]);
    expect(checkPassword("Tr0ub4dor&x", { names: [], email: null, phone: null, birthDate: null })).toEqual([]);
  });
});

describe("checkPassword: length", () => {
  it("needs at least 8 characters", () => {
    expect(checkPassword("Ab1#xyz")).toEqual(["too_short"]);
    expect(checkPassword("Ab1#xyzq")).toEqual([]);
    expect(PASSWORD_MIN_LENGTH).toBe(8);
  });
  it("allows at most 128 characters", () => {
    const long = `Z9#${"ab1".repeat(42)}`;
    expect([...long].length).toBe(129);
    expect(checkPassword(long)).toEqual(["too_long"]);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
  });
  it("counts characters, not UTF-16 units", () => {
    expect(checkPassword("Ab1#😀😀x")).toEqual(["too_short"]); // 7 characters, 9 units
  });
  it("reports every broken rule of an empty password in checklist order", () => {
    expect(checkPassword("")).toEqual(["too_short", "no_upper", "no_lower", "no_digit", "no_special"]);
  });
});

describe("checkPassword: character classes", () => {
  it.each([
    ["tr0ub4dor&x", ["no_upper"]],
    ["TR0UB4DOR&X", ["no_lower"]],
    ["Troubador&x", ["no_digit"]],
    ["Tr0ub4dorxx", ["no_special"]],
    ["зелёный#кот9", ["no_upper"]],
    ["ЗЕЛЁНЫЙ#КОТ9", ["no_lower"]],
    ["Зелёный#Кот", ["no_digit"]],
    ["ЗелёныйКот97", ["no_special"]],
    ["пароль#2024x", ["no_upper"]],
  ] as const)("%s → %j", (password, expected) => {
    expect(checkPassword(password)).toEqual(expected);
  });
  it("counts Latin and Cyrillic letters alike", () => {
    expect(checkPassword("Пароль#2024x")).toEqual([]); // Cyrillic upper, both lower
    expect(checkPassword("pАРОЛЬ#2024X")).toEqual([]); // Latin lower, Cyrillic upper
  });
  it("a space is allowed but is not a special character", () => {
    expect(checkPassword("Зелёный Кот9")).toEqual(["no_special"]);
  });
  it.each(["_", "№", "€", "«", "😀", "~"])("%s counts as special", (c) => {
    expect(checkPassword(`Tr0ub4dor${c}x`)).toEqual([]);
  });
});

describe("checkPassword: sequences", () => {
  it.each([
    "Ab#x1234", // ascending digits
    "Ab#x4321", // descending digits
    "Ab#x7890", // number row
    "Ab#x0987",
    "X9#abcdz", // alphabet
    "X9#DCBAz", // descending, upper case
    "X9#aBcDz", // mixed case
    "X9#zaaaa", // repeated letters
    "X9#z1111", // repeated digits
    "Xy9z!!!!", // repeated symbols
    "X9#qwerz", // QWERTY row
    "X9#ytrewz", // reversed row
    "X9#ASDFz", // home row, upper case
    "X9#zxcvz", // bottom row
    "Ж9#йцукz", // ЙЦУКЕН row
    "Ж9#ФЫВАz", // ЙЦУКЕН home row, upper case
    "Ж9#ячсмz", // ЙЦУКЕН bottom row
    "Ж9#абвгz", // Cyrillic alphabet
    "Ж9#деёжz", // Cyrillic alphabet with ё
    "Ж9#дежзz", // Cyrillic alphabet without ё
    "Ж9#ЯЮЭЬz", // descending Cyrillic
    "Ж9#ааааz", // repeated Cyrillic
  ])("%s", (password) => {
    expect(checkPassword(password)).toEqual(["sequence"]);
  });
  it.each(["Ab#x123z", "Ab#x1357", "X9#abdcz", "X9#qwrtz", "X9#aaabz", "Ж9#йцуzк", "X9#azsxz"])(
    "%s: three in a row or a broken run is fine",
    (password) => {
      expect(checkPassword(password)).toEqual([]);
    },
  );
});

describe("checkPassword: personal data", () => {
  it.each([
    ["Пётр#2024x", "first name"],
    ["Петр#2024x", "ё written as е"],
    ["#ПЕТР2024x", "upper case"],
    ["Сидоров#24x", "second part of a double surname"],
    ["Иванов#24x", "first part of a double surname"],
    ["сергеевич#X24", "middle name"],
    ["Petya#2024x", "e-mail local part"],
    ["x#IVANOV24", "e-mail local part, second word"],
    ["Sidorov#24x", "Latin transliteration of the surname"],
    ["Petr#2024xy", "Latin transliteration of the first name"],
  ] as const)("%s is rejected (%s)", (password, _reason) => {
    expect(checkPassword(password, person)).toEqual(["contains_name"]);
  });
  it("ignores name parts shorter than 3 letters", () => {
    expect(checkPassword("Liza#2024x", person)).toEqual([]);
    expect(checkPassword("Лиза#2024x", person)).toEqual([]);
    expect(checkPassword("Ann#2024xy", { names: ["Ян", "Ань"] })).toEqual([]);
  });
  it("ignores the e-mail domain", () => {
    expect(checkPassword("Mail#2024x", person)).toEqual([]);
  });

  it.each([
    ["Xy#2011ab", "year"],
    ["Xy#15032011", "DDMMYYYY"],
    ["Xy#15.03.2011", "DD.MM.YYYY"],
    ["Xy#150311zz", "DDMMYY"],
    ["Xy#15.03.11z", "DD.MM.YY"],
    ["Xy#15-03-11z", "DD-MM-YY"],
    ["Xy#110315zz", "YYMMDD"],
  ] as const)("%s is rejected (%s)", (password, _reason) => {
    expect(checkPassword(password, { birthDate: person.birthDate })).toEqual(["contains_birth_date"]);
  });
  it("finds dates written without leading zeros", () => {
    expect(checkPassword("Xy#5.3.11zz", { birthDate: "2011-03-05" })).toEqual(["contains_birth_date"]);
    expect(checkPassword("Xy#5/3/2011", { birthDate: "2011-03-05" })).toEqual(["contains_birth_date"]);
  });
  it("ignores dates that are not YYYY-MM-DD and other dates", () => {
    expect(checkPassword("Xy#15032011", { birthDate: "15.03.2011" })).toEqual([]);
    expect(checkPassword("Xy#15032012", { birthDate: person.birthDate })).toEqual([]);
  });

  it.each([
    ["Xy#1952ab", "last 4 digits"],
    ["Xy#819520", "last 5 digits, with a trailing digit"],
    ["Xy#19-52ab", "last 4 digits with a separator"],
    ["Xy#9162381952", "the whole number"],
  ] as const)("%s is rejected (%s)", (password, _reason) => {
    expect(checkPassword(password, { phone: person.phone })).toEqual(["contains_phone"]);
  });
  it("allows other digits of the phone and ignores a too short phone", () => {
    expect(checkPassword("Xy#916abc", { phone: person.phone })).toEqual([]);
    expect(checkPassword("Xy#1953ab", { phone: person.phone })).toEqual([]);
    expect(checkPassword("Xy#123abc", { phone: "123" })).toEqual([]);
  });

  it("reports several personal-data violations together", () => {
    expect(checkPassword("Petr#2011-1952", person)).toEqual(["contains_name", "contains_birth_date", "contains_phone"]);
  });
});

describe("PASSWORD_RULES", () => {
  it("lists every code once, in checklist order", () => {
    expect(PASSWORD_RULES).toEqual([
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
    ]);
  });
  it("orders the output of checkPassword the same way", () => {
    const all = checkPassword("aaaa", person);
    expect(all).toEqual(PASSWORD_RULES.filter((rule) => all.includes(rule)));
    expect(all).toEqual(["too_short", "no_upper", "no_digit", "no_special", "sequence"]);
  });
});
