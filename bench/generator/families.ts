/**
 * Students come in families: siblings share a surname (in each one's gender) and a patronymic
 * formed from their father's name, whether or not the father is in the system; parents are
 * about 21–38 years older than their eldest child. Each student gets a person record (СНИЛС,
 * birth certificate or, from 14, a passport), an account, and 1–2 guardians with accounts.
 */
import { randomUUID } from "node:crypto";
import {
  generateBirthCertificate,
  generateEmail,
  generateMobilePhone,
  generatePassport,
  generateSnils,
  type TakenIdentifiers,
} from "./identifiers.ts";
import {
  BOY_NAMES,
  type Gender,
  GIRL_NAMES,
  MAN_NAMES,
  patronymicOf,
  SURNAMES,
  surnameFor,
  WOMAN_NAMES,
  GRANDFATHER_NAMES,
  GRANDMOTHER_NAMES,
} from "./names.ts";
import { type Random, WeightedList } from "./random.ts";
import type { PlannedClass, PlannedGuardianship, PlannedPerson, PlannedUser } from "./types.ts";

export interface FamilyOptions {
  /** "realistic": 1–3 children per family, 1–2 guardians; "one_parent": one child and one parent each. */
  mode: "realistic" | "one_parent";
  startYear: number;
  /** First two digits of passport series in the region (ОКАТО). */
  passportRegion: string;
  passwordHash: string | null;
}

export interface PlannedFamilies {
  people: PlannedPerson[];
  parents: PlannedUser[];
  students: PlannedUser[];
  guardianships: PlannedGuardianship[];
}

const CHILDREN_PER_FAMILY = new WeightedList<number>([
  [1, 74],
  [2, 22],
  [3, 4],
]);
const COMPOSITION = new WeightedList<"both" | "mother" | "father" | "grandmother">([
  ["both", 55],
  ["mother", 34],
  ["father", 7],
  ["grandmother", 4],
]);

const iso = (date: Date): string => date.toISOString().slice(0, 10);

/** A birth date that makes the child 6 + grade years old on 1 September (a few start a year late). */
function birthDateFor(random: Random, grade: number, startYear: number): Date {
  const latest = Date.UTC(startYear - 6 - grade, 8, 1);
  const back = random.chance(0.08) ? random.int(365, 365 + 120) : random.int(0, 364);
  return new Date(latest - back * 86_400_000);
}

function ageOn(birth: Date, on: Date): number {
  let age = on.getUTCFullYear() - birth.getUTCFullYear();
  if (on.getUTCMonth() < birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

export function planFamilies(
  random: Random,
  taken: TakenIdentifiers,
  classes: readonly PlannedClass[],
  options: FamilyOptions,
): PlannedFamilies {
  const { startYear } = options;
  const yearStart = new Date(Date.UTC(startYear, 8, 1));
  // Free seats per grade, as a shuffled list of class ids: taking from the end assigns a random class.
  const seats = new Map<number, string[]>();
  for (const c of classes) {
    const list = seats.get(c.grade) ?? [];
    for (let i = 0; i < c.size; i++) list.push(c.id);
    seats.set(c.grade, list);
  }
  for (const list of seats.values()) random.shuffle(list);
  let free = classes.reduce((sum, c) => sum + c.size, 0);

  const result: PlannedFamilies = { people: [], parents: [], students: [], guardianships: [] };
  const pickGrade = (exclude: readonly number[]): number | null => {
    const options: [number, number][] = [];
    for (const [grade, list] of seats) {
      const spread = exclude.length ? Math.max(...exclude.map((g) => Math.abs(g - grade))) : 0;
      const twins = exclude.includes(grade);
      if (list.length > 0 && spread <= 8 && (!twins || random.chance(0.03))) options.push([grade, list.length]);
    }
    return options.length ? new WeightedList(options).pick(random) : null;
  };

  for (let familyId = 1; free > 0; familyId++) {
    const wanted = options.mode === "one_parent" ? 1 : CHILDREN_PER_FAMILY.pick(random);
    const grades: number[] = [];
    for (let i = 0; i < wanted; i++) {
      const grade = pickGrade(grades);
      if (grade === null) break;
      grades.push(grade);
    }
    const surname = SURNAMES.pick(random);
    const fatherName = MAN_NAMES.pick(random);
    const children: { person: PlannedPerson; birth: Date }[] = [];
    for (const grade of grades) {
      const classId = seats.get(grade)!.pop()!;
      free--;
      const gender: Gender = random.chance(0.51) ? "m" : "f";
      let firstName = (gender === "m" ? BOY_NAMES : GIRL_NAMES).pick(random);
      while (children.some((c) => c.person.firstName === firstName)) firstName = (gender === "m" ? BOY_NAMES : GIRL_NAMES).pick(random);
      const birth = birthDateFor(random, grade, startYear);
      const age = ageOn(birth, yearStart);
      const document =
        age >= 14
          ? { documentType: "RF_PASSPORT" as const, ...generatePassport(random, options.passportRegion, birth.getUTCFullYear() + 14) }
          : { documentType: "RF_BRTH_CERT" as const, ...generateBirthCertificate(random) };
      const lastName = surnameFor(surname, gender);
      const user: PlannedUser = {
        id: randomUUID(),
        email: generateEmail(random, taken, { firstName, lastName, birthYear: birth.getUTCFullYear() }),
        phone: grade >= 7 && random.chance(0.6) ? generateMobilePhone(random, taken) : null,
        passwordHash: options.passwordHash,
        lastName,
        firstName,
        middleName: patronymicOf(fatherName, gender),
        birthDate: iso(birth),
        emailVerifiedAt: null,
      };
      result.students.push(user);
      const person: PlannedPerson = {
        id: randomUUID(),
        lastName,
        firstName,
        middleName: user.middleName,
        birthDate: iso(birth),
        gender,
        snils: generateSnils(random, taken),
        documentType: document.documentType,
        documentSeries: document.series,
        documentNumber: document.number,
        userId: user.id,
        familyId,
        classId,
      };
      children.push({ person, birth });
      result.people.push(person);
    }

    const eldest = Math.min(...children.map((c) => c.birth.getUTCFullYear()));
    const motherBorn = eldest - random.int(21, 38);
    const composition = options.mode === "one_parent" ? (random.chance(0.8) ? "mother" : "father") : COMPOSITION.pick(random);
    const addParent = (gender: Gender, relation: PlannedGuardianship["relation"], firstName: string, lastName: string, born: number) => {
      const birthDate = iso(new Date(Date.UTC(born, random.int(0, 11), random.int(1, 28))));
      const user: PlannedUser = {
        id: randomUUID(),
        email: random.chance(0.85) ? generateEmail(random, taken, { firstName, lastName, birthYear: born }) : null,
        phone: generateMobilePhone(random, taken),
        passwordHash: options.passwordHash,
        lastName,
        firstName,
        middleName: patronymicOf(GRANDFATHER_NAMES.pick(random), gender),
        birthDate,
        emailVerifiedAt: null,
      };
      result.parents.push(user);
      for (const child of children) result.guardianships.push({ parentUserId: user.id, personId: child.person.id, relation });
    };
    if (composition === "both" || composition === "mother") {
      const lastName = random.chance(0.88) ? surnameFor(surname, "f") : surnameFor(SURNAMES.pick(random), "f");
      addParent("f", "mother", WOMAN_NAMES.pick(random), lastName, motherBorn);
    }
    if (composition === "both" || composition === "father") {
      addParent("m", "father", fatherName, surnameFor(surname, "m"), motherBorn - random.int(0, 6));
    }
    if (composition === "grandmother") {
      addParent("f", "guardian", GRANDMOTHER_NAMES.pick(random), surnameFor(surname, "f"), motherBorn - random.int(22, 30));
    }
  }
  return result;
}
