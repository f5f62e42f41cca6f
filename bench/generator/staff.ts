/**
 * Teachers and who teaches what. Each class of grades 1–4 has its own primary-school teacher,
 * who is its class teacher and teaches its `primary` subjects. The other teachers are specialists:
 * their number per specialty follows the weekly hours of that specialty, and each takes a
 * contiguous run of classes (5А, 5Б, 6А…), as timetables are built in practice. Classes of
 * grades 5–11 get a class teacher among the specialists who teach them.
 */
import { randomUUID } from "node:crypto";
import type { Specialty, SubjectDefinition } from "./curriculum.ts";
import { generateEmail, generateMobilePhone, type TakenIdentifiers } from "./identifiers.ts";
import { adultName, type Gender } from "./names.ts";
import { apportion, type Random } from "./random.ts";
import type { PlannedAssignment, PlannedClass, PlannedSubject, PlannedTeacher, PlannedUser } from "./types.ts";

export interface PlannedStaff {
  admins: PlannedUser[];
  teacherUsers: PlannedUser[];
  teachers: PlannedTeacher[];
  assignments: PlannedAssignment[];
}

interface Unit {
  cls: PlannedClass;
  specialty: Specialty;
  subjects: SubjectDefinition[];
  hours: number;
}

export function staffUser(
  random: Random,
  taken: TakenIdentifiers,
  startYear: number,
  passwordHash: string | null,
  gender?: Gender,
): PlannedUser {
  const g = gender ?? (random.chance(0.82) ? "f" : "m");
  const name = adultName(random, g);
  const born = startYear - random.int(23, 64);
  return {
    id: randomUUID(),
    email: generateEmail(random, taken, { ...name, birthYear: born }),
    phone: generateMobilePhone(random, taken),
    passwordHash,
    ...name,
    birthDate: new Date(Date.UTC(born, random.int(0, 11), random.int(1, 28))).toISOString().slice(0, 10),
    emailVerifiedAt: null,
  };
}

/**
 * Most weekly lessons a specialist takes. Real loads run from 18 (one ставка) to about 27; more
 * would not fit a clash-free five-day week of up to seven lessons a day.
 */
const MAX_WEEKLY_LOAD = 26;

/** The smallest teacher count the curriculum allows: one per primary class plus enough specialists per specialty. */
export function minimumTeachers(classes: readonly PlannedClass[], curriculum: readonly SubjectDefinition[]): number {
  const { units, specialties } = specialtyUnits(classes, curriculum);
  const needed = specialties.map((s) => specialistsNeeded(units.get(s)!));
  return classes.filter((c) => c.grade <= 4).length + needed.reduce((a, b) => a + b, 0);
}

function specialistsNeeded(units: readonly Unit[]): number {
  return Math.max(1, Math.ceil(units.reduce((sum, u) => sum + u.hours, 0) / MAX_WEEKLY_LOAD));
}

function specialtyUnits(classes: readonly PlannedClass[], curriculum: readonly SubjectDefinition[]) {
  const units = new Map<Specialty, Unit[]>();
  for (const cls of classes) {
    for (const subject of curriculum) {
      const hours = subject.hours[cls.grade - 1] ?? 0;
      if (hours === 0 || (cls.grade <= 4 && subject.primary)) continue;
      const list = units.get(subject.specialty) ?? [];
      let unit = list.find((u) => u.cls === cls);
      if (!unit) {
        unit = { cls, specialty: subject.specialty, subjects: [], hours: 0 };
        list.push(unit);
      }
      unit.subjects.push(subject);
      unit.hours += hours;
      units.set(subject.specialty, list);
    }
  }
  return { units, specialties: [...units.keys()] };
}

export function planStaff(
  random: Random,
  taken: TakenIdentifiers,
  options: {
    classes: PlannedClass[];
    subjects: readonly PlannedSubject[];
    teacherCount: number;
    adminCount: number;
    startYear: number;
    passwordHash: string | null;
  },
): PlannedStaff {
  const { classes, subjects, startYear, passwordHash } = options;
  const subjectId = new Map(subjects.map((s) => [s.code, s.id]));
  const admins = Array.from({ length: options.adminCount }, () => staffUser(random, taken, startYear, passwordHash));
  const teacherUsers: PlannedUser[] = [];
  const teachers: PlannedTeacher[] = [];
  const assignments: PlannedAssignment[] = [];
  const hire = (specialty: Specialty): PlannedTeacher => {
    const user = staffUser(random, taken, startYear, passwordHash, specialty === "primary" ? (random.chance(0.97) ? "f" : "m") : undefined);
    teacherUsers.push(user);
    const teacher = { userId: user.id, specialty };
    teachers.push(teacher);
    return teacher;
  };
  const assign = (teacherId: string, cls: PlannedClass, subject: SubjectDefinition) =>
    assignments.push({ id: randomUUID(), teacherId, classId: cls.id, subjectId: subjectId.get(subject.code)! });

  const ordered = [...classes].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter));
  for (const cls of ordered.filter((c) => c.grade <= 4)) {
    const teacher = hire("primary");
    cls.classTeacherId = teacher.userId;
    for (const subject of subjects) if ((subject.hours[cls.grade - 1] ?? 0) > 0 && subject.primary) assign(teacher.userId, cls, subject);
  }

  const { units, specialties } = specialtyUnits(ordered, subjects);
  const needed = specialties.map((s) => specialistsNeeded(units.get(s)!));
  const specialists = Math.max(options.teacherCount - teachers.length, specialties.length);
  const hours = specialties.map((s) => units.get(s)!.reduce((sum, u) => sum + u.hours, 0));
  const counts = apportion(specialists, hours, 1).map((n, i) => Math.max(n, needed[i]!));
  const teachesClass = new Map<string, PlannedTeacher[]>();
  specialties.forEach((specialty, i) => {
    const staff = Array.from({ length: counts[i]! }, () => hire(specialty));
    const list = units.get(specialty)!;
    const target = hours[i]! / staff.length;
    let done = 0;
    for (const unit of list) {
      // Contiguous runs with balanced load: the unit goes to the teacher whose share holds its middle.
      const teacher = staff[Math.min(staff.length - 1, Math.floor((done + unit.hours / 2) / target))]!;
      done += unit.hours;
      for (const subject of unit.subjects) assign(teacher.userId, unit.cls, subject);
      const by = teachesClass.get(unit.cls.id) ?? [];
      if (!by.includes(teacher)) by.push(teacher);
      teachesClass.set(unit.cls.id, by);
    }
  });

  // Class teachers of grades 5–11: a specialist who teaches the class and leads no other class.
  const leading = new Set(ordered.filter((c) => c.grade <= 4).map((c) => c.classTeacherId));
  const preferred = new Set<Specialty>(["russian", "math", "english", "history", "biology", "geography"]);
  for (const cls of random.shuffle(ordered.filter((c) => c.grade >= 5))) {
    const free = (list: readonly PlannedTeacher[]) => list.filter((t) => !leading.has(t.userId));
    const teaching = free(teachesClass.get(cls.id) ?? []);
    const candidates = teaching.filter((t) => preferred.has(t.specialty));
    const pool = candidates.length ? candidates : teaching.length ? teaching : free(teachers.filter((t) => t.specialty !== "primary"));
    const chosen = pool.length ? random.pick(pool) : random.pick(teachers.filter((t) => t.specialty !== "primary"));
    cls.classTeacherId = chosen.userId;
    leading.add(chosen.userId);
  }
  return { admins, teacherUsers, teachers, assignments };
}
