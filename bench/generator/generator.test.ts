import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  isMobilePhone,
  isSnilsChecksumExempt,
  isValidBirthCertificate,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOktmo,
  isValidPassport,
  isValidSnils,
} from "@otmetka/core/rules/identifiers.ts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../server/src/app.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoIfEmpty } from "../../server/src/modules/demo/demo.seed.ts";
import { verifyEventChains } from "../../server/src/platform/audit/events.ts";
import { loadConfig } from "../../server/src/platform/config.ts";
import type { Database } from "../../server/src/platform/db/db.ts";
import { migrate } from "../../server/src/platform/db/migrate.ts";
import { sql } from "../../server/src/platform/db/sql.ts";
import { DATABASES, TestClient } from "../../server/test/harness.ts";
import { planCalendar } from "./calendar.ts";
import {
  COMPARE_PRESET,
  type GeneratedSchool,
  generateSchool,
  loadTakenIdentifiers,
  patronymicOf,
  planSchool,
  type SchoolPlan,
  surnameFor,
} from "./index.ts";
import { openEmptyDatabase } from "./test-database.ts";

/** What the seed decides about a student, without the random ids. */
const personContent = (p: { lastName: string; firstName: string; middleName: string; birthDate: string; snils: string | null }) =>
  `${p.lastName} ${p.firstName} ${p.middleName} ${p.birthDate} ${p.snils}`;
const planContent = (plan: SchoolPlan) => ({
  school: plan.school,
  people: plan.people.map(personContent),
  users: plan.users.map((u) => `${u.lastName} ${u.firstName} ${u.middleName} ${u.email} ${u.phone}`),
  classes: plan.classes.map((c) => `${c.grade}${c.letter}:${c.size}`),
});

const SMALL = { seed: 11, students: 150, year: 2025, today: "2025-10-06" } as const;

describe("planning (no database)", () => {
  test("the same seed gives the same school, a different seed another one", () => {
    const a = planSchool(SMALL);
    const b = planSchool(SMALL);
    expect(planContent(a)).toEqual(planContent(b));
    expect(a.people.map((p) => p.id)).not.toEqual(b.people.map((p) => p.id));
    const c = planSchool({ ...SMALL, seed: 12 });
    expect(c.people.map(personContent)).not.toEqual(a.people.map(personContent));
  });

  test("the compare preset has the shape of DESIGN.md §9", () => {
    const plan = planSchool({ seed: 1, preset: "compare", year: 2025, today: "2025-09-01" });
    const roles = (role: string) => plan.memberships.filter((m) => m.role === role).length;
    expect(plan.people).toHaveLength(COMPARE_PRESET.students);
    expect(plan.classes).toHaveLength(40);
    expect(new Set(plan.classes.map((c) => c.grade))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(roles("teacher")).toBe(60);
    expect(roles("parent")).toBe(1000);
    expect(plan.guardianships).toHaveLength(1000);
    expect(new Set(plan.guardianships.map((g) => g.personId)).size).toBe(1000);
    expect(plan.subjects).toHaveLength(12);
    expect(plan.assignments).toHaveLength(480);
    const sections = new Set(plan.assignments.map((a) => `${a.classId}:${a.subjectId}`));
    expect(sections.size).toBe(480);
  });

  test("the calendar follows the ministry's recommendations for 2025/26", () => {
    const c = planCalendar(2025);
    expect([c.name, c.startsOn, c.endsOn]).toEqual(["2025/2026", "2025-09-01", "2026-05-26"]);
    const holiday = (name: string) => c.holidays.find((h) => h.name.startsWith(name));
    expect(holiday("Осенние")).toMatchObject({ startsOn: "2025-10-25", endsOn: "2025-11-02" });
    expect(holiday("Зимние")).toMatchObject({ startsOn: "2025-12-31", endsOn: "2026-01-11" });
    expect(holiday("Весенние")).toMatchObject({ startsOn: "2026-03-28", endsOn: "2026-04-05" });
    expect(holiday("Дополнительные")).toMatchObject({ startsOn: "2026-02-14", endsOn: "2026-02-22", gradeFrom: 1, gradeTo: 1 });
    const quarters = c.periods.filter((p) => p.kind === "quarter");
    expect(quarters.map((q) => [q.startsOn, q.endsOn])).toEqual([
      ["2025-09-01", "2025-10-24"],
      ["2025-11-03", "2025-12-30"],
      ["2026-01-12", "2026-03-27"],
      ["2026-04-06", "2026-05-26"],
    ]);
    expect(quarters.every((q) => q.gradeFrom === 1 && q.gradeTo === 9)).toBe(true);
    const halves = c.periods.filter((p) => p.kind === "half_year");
    expect(halves.map((h) => [h.startsOn, h.endsOn, h.gradeFrom, h.gradeTo])).toEqual([
      ["2025-09-01", "2025-12-30", 10, 11],
      ["2026-01-12", "2026-05-26", 10, 11],
    ]);
    // 1 September 2024 was a Sunday: that year started on Monday the 2nd.
    expect(planCalendar(2024).startsOn).toBe("2024-09-02");
  });
});

describe.each(DATABASES)("generator on %s", (kind) => {
  let scratch: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Database;
  let small: GeneratedSchool;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    scratch = await openEmptyDatabase(kind);
    db = scratch.db;
    await migrate(db);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await scratch.drop();
  });

  // Writes a 600-student school with six weeks of journal: seconds alone, more on a busy machine.
  test("seedDemoIfEmpty creates one school with the four demo logins wired into it", async () => {
    const logins = await seedDemoIfEmpty(db, new Date("2025-10-06T09:00:00Z"));
    expect(logins).toEqual(
      (["admin", "teacher", "parent", "student"] as const).map((role) => ({ role, login: DEMO_LOGINS[role], password: DEMO_PASSWORD })),
    );
    const school = await db.one<{ id: string; short_name: string }>(sql`select id, short_name from schools`);
    expect(school.short_name).toBe("МБОУ СОШ № 17");
    const userId = async (login: string) => (await db.one<{ id: string }>(sql`select id from users where email = ${login}`)).id;
    const [admin, teacher, parent, student] = await Promise.all(
      [DEMO_LOGINS.admin, DEMO_LOGINS.teacher, DEMO_LOGINS.parent, DEMO_LOGINS.student].map(userId),
    );
    const roles = await db.many<{ user_id: string; role: string }>(
      sql`select user_id, role from memberships where user_id = any(${[admin, teacher, parent, student]}::uuid[])`,
    );
    expect(roles.map((r) => `${r.user_id}:${r.role}`).sort()).toEqual(
      [`${admin}:admin`, `${teacher}:teacher`, `${parent}:parent`, `${student}:student`].sort(),
    );

    // The teacher leads 5 «А» and teaches it and other classes.
    const led = await db.many<{ grade: number; letter: string; id: string }>(
      sql`select id, grade, letter from classes where class_teacher_id = ${teacher}`,
    );
    expect(led.map((c) => `${c.grade}${c.letter}`)).toEqual(["5А"]);
    const taught = await db.many<{ class_id: string }>(
      sql`select distinct class_id from teaching_assignments where teacher_id = ${teacher}`,
    );
    expect(taught.map((t) => t.class_id)).toContain(led[0]!.id);
    expect(taught.length).toBeGreaterThan(1);

    // The student is a person enrolled in 5 «А»; the parent is the guardian of them and a younger sister.
    const children = await db.many<{
      id: string;
      user_id: string | null;
      last_name: string;
      first_name: string;
      middle_name: string;
      grade: number;
      letter: string;
      relation: string;
    }>(sql`
      select p.id, p.user_id, p.last_name, p.first_name, p.middle_name, c.grade, c.letter, g.relation
      from guardianships g join people p on p.school_id = g.school_id and p.id = g.person_id
      join enrolments e on e.school_id = p.school_id and e.person_id = p.id join classes c on c.school_id = e.school_id and c.id = e.class_id
      where g.parent_user_id = ${parent} order by c.grade desc`);
    expect(children).toHaveLength(2);
    expect(children[0]).toMatchObject({
      user_id: student,
      last_name: "Кузнецов",
      first_name: "Артём",
      middle_name: "Дмитриевич",
      grade: 5,
      letter: "А",
      relation: "mother",
    });
    expect(children[1]).toMatchObject({ last_name: "Кузнецова", middle_name: "Дмитриевна", grade: 2, relation: "mother" });

    // The journal is filled up to the seed's day: the teacher's lessons in 5 «А» have marks, and so do both children.
    const marked = await db.one<{ lessons: number; marks: number }>(sql`
      select count(distinct l.id) as lessons, count(c.mark1) as marks from lessons l
      left join journal_cells c on c.school_id = l.school_id and c.lesson_id = l.id
      where l.teacher_id = ${teacher} and l.class_id = ${led[0]!.id} and l.date <= '2025-10-06'`);
    expect(marked.lessons).toBeGreaterThanOrEqual(5);
    expect(marked.marks).toBeGreaterThan(50);
    for (const child of children) {
      const { n } = await db.one<{ n: number }>(sql`select count(mark1) as n from journal_cells where student_id = ${child.id}`);
      expect(n, `${child.first_name}'s marks`).toBeGreaterThan(10);
    }

    const counts = await db.one<{ people: number; classes: number; teachers: number }>(sql`
      select (select count(*) from people) as people, (select count(*) from classes) as classes,
             (select count(*) from memberships where role = 'teacher') as teachers`);
    expect(counts).toEqual({ people: 600, classes: 25, teachers: 45 });
    const events = await db.many<{ entity: string; action: string; entity_id: string }>(
      sql`select entity, action, entity_id from events where school_id = ${school.id} order by pos`,
    );
    expect(events.map((e) => e.entity_id)).toEqual([
      "school",
      "calendar",
      "subjects",
      "accounts",
      "classes",
      "students",
      "guardianships",
      "teaching",
      "timetable",
      "lessons",
      "journal",
      "period_marks",
    ]);
    expect(events.every((e) => e.entity === "demo" && e.action === "seed")).toBe(true);
    expect((await verifyEventChains(db, school.id)).breaks).toEqual([]);

    // Each login signs in with the demo password; the teacher's own view names the class.
    const dataDir = mkdtempSync(join(tmpdir(), "otmetka-gen-"));
    const { server } = await createApp({
      config: { ...loadConfig({ OTMETKA_DATA_DIR: dataDir, LOG_LEVEL: "silent" }), seedDemo: false },
      db,
    });
    await server.ready();
    closers.push(() => server.close());
    for (const login of Object.values(DEMO_LOGINS)) {
      const client = new TestClient({ server });
      await client.signIn(login, DEMO_PASSWORD);
      const me = await client.get("/api/v1/me");
      expect(me.status).toBe(200);
      if (login === DEMO_LOGINS.teacher) {
        expect(me.body.memberships.flatMap((m: { classTeacherOf: string[] }) => m.classTeacherOf)).toEqual([led[0]!.id]);
      }
    }
  }, 90_000);

  test("seedDemoIfEmpty is a no-op on a database that has a school", async () => {
    const before = await db.one<{ n: number }>(sql`select count(*) as n from users`);
    expect(await seedDemoIfEmpty(db, new Date("2025-10-06T09:00:00Z"))).toBeNull();
    expect(await db.one<{ n: number }>(sql`select count(*) as n from users`)).toEqual(before);
  });

  test("a small school: every class has students, a class teacher and teachers; every student a guardian", async () => {
    small = await generateSchool(db, { ...SMALL, taken: await loadTakenIdentifiers(db) });
    const schoolId = small.plan.schoolId;
    const classes = await db.many<{ grade: number; letter: string; students: number; teacher_role: string | null; sections: number }>(sql`
      select c.grade, c.letter,
             (select count(*) from enrolments e where e.school_id = c.school_id and e.class_id = c.id) as students,
             (select m.role from memberships m where m.school_id = c.school_id and m.user_id = c.class_teacher_id and m.role = 'teacher') as teacher_role,
             (select count(*) from teaching_assignments t where t.school_id = c.school_id and t.class_id = c.id) as sections
      from classes c where c.school_id = ${schoolId} order by c.grade, c.letter`);
    expect(classes.map((c) => c.grade)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(classes.reduce((sum, c) => sum + c.students, 0)).toBe(150);
    const average = 150 / 11;
    for (const c of classes) {
      expect(c.students).toBeGreaterThanOrEqual(Math.floor(average - 3));
      expect(c.students).toBeLessThanOrEqual(Math.ceil(average + 3));
      expect(c.teacher_role).toBe("teacher");
      expect(c.sections).toBeGreaterThanOrEqual(8);
    }
    const distinctLeaders = await db.one<{ n: number }>(
      sql`select count(distinct class_teacher_id) as n from classes where school_id = ${schoolId}`,
    );
    expect(distinctLeaders.n).toBe(11);

    // The primary-school teacher teaches most subjects of their own class.
    const primary = await db.many<{ subject: string }>(sql`
      select s.name as subject from classes c join teaching_assignments t on t.school_id = c.school_id and t.class_id = c.id and t.teacher_id = c.class_teacher_id
      join subjects s on s.school_id = t.school_id and s.id = t.subject_id where c.school_id = ${schoolId} and c.grade = 3`);
    expect(primary.map((p) => p.subject)).toEqual(
      expect.arrayContaining(["Русский язык", "Литературное чтение", "Математика", "Окружающий мир"]),
    );

    const orphans = await db.one<{ n: number }>(sql`
      select count(*) as n from people p where p.school_id = ${schoolId}
        and not exists (select 1 from guardianships g where g.school_id = p.school_id and g.person_id = p.id)`);
    expect(orphans.n).toBe(0);
    const wrongRoles = await db.one<{ n: number }>(sql`
      select count(*) as n from guardianships g where g.school_id = ${schoolId}
        and not exists (select 1 from memberships m where m.school_id = g.school_id and m.user_id = g.parent_user_id and m.role = 'parent')`);
    expect(wrongRoles.n).toBe(0);
    const studentsWithAccount = await db.one<{ n: number }>(sql`
      select count(*) as n from people p join memberships m on m.school_id = p.school_id and m.user_id = p.user_id and m.role = 'student'
      where p.school_id = ${schoolId}`);
    expect(studentsWithAccount.n).toBe(150);
    const calendar = await db.one<{ periods: number; holidays: number; subjects: number }>(sql`
      select (select count(*) from periods where school_id = ${schoolId}) as periods,
             (select count(*) from holidays where school_id = ${schoolId}) as holidays,
             (select count(*) from subjects where school_id = ${schoolId}) as subjects`);
    expect(calendar.periods).toBe(6);
    expect(calendar.holidays).toBeGreaterThanOrEqual(4);
    expect(calendar.subjects).toBe(small.plan.subjects.length);
  });

  test("the same seed writes the same names and СНИЛС", async () => {
    const rows = await db.many<{ last_name: string; first_name: string; middle_name: string; birth_date: string; snils: string }>(sql`
      select last_name, first_name, middle_name, birth_date, snils from people where school_id = ${small.plan.schoolId}`);
    const written = rows.map((r) =>
      personContent({ lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, birthDate: r.birth_date, snils: r.snils }),
    );
    const replanned = planSchool(SMALL).people.map(personContent);
    expect(written.sort()).toEqual(replanned.sort());
  });

  test("every identifier passes the validators of core/src/rules/identifiers.ts", async () => {
    const schoolId = small.plan.schoolId;
    const school = await db.one<{ inn: string; kpp: string; ogrn: string; oktmo: string }>(
      sql`select inn, kpp, ogrn, oktmo from schools where id = ${schoolId}`,
    );
    expect(school.inn).toHaveLength(10);
    expect([isValidInn(school.inn), isValidKpp(school.kpp), isValidOgrn(school.ogrn), isValidOktmo(school.oktmo)]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const people = await db.many<{ snils: string; document_type: string; document_series: string; document_number: string }>(sql`
      select snils, document_type, document_series, document_number from people where school_id = ${schoolId}`);
    for (const p of people) {
      expect(isValidSnils(p.snils) && !isSnilsChecksumExempt(p.snils), p.snils).toBe(true);
      const valid =
        p.document_type === "RF_PASSPORT"
          ? isValidPassport(p.document_series + p.document_number)
          : isValidBirthCertificate(p.document_series, p.document_number);
      expect(valid, `${p.document_type} ${p.document_series} ${p.document_number}`).toBe(true);
    }
    const users = await db.many<{ email: string | null; phone: string | null }>(sql`
      select u.email, u.phone from users u join memberships m on m.user_id = u.id where m.school_id = ${schoolId}`);
    for (const u of users) {
      expect(u.email ?? u.phone).toBeTruthy();
      if (u.phone !== null) expect(isMobilePhone(u.phone), u.phone).toBe(true);
      if (u.email !== null) expect(u.email).toMatch(/^[a-z0-9.]+@[a-z]+\.example$/);
    }
  });

  test("names agree in gender, children take their father's name, ages match grades", async () => {
    const schoolId = small.plan.schoolId;
    const people = await db.many<{
      id: string;
      last_name: string;
      middle_name: string;
      gender: "m" | "f";
      birth_date: string;
      grade: number;
      document_type: string;
    }>(sql`
      select p.id, p.last_name, p.middle_name, p.gender, p.birth_date, c.grade, p.document_type from people p
      join enrolments e on e.school_id = p.school_id and e.person_id = p.id join classes c on c.school_id = e.school_id and c.id = e.class_id
      where p.school_id = ${schoolId}`);
    const fathers = new Map(
      (
        await db.many<{ person_id: string; first_name: string; last_name: string }>(sql`
          select g.person_id, u.first_name, u.last_name from guardianships g join users u on u.id = g.parent_user_id
          where g.school_id = ${schoolId} and g.relation = 'father'`)
      ).map((f) => [f.person_id, f]),
    );
    expect(fathers.size).toBeGreaterThan(50);
    for (const p of people) {
      expect(p.middle_name, p.middle_name).toMatch(p.gender === "m" ? /(ич)$/ : /(на)$/);
      const father = fathers.get(p.id);
      if (father) {
        expect(p.middle_name).toBe(patronymicOf(father.first_name, p.gender));
        expect(p.last_name).toBe(surnameFor(father.last_name, p.gender));
      }
      const born = new Date(`${p.birth_date}T00:00:00Z`);
      const sep1 = new Date(Date.UTC(2025, 8, 1));
      let age = 2025 - born.getUTCFullYear();
      if (born.getUTCMonth() > 8 || (born.getUTCMonth() === 8 && born.getUTCDate() > 1)) age--;
      expect([6 + p.grade, 7 + p.grade], `${p.birth_date} in grade ${p.grade}`).toContain(age);
      expect(p.document_type).toBe(age >= 14 ? "RF_PASSPORT" : "RF_BRTH_CERT");
      expect(sep1.getTime()).toBeGreaterThan(born.getTime());
    }
    const feminine = people.filter((p) => p.gender === "f").map((p) => p.last_name);
    expect(feminine.filter((n) => /(ов|ев|ёв|ин|ский)$/.test(n))).toEqual([]);
  });
});
