/** A whole school's roster imported from the fixtures: what it creates, what a re-import does, and the audit trail. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { sql } from "../../platform/db/sql.ts";
import { fixture, importRoster, importSchool, rosterCounts, utf8 } from "./imports.test-support.ts";

const KINDS = ["teachers", "classes", "students", "parents"] as const;

describe.each(DATABASES)("roster import of a school on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("imports teachers, classes, students and parents; rosters, class teachers and guardianships are right", async () => {
    const { admin, schoolId, files } = await importSchool(t);
    const mailBefore = t.mail.length;
    const summaries: Record<string, unknown> = {};
    for (const k of KINDS) {
      const r = await admin.import(k, files.apply(utf8(fixture(`${k}.csv`))));
      expect(r.status, r.text.slice(0, 1000)).toBe(200);
      expect(r.body).toMatchObject({ kind: k, dryRun: false, imported: true });
      summaries[k] = r.body.summary;
    }
    expect(summaries).toEqual({
      teachers: { rows: 5, ok: 5, warnings: 0, errors: 0, create: 5, update: 0, skip: 0 },
      classes: { rows: 4, ok: 4, warnings: 0, errors: 0, create: 4, update: 0, skip: 0 },
      students: { rows: 12, ok: 12, warnings: 0, errors: 0, create: 12, update: 0, skip: 0 },
      parents: { rows: 6, ok: 6, warnings: 0, errors: 0, create: 6, update: 0, skip: 0 },
    });

    const staff = (await admin.get("/api/v1/staff")).body.items as {
      displayName: string;
      roles: string[];
      email: string | null;
      phone: string | null;
    }[];
    const roles = Object.fromEntries(staff.map((s) => [s.displayName, s.roles]));
    expect(roles).toMatchObject({
      "Смирнова Ольга Петровна": ["teacher"],
      "Лебедев Андрей Викторович": ["admin", "teacher"],
      "Орлова Наталья Игоревна": ["teacher"],
      "Ковалёва Марина Сергеевна": ["admin"],
      "Зайцев Пётр Ильич": ["teacher"],
    });
    expect(staff.find((s) => s.displayName.startsWith("Орлова"))?.phone).toBe(files.phone("8 926 222-33-44"));

    const classes = (await admin.get("/api/v1/classes")).body.items as {
      id: string;
      name: string;
      shift: number;
      classTeacher: { displayName: string } | null;
    }[];
    const classOf = (name: string) => classes.find((c) => c.name === name) as (typeof classes)[number];
    expect(classes.map((c) => c.name).sort()).toEqual(["1А", "5А", "5Б", "9А"]);
    expect(classOf("5Б")).toMatchObject({ shift: 2, classTeacher: { displayName: "Орлова Наталья Игоревна" } });
    expect(classOf("9А").classTeacher).toBeNull();

    const roster = async (name: string) => (await admin.get(`/api/v1/classes/${classOf(name).id}/roster?date=2026-10-20`)).body;
    const r5a = await roster("5А");
    expect(r5a.class.classTeacher.displayName).toBe("Лебедев Андрей Викторович");
    expect(r5a.students.map((s: { displayName: string }) => s.displayName)).toEqual([
      "Кузнецов Артём Дмитриевич",
      "Кузнецова Полина Дмитриевна",
      "Морозов Даниил Сергеевич",
    ]);
    expect((await roster("1А")).students).toHaveLength(4);
    const r5b = await roster("5Б");
    expect(r5b.students.map((s: { displayName: string; startsOn: string }) => [s.displayName, s.startsOn])).toEqual([
      ["Никитина София Олеговна", "2026-09-01"],
      ["Осипов Глеб", "2026-09-01"],
      ["Петрова-Водкина Ева Романовна", "2026-10-15"],
    ]);

    const search = async (q: string) => (await admin.get(`/api/v1/students?q=${encodeURIComponent(q)}`)).body.items[0].id as string;
    const artem = (await admin.get(`/api/v1/students/${await search("Кузнецов Артём")}`)).body;
    expect(artem).toMatchObject({
      birthDate: "2015-05-20",
      gender: "m",
      snils: "18736694633",
      document: { type: "RF_BRTH_CERT", series: "IV-МЮ", number: "123456" },
    });
    expect(artem.guardians.map((g: { displayName: string; relation: string }) => [g.displayName, g.relation]).sort()).toEqual([
      ["Кузнецов Дмитрий Олегович", "father"],
      ["Кузнецова Елена Сергеевна", "mother"],
    ]);
    const polina = (await admin.get(`/api/v1/students/${await search("Кузнецова Полина")}`)).body;
    expect(polina.guardians).toEqual([
      expect.objectContaining({ displayName: "Кузнецова Елена Сергеевна", email: files.email("e.kuznetsova", "mail") }),
    ]);
    // One account for the mother of two.
    expect(polina.guardians[0].userId).toBe(artem.guardians.find((g: { relation: string }) => g.relation === "mother").userId);
    const nikitina = (await admin.get(`/api/v1/students/${await search("Никитина")}`)).body;
    expect(nikitina.document).toEqual({ type: "RF_BRTH_CERT", series: "IV-МЮ", number: "654321" });
    const sokolov = (await admin.get(`/api/v1/students/${await search("Соколов Иван")}`)).body;
    expect(sokolov.document).toEqual({ type: "RF_PASSPORT", series: "4512", number: "345678" });
    expect(sokolov.guardians).toEqual([expect.objectContaining({ relation: "guardian" })]);

    // Invitations went out as when people are added by hand: 5 staff by e-mail or SMS, 5 parents.
    expect(t.mail.length - mailBefore + t.sms.filter((s) => s.text.includes("/reset?token=")).length).toBeGreaterThanOrEqual(10);

    // Audit: one summary event per import, and the services' own events for every entity.
    const summary = await t.db.many<{ after: { kind: string; create: number; sha256: string } }>(sql`
      select after from events where school_id = ${schoolId} and entity = 'roster_import' order by pos`);
    expect(summary.map((e) => [e.after.kind, e.after.create])).toEqual([
      ["teachers", 5],
      ["classes", 4],
      ["students", 12],
      ["parents", 6],
    ]);
    expect(summary[0]?.after.sha256).toMatch(/^[0-9a-f]{64}$/);
    const counts = await t.db.many<{ entity: string; action: string; n: number }>(sql`
      select entity, action, count(*)::int as n from events where school_id = ${schoolId} and entity in ('person', 'enrolment', 'guardianship', 'class', 'staff')
      group by entity, action order by entity, action`);
    expect(counts).toEqual([
      { entity: "class", action: "create", n: 4 },
      { entity: "enrolment", action: "create", n: 12 },
      { entity: "guardianship", action: "link", n: 6 },
      { entity: "person", action: "create", n: 12 },
      { entity: "staff", action: "create", n: 5 },
    ]);
  });

  it("re-importing the same files duplicates nothing: every row is skipped", async () => {
    const school = await importRoster(t, KINDS);
    const before = await rosterCounts(t.db, school.schoolId);
    for (const k of KINDS) {
      const r = await school.admin.import(k, school.files.apply(utf8(fixture(`${k}.csv`))));
      expect(r.status, r.text.slice(0, 500)).toBe(200);
      expect(r.body.summary, k).toMatchObject({ errors: 0, create: 0, update: 0, skip: r.body.summary.rows });
    }
    const after = await rosterCounts(t.db, school.schoolId);
    expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
    expect(after.events).toBe(before.events + KINDS.length);
  });

  it("updates what a re-import changes: shift, class teacher, roles, a student's data and a missing enrolment", async () => {
    const { admin, files, schoolId } = await importRoster(t);
    const teachers = files
      .apply(utf8(fixture("teachers.csv")))
      .replace("Зайцев;Пётр;Ильич;p.zaitsev", "Зайцев;Пётр;Ильич;p.zaitsev")
      .replace(/(p\.zaitsev@[^;]+;;)/, "$1учитель, администратор");
    const t1 = await admin.import("teachers", teachers);
    expect(t1.body.rows.find((r: { label: string }) => r.label === "Зайцев Пётр Ильич")).toMatchObject({
      action: "update",
      changes: [{ column: "Роли", from: "учитель", to: "администратор, учитель" }],
    });
    const classes = files.apply(utf8(fixture("classes.csv"))).replace("9;А;1;", `9;А;2;${files.email("p.zaitsev", "school1")}`);
    const c1 = await admin.import("classes", classes);
    expect(c1.body.summary).toMatchObject({ update: 1, skip: 3 });
    expect(c1.body.rows[3].changes).toEqual([
      { column: "Смена", from: "1", to: "2" },
      { column: "Классный руководитель (эл. почта или телефон)", from: "", to: "Зайцев Пётр Ильич" },
    ]);

    // A student who left no class open is enrolled again; a renamed one is found by СНИЛС.
    const osipov = await t.db.one<{ id: string }>(sql`select id from people where school_id = ${schoolId} and last_name = 'Осипов'`);
    await t.db.execute(sql`delete from enrolments where school_id = ${schoolId} and person_id = ${osipov.id}`);
    const students = utf8(fixture("students.csv"))
      .replace("Белова;Варвара;Ильинична", "Белова-Смирнова;Варвара;Ильинична")
      .replace(
        "Тарасова;Ксения;Андреевна;23.09.2011;Ж;107-784-483 86;4513;987654;9А",
        "Тарасова;Ксения;Андреевна;23.09.2011;Ж;107-784-483 86;4513;987654;5А",
      );
    const dry = await admin.upload("students", students);
    const row = (label: string) => dry.body.rows.find((r: { label: string }) => r.label.startsWith(label));
    expect(row("Белова-Смирнова")).toMatchObject({
      action: "update",
      changes: [{ column: "Фамилия", from: "Белова", to: "Белова-Смирнова" }],
    });
    expect(row("Осипов")).toMatchObject({ action: "update", changes: [{ column: "Класс", from: "", to: "5Б с 01.09.2026" }] });
    expect(row("Тарасова")).toMatchObject({
      status: "warning",
      action: "skip",
      issues: [expect.objectContaining({ code: "enrolled_elsewhere", params: { className: "9А", since: "01.09.2026" } })],
    });
    expect(dry.body.summary).toMatchObject({ create: 0, update: 2, skip: 10, warnings: 1, errors: 0 });
    const done = await admin.import("students", students);
    expect(done.status).toBe(200);
    expect(
      await t.db.one(sql`select count(*)::int as n from enrolments where school_id = ${schoolId} and person_id = ${osipov.id}`),
    ).toEqual({ n: 1 });
    expect(await t.db.one(sql`select count(*)::int as n from people where school_id = ${schoolId} and last_name like 'Белова%'`)).toEqual({
      n: 1,
    });
  });

  it("parents: a child is found by СНИЛС or by ФИО and birth date; wrong or unknown children and student logins are errors", async () => {
    const { admin, files } = await importRoster(t);
    const header = utf8(fixture("parents.csv")).split(/\r?\n/)[0];
    const rows = [
      "Кузнецова;Елена;;e.k@mail.example;;мать;187-366-946 33;Морозов;Даниил;;",
      "Иванова;Анна;;a.i@mail.example;;мать;;Иванов;Пётр;;01.01.2015",
      "Петрова;Мария;;;;мать;171-924-865 92;;;;",
      "Сидорова;Ольга;;o.s@mail.example;;тётя;171-924-865 92;;;;",
      "Орлов;Павел;;;8 926 222-33-44;отец;171-924-865 92;;;;",
      "Никитин;Олег;;n.o@mail.example;;отец;;;;;",
      "Кузнецова;Елена;;e.k@mail.example;;мать;187-366-946 33;;;;",
      "Кузнецова;Елена;;e.k@mail.example;;мать;187-366-946 33;;;;",
      "Смирнов;Игорь;;e.k@mail.example;;отец;187-366-946 33;;;;",
    ];
    const r = await admin.upload("parents", files.apply([header, ...rows].join("\n")));
    expect(r.status).toBe(200);
    const codes = r.body.rows.map((row: { issues: { code: string }[] }) => row.issues.map((i) => i.code));
    expect(codes).toEqual([
      ["child_mismatch"],
      ["child_not_found"],
      ["contact_required"],
      ["invalid_relation"],
      ["account_of_another_person"],
      ["child_required"],
      [],
      ["duplicate_in_file"],
      ["contact_of_another_person"],
    ]);
    expect(r.body.rows[4].issues[0].message).toContain("Орлова Наталья Игоревна");
    expect(r.body.rows[8].issues[0].message).toContain("уже указан в строке 8 у «Кузнецова Елена»");
  });
});
