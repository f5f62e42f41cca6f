/**
 * Plans one school in memory from a seed: the legal entity, the year and its periods, subjects,
 * classes, staff, students with their families, who teaches what, the bell schedule and weekly
 * timetable, and the journal up to "today" (lessons, attendance, marks, period marks). Same
 * options → same plan (ids aside). Writing it to a database is write.ts's job.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_SCHOOL_SETTINGS } from "@otmetka/core/contracts/settings.ts";
import { academicYearOf, planCalendar } from "./calendar.ts";
import { COMPARE_CURRICULUM, FULL_CURRICULUM, type SubjectDefinition } from "./curriculum.ts";
import { planFamilies } from "./families.ts";
import { TakenIdentifiers } from "./identifiers.ts";
import { planJournal } from "./journal.ts";
import { planLessons } from "./lessons.ts";
import { apportion, Random } from "./random.ts";
import { CITIES, type City, planSchoolEntity, type SchoolKind } from "./school.ts";
import { minimumTeachers, planStaff } from "./staff.ts";
import { planBellTimes, planTimetable } from "./timetable.ts";
import type { PlannedClass, SchoolPlan } from "./types.ts";

export interface SchoolOptions {
  seed: number | string;
  /** Number of students (default 600). */
  students?: number;
  /** Number of classes (default: about 24 students per class). */
  classes?: number;
  /** Number of teachers (default: about one per 13 students; at least what the curriculum needs). */
  teachers?: number;
  /** Administrators (director and deputies), who are not counted as teachers. Default 2, 3 from 1,200 students. */
  admins?: number;
  /** First calendar year of the academic year (2025 → 2025/2026). Default: the current academic year. */
  year?: number;
  /** The school's number (№ 17); default drawn from the seed. */
  number?: number;
  city?: City;
  kind?: SchoolKind;
  /** "compare": the comparison dataset of DESIGN.md §9 (12 subjects everywhere, one parent per student). */
  preset?: "default" | "compare";
  /** An argon2 hash given to every generated account (one hash for all: benchmarks can sign in). Default none. */
  passwordHash?: string | null;
  /** Identifiers already used (other schools of the run, or rows in the database). */
  taken?: TakenIdentifiers;
  /** The journal (lessons, marks, attendance) is filled up to this date, "YYYY-MM-DD". Default: today. */
  today?: string;
  /** No lessons before this date (default: from the start of the year); periods begun earlier get no period marks. */
  lessonsSince?: string;
}

/** The comparison dataset of DESIGN.md §9 (the timetable, marks and attendance follow from the curriculum and journal.ts). */
export const COMPARE_PRESET = { students: 1000, classes: 40, teachers: 60, admins: 1 } as const;

const LETTERS = [..."АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"];
/** Fewer students stay on after grade 9. */
const GRADE_WEIGHTS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.55, 0.55];

/** Classes per grade and their sizes: sizes differ by a few students, and the totals are exact. */
export function planClasses(random: Random, students: number, classCount: number, shifts: boolean): PlannedClass[] {
  if (classCount < 11) throw new Error("a school needs at least 11 classes (one per grade)");
  if (students < classCount) throw new Error("fewer students than classes");
  const perGrade = apportion(classCount, GRADE_WEIGHTS, 1);
  const classes: PlannedClass[] = [];
  perGrade.forEach((count, i) => {
    for (let k = 0; k < count; k++) {
      const grade = i + 1;
      const shift = shifts && [2, 3, 4, 6, 7].includes(grade) ? 2 : 1;
      classes.push({ id: randomUUID(), grade, letter: LETTERS[k % LETTERS.length]!, shift, classTeacherId: "", size: 0 });
    }
  });
  const sizes = apportion(
    students,
    classes.map(() => 1),
  );
  // Move a few students between random classes of the same school so sizes are not all equal.
  for (let n = 0; n < classes.length * 2; n++) {
    const from = random.int(0, sizes.length - 1);
    const to = random.int(0, sizes.length - 1);
    const delta = random.int(0, 1);
    const average = students / classes.length;
    if (sizes[from]! - delta >= Math.max(1, average - 3) && sizes[to]! + delta <= average + 3) {
      sizes[from]! -= delta;
      sizes[to]! += delta;
    }
  }
  classes.forEach((c, i) => {
    c.size = sizes[i]!;
  });
  return classes;
}

export function planSchool(options: SchoolOptions): SchoolPlan {
  const compare = options.preset === "compare";
  const students = options.students ?? (compare ? COMPARE_PRESET.students : 600);
  const classCount = options.classes ?? (compare ? COMPARE_PRESET.classes : Math.max(11, Math.round(students / 24)));
  const startYear = options.year ?? academicYearOf(new Date());
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const taken = options.taken ?? new TakenIdentifiers();
  const passwordHash = options.passwordHash ?? null;
  const root = new Random(`otmetka:${options.seed}`);

  const city = options.city ?? root.fork("city").pick(CITIES);
  const number = options.number ?? root.fork("number").int(1, 180);
  const school = planSchoolEntity(root.fork("school"), taken, { number, city, ...(options.kind ? { kind: options.kind } : {}) });
  const calendar = planCalendar(startYear);
  const curriculum: readonly SubjectDefinition[] = compare ? COMPARE_CURRICULUM : FULL_CURRICULUM;
  const subjects = curriculum.map((s) => ({ ...s, id: randomUUID() }));
  const classes = planClasses(root.fork("classes"), students, classCount, students > 1200);

  const teacherCount = Math.max(
    options.teachers ?? (compare ? COMPARE_PRESET.teachers : Math.round(students * 0.075)),
    minimumTeachers(classes, curriculum),
  );
  const adminCount = options.admins ?? (compare ? COMPARE_PRESET.admins : students >= 1200 ? 3 : 2);
  const staff = planStaff(root.fork("staff"), taken, { classes, subjects, teacherCount, adminCount, startYear, passwordHash });
  const families = planFamilies(root.fork("families"), taken, classes, {
    mode: compare ? "one_parent" : "realistic",
    startYear,
    passportRegion: city.oktmo.slice(0, 2),
    passwordHash,
  });

  const hours = new Map<string, readonly number[]>(subjects.map((subject) => [subject.id, subject.hours]));
  const grades = new Map(classes.map((c) => [c.id, c.grade]));
  const timetable = planTimetable(root.fork("timetable"), {
    classes,
    assignments: staff.assignments,
    teachers: staff.teachers,
    hours: (a) => hours.get(a.subjectId)![grades.get(a.classId)! - 1]!,
  });
  const settings = DEFAULT_SCHOOL_SETTINGS;
  const since = options.lessonsSince ? { since: options.lessonsSince } : {};
  const lessons = planLessons(root.fork("lessons"), { calendar, classes, timetable, settings, today, ...since });
  const journal = planJournal(root.fork("journal"), { calendar, classes, people: families.people, lessons, settings, today, ...since });

  return {
    schoolId: randomUUID(),
    school,
    settings,
    yearId: randomUUID(),
    calendar,
    subjects,
    classes,
    users: [...staff.admins, ...staff.teacherUsers, ...families.parents, ...families.students],
    memberships: [
      ...staff.admins.map((u) => ({ userId: u.id, role: "admin" as const })),
      ...staff.teacherUsers.map((u) => ({ userId: u.id, role: "teacher" as const })),
      ...families.parents.map((u) => ({ userId: u.id, role: "parent" as const })),
      ...families.students.map((u) => ({ userId: u.id, role: "student" as const })),
    ],
    people: families.people,
    guardianships: families.guardianships,
    teachers: staff.teachers,
    assignments: staff.assignments,
    adminUserIds: staff.admins.map((u) => u.id),
    confirmedAt: `${calendar.startsOn}T09:00:00+03:00`,
    today,
    bellTimes: planBellTimes(classes.map((c) => c.shift)),
    timetable,
    lessons,
    cells: journal.cells,
    periodMarks: journal.periodMarks,
  };
}
