import { type SchoolSetup, SETUP_STEPS, type SetupStep, type SetupStepKey } from "@otmetka/core/contracts/home.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

interface SetupRow {
  year_id: string | null;
  year_name: string | null;
  year_starts_on: string | null;
  year_ends_on: string | null;
  profile_fields: number;
  grades_covered: number;
  holidays: number;
  subjects: number;
  classes: number;
  classes_led: number;
  teachers: number;
  enrolled: number;
  students: number;
  students_guarded: number;
  classes_taught: number;
}

/** Profile fields a school needs for reports and exports: ИНН, КПП, ОГРН, ОКТМО, address. */
const PROFILE_FIELDS = 5;
const GRADES = 11;

/**
 * The school setup checklist for the admin's school, in one statement. "Current" means the
 * academic year today (in the school's time zone) falls in; classes, periods, holidays,
 * enrolments and assignments are counted in that year only.
 */
export async function getSchoolSetup(db: Db, actor: SchoolActor, today: string): Promise<SchoolSetup> {
  const school = actor.schoolId;
  const r = await db.one<SetupRow>(sql`
    with y as (
      select id, name, starts_on, ends_on from academic_years
      where school_id = ${school} and archived_at is null and starts_on <= ${today} and ends_on >= ${today}
      order by starts_on desc, id limit 1),
    cls as (
      select c.id, c.class_teacher_id from classes c join y on y.id = c.academic_year_id
      where c.school_id = ${school} and c.archived_at is null),
    pupils as (
      select p.id from people p where p.school_id = ${school} and p.archived_at is null)
    select
      (select id from y) as year_id, (select name from y) as year_name,
      (select starts_on from y) as year_starts_on, (select ends_on from y) as year_ends_on,
      (select (trim(inn) <> '')::int + (trim(kpp) <> '')::int + (trim(ogrn) <> '')::int + (trim(oktmo) <> '')::int + (trim(address) <> '')::int
       from schools where id = ${school}) as profile_fields,
      (select count(*) from generate_series(1, ${GRADES}) as g(grade)
       where exists (select 1 from periods p join y on y.id = p.academic_year_id
                     where p.school_id = ${school} and p.archived_at is null and g.grade between p.grade_from and p.grade_to))::int as grades_covered,
      (select count(*) from holidays h join y on y.id = h.academic_year_id
       where h.school_id = ${school} and h.kind = 'holiday')::int as holidays,
      (select count(*) from subjects where school_id = ${school} and archived_at is null)::int as subjects,
      (select count(*) from cls)::int as classes,
      (select count(*) from cls where class_teacher_id is not null)::int as classes_led,
      (select count(*) from memberships where school_id = ${school} and role = 'teacher' and archived_at is null)::int as teachers,
      (select count(distinct e.person_id) from enrolments e
         join cls on cls.id = e.class_id join pupils on pupils.id = e.person_id
       where e.school_id = ${school} and e.starts_on <= ${today} and (e.ends_on is null or e.ends_on >= ${today}))::int as enrolled,
      (select count(*) from pupils)::int as students,
      (select count(*) from pupils
       where exists (select 1 from guardianships g
                     where g.school_id = ${school} and g.person_id = pupils.id and g.archived_at is null))::int as students_guarded,
      (select count(*) from cls
       where exists (select 1 from teaching_assignments a
                     where a.school_id = ${school} and a.class_id = cls.id and a.archived_at is null))::int as classes_taught`);

  const hasYear = r.year_id !== null;
  const every = (count: number, total: number) => total > 0 && count === total;
  const checks: Record<SetupStepKey, Omit<SetupStep, "key">> = {
    schoolProfile: { done: r.profile_fields === PROFILE_FIELDS, count: r.profile_fields, total: PROFILE_FIELDS },
    academicYear: { done: hasYear, count: hasYear ? 1 : 0, total: null },
    periods: { done: r.grades_covered === GRADES, count: r.grades_covered, total: GRADES },
    holidays: { done: r.holidays > 0, count: r.holidays, total: null },
    subjects: { done: r.subjects > 0, count: r.subjects, total: null },
    classes: { done: r.classes > 0, count: r.classes, total: null },
    classTeachers: { done: every(r.classes_led, r.classes), count: r.classes_led, total: r.classes },
    staff: { done: r.teachers > 0, count: r.teachers, total: null },
    students: { done: r.enrolled > 0, count: r.enrolled, total: null },
    guardians: { done: every(r.students_guarded, r.students), count: r.students_guarded, total: r.students },
    teaching: { done: every(r.classes_taught, r.classes), count: r.classes_taught, total: r.classes },
  };
  const steps = SETUP_STEPS.map((key) => ({ key, ...checks[key] }));
  return {
    today,
    currentYear:
      r.year_id && r.year_name && r.year_starts_on && r.year_ends_on
        ? { id: r.year_id, name: r.year_name, startsOn: r.year_starts_on, endsOn: r.year_ends_on }
        : null,
    steps,
    doneCount: steps.filter((s) => s.done).length,
    nextStep: steps.find((s) => !s.done)?.key ?? null,
  };
}
