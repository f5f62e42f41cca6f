import type { Db } from "../src/platform/db/db.ts";
import { sql } from "../src/platform/db/sql.ts";
import type { TestApp } from "./harness.ts";
import { buildAssignment, buildClass, buildStudent, buildSubject, schoolWithAdmin, signedIn } from "./people-factories.ts";

/** A study period inserted directly (the structure feature owns the API). Default: the 2nd quarter of 2026/27. */
export async function buildPeriod(
  db: Db,
  options: { schoolId: string; yearId: string; number?: number; startsOn?: string; endsOn?: string; gradeFrom?: number; gradeTo?: number },
): Promise<{ id: string }> {
  const number = options.number ?? 2;
  return db.one<{ id: string }>(sql`
    insert into periods (school_id, academic_year_id, kind, number, name, starts_on, ends_on, grade_from, grade_to)
    values (${options.schoolId}, ${options.yearId}, 'quarter', ${number}, ${`${number} четверть`},
            ${options.startsOn ?? "2026-11-09"}, ${options.endsOn ?? "2026-12-28"}, ${options.gradeFrom ?? 1}, ${options.gradeTo ?? 11})
    returning id`);
}

/** A dated lesson inserted directly, as the timetable generator would make it. */
export async function buildLesson(
  db: Db,
  options: {
    schoolId: string;
    yearId: string;
    periodId: string;
    classId: string;
    subjectId: string;
    teacherId: string;
    date: string;
    lessonNumber?: number;
    groupId?: string;
    workType?: string;
    topic?: string;
  },
): Promise<{ id: string }> {
  return db.one<{ id: string }>(sql`
    insert into lessons (school_id, academic_year_id, period_id, class_id, group_id, subject_id, teacher_id, date, lesson_number, work_type, topic)
    values (${options.schoolId}, ${options.yearId}, ${options.periodId}, ${options.classId}, ${options.groupId ?? null}, ${options.subjectId},
            ${options.teacherId}, ${options.date}, ${options.lessonNumber ?? 1}, ${options.workType ?? null}, ${options.topic ?? ""})
    returning id`);
}

/**
 * The start of most journal tests: a school with a signed-in admin and teacher, class 5А with
 * three enrolled students, mathematics taught by the teacher, the 2nd quarter and `lessons`
 * dated lessons on consecutive weekdays from 2026-11-09.
 */
export async function journalSchool(t: TestApp, options: { lessons?: number } = {}) {
  const s = await schoolWithAdmin(t);
  const teacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Смирнов", firstName: "Андрей" });
  const class5a = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 5, letter: "А" });
  const maths = await buildSubject(t.db, { schoolId: s.schoolId, name: "Математика" });
  await buildAssignment(t.db, { schoolId: s.schoolId, teacherId: teacher.user.id, classId: class5a.id, subjectId: maths.id });
  const period = await buildPeriod(t.db, { schoolId: s.schoolId, yearId: s.yearId });
  const students = [];
  for (const [lastName, firstName] of [
    ["Алексеев", "Борис"],
    ["Белова", "Вера"],
    ["Васильев", "Глеб"],
  ]) {
    students.push(await buildStudent(t.db, { schoolId: s.schoolId, lastName, firstName, classId: class5a.id }));
  }
  const lessons = [];
  for (const date of schoolDays("2026-11-09", options.lessons ?? 3)) {
    lessons.push(
      await buildLesson(t.db, {
        schoolId: s.schoolId,
        yearId: s.yearId,
        periodId: period.id,
        classId: class5a.id,
        subjectId: maths.id,
        teacherId: teacher.user.id,
        date,
      }),
    );
  }
  return { ...s, teacher, class5a, maths, period, students, lessons };
}

/** `count` dates from `from` on, Monday to Friday. */
export function schoolDays(from: string, count: number): string[] {
  const days: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (days.length < count) {
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}
