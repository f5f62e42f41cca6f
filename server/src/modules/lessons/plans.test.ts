import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { journalSchool } from "../../../test/journal-factories.ts";
import { sendBytes } from "../../../test/lessons-factories.ts";
import { buildUser } from "../../../test/factories.ts";
import { buildClass, eventsOf, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";

const HEADER = "№ урока;Тема урока;Кол-во часов;Контрольные;Практические;Дата (план);ЭОР/ЦОР";

describe.each(DATABASES)("thematic plans (КТП) on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock("2026-11-09T09:00:00Z");
  });
  afterAll(async () => t?.close());

  async function planFor(s: Awaited<ReturnType<typeof journalSchool>>, classId: string | null = s.class5a.id) {
    const r = await s.teacher.client.post("/api/v1/lesson-plans", { name: "Математика 5А", subjectId: s.maths.id, classId });
    expect(r.status).toBe(201);
    return r.body.id as string;
  }

  it("creates, lists, renames and removes a teacher's plans; other teachers do not see them; audited", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const created = await s.teacher.client.post("/api/v1/lesson-plans", {
      name: "Математика 5А",
      subjectId: s.maths.id,
      classId: s.class5a.id,
    });
    expect(created.body).toMatchObject({
      name: "Математика 5А",
      teacher: { userId: s.teacher.user.id, displayName: "Смирнов Андрей" },
      subject: { id: s.maths.id, name: "Математика" },
      class: { id: s.class5a.id, name: "5А" },
      itemCount: 0,
      abilities: { edit: true },
    });
    const id = created.body.id;
    expect((await s.teacher.client.get("/api/v1/lesson-plans")).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await s.client.get(`/api/v1/lesson-plans?teacherId=${s.teacher.user.id}`)).body.items).toHaveLength(1);
    const renamed = await s.teacher.client.patch(`/api/v1/lesson-plans/${id}`, { name: "Математика, 5 класс", classId: null });
    expect(renamed.body).toMatchObject({ name: "Математика, 5 класс", class: null });

    const colleague = await signedIn(t, s.schoolId, "teacher");
    expect((await colleague.client.get("/api/v1/lesson-plans")).body.items).toEqual([]);
    expect((await colleague.client.get(`/api/v1/lesson-plans/${id}`)).status).toBe(404);
    expect((await colleague.client.delete(`/api/v1/lesson-plans/${id}`)).status).toBe(404);
    const forOther = await colleague.client.post("/api/v1/lesson-plans", {
      name: "x",
      subjectId: s.maths.id,
      teacherId: s.teacher.user.id,
    });
    expect(forOther.body.error.issues[0].code).toBe("not_your_plan");
    const badSubject = await s.teacher.client.post("/api/v1/lesson-plans", { name: "x", subjectId: s.class5a.id });
    expect(badSubject.body.error.issues[0].code).toBe("subject_not_found");

    expect((await s.teacher.client.delete(`/api/v1/lesson-plans/${id}`)).status).toBe(200);
    expect((await s.teacher.client.get("/api/v1/lesson-plans")).body.items).toEqual([]);
    expect((await eventsOf(t.db, s.schoolId, "lesson_plan", id)).map((e) => e.action)).toEqual(["create", "update", "archive"]);
  });

  it("offers templates: CSV in UTF-8 with BOM and XLSX, both with the plan's columns", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const csv = await s.teacher.client.get("/api/v1/lesson-plans/template/csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toContain("filename*=UTF-8''");
    expect(csv.text.startsWith(`\ufeff${HEADER}\r\n1;Натуральные числа и нуль;1;0;0;02.09.2026;`)).toBe(true);

    const plan = await planFor(s);
    const xlsx = await templateXlsx(s);
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const templateBytes = xlsx.rawPayload;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(templateBytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, ...HEADER.split(";")]);
    // The template imports as it is (three example rows).
    const report = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import`, templateBytes);
    expect(report.body).toMatchObject({ format: "xlsx", summary: { rows: 3, create: 3, errors: 0 } });
  });

  /** The XLSX template as a teacher downloads it (the test client reads answers as text, so inject directly). */
  async function templateXlsx(s: Awaited<ReturnType<typeof journalSchool>>) {
    const user = await buildUser(t.db, { schoolId: s.schoolId, role: "teacher" });
    const login = await t.server.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json", "x-otmetka-csrf": "1" },
      payload: JSON.stringify({ login: user.login, password: user.password }),
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    return t.server.inject({ method: "GET", url: "/api/v1/lesson-plans/template/xlsx", headers: { cookie } });
  }

  it("checks a CSV plan row by row (dry run writes nothing), refuses a file with errors whole, then imports and replaces the rows", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const plan = await planFor(s);
    const bad = [HEADER, "1;Натуральные числа;1;0;0;02.09.2026;", "1;Повтор;1;0;0;;", "x;;2;3;0;31.02.2026;", "3;Дроби;1;0;0;;"].join(
      "\r\n",
    );
    const dry = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import`, bad);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      imported: false,
      format: "csv",
      encoding: "utf-8",
      summary: { rows: 4, ok: 2, errors: 2 },
    });
    expect(dry.body.rows[1]).toMatchObject({ line: 3, status: "error", issues: [{ code: "duplicate_number", column: "№ урока" }] });
    expect(dry.body.rows[2].issues.map((i: { code: string }) => i.code)).toEqual([
      "invalid_number",
      "required",
      "invalid_number",
      "invalid_date",
    ]);
    const refused = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import?dryRun=false`, bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.reason).toBe("rows_invalid");
    expect((await s.teacher.client.get(`/api/v1/lesson-plans/${plan}`)).body.items).toEqual([]);

    // Windows-1251, as a Russian Excel saves «CSV».
    const good = [
      HEADER,
      "1;Натуральные числа;1;0;0;02.09.2026;https://resh.edu.ru/",
      "2;Сложение;2;0;1;;",
      "3;Контрольная работа № 1;1;1;0;;",
    ].join("\r\n");
    const imported = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import?dryRun=false`, iconv.encode(good, "win1251"));
    expect(imported.body).toMatchObject({ imported: true, encoding: "windows-1251", summary: { create: 3 } });
    const items = (await s.teacher.client.get(`/api/v1/lesson-plans/${plan}`)).body.items;
    expect(items[0]).toMatchObject({
      number: 1,
      topic: "Натуральные числа",
      hours: 1,
      plannedOn: "2026-09-02",
      resources: "https://resh.edu.ru/",
    });
    expect(items[1]).toMatchObject({ number: 2, hours: 2, practicalHours: 1, plannedOn: null });

    // The file is the plan: a changed row updates (keeping its id), a missing one goes.
    const next = [HEADER, "1;Натуральные числа;1;0;0;02.09.2026;https://resh.edu.ru/", "2;Сложение натуральных чисел;2;0;1;;"].join("\n");
    const check = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import`, next);
    expect(check.body).toMatchObject({ removed: 1, summary: { skip: 1, update: 1 } });
    expect(check.body.rows[1].changes).toEqual([{ column: "Тема урока", from: "Сложение", to: "Сложение натуральных чисел" }]);
    expect(check.body.fileIssues[0]).toMatchObject({ code: "rows_removed", severity: "warning" });
    await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import?dryRun=false`, next);
    const after = (await s.teacher.client.get(`/api/v1/lesson-plans/${plan}`)).body.items;
    expect(after.map((i: { id: string; topic: string }) => [i.id, i.topic])).toEqual([
      [items[0].id, "Натуральные числа"],
      [items[1].id, "Сложение натуральных чисел"],
    ]);
    expect((await eventsOf(t.db, s.schoolId, "lesson_plan", plan)).filter((e) => e.action === "import")).toHaveLength(2);
  });

  it("reads a Конструктор-style XLSX (title lines, a two-row header, links, a totals row) and reports unreadable files", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const plan = await planFor(s);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Поурочное планирование");
    sheet.addRow(["ПОУРОЧНОЕ ПЛАНИРОВАНИЕ"]);
    sheet.addRow(["5 КЛАСС"]);
    sheet.addRow(["№ п/п", "Тема урока", "Количество часов", "", "", "Дата изучения", "Электронные цифровые образовательные ресурсы"]);
    sheet.addRow(["", "", "Всего", "Контрольные работы", "Практические работы", "", ""]);
    sheet.addRow([
      1,
      "Десятичная система счисления",
      1,
      0,
      0,
      new Date(Date.UTC(2026, 8, 1)),
      { text: "РЭШ", hyperlink: "https://resh.edu.ru/" },
    ]);
    sheet.addRow([2, { richText: [{ text: "Ряд " }, { text: "натуральных чисел" }] }, 2, 1, 1, null, null]);
    sheet.addRow(["", "ОБЩЕЕ КОЛИЧЕСТВО ЧАСОВ ПО ПРОГРАММЕ", 3, 1, 1, "", ""]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import?dryRun=false`, bytes);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: "xlsx", imported: true, summary: { rows: 3, create: 2, warnings: 1, errors: 0 } });
    const items = (await s.teacher.client.get(`/api/v1/lesson-plans/${plan}`)).body.items;
    expect(items).toMatchObject([
      { number: 1, topic: "Десятичная система счисления", plannedOn: "2026-09-01", resources: "РЭШ (https://resh.edu.ru/)" },
      { number: 2, topic: "Ряд натуральных чисел", hours: 2, controlHours: 1, practicalHours: 1 },
    ]);

    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("not really a zip")]);
    const unreadable = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import`, broken);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.details.report.fileIssues[0].code).toBe("not_xlsx");
    const noHeader = await sendBytes(s.teacher.client, `/api/v1/lesson-plans/${plan}/import`, "a;b\n1;2\n");
    expect(noHeader.body.error.details.report.fileIssues[0].code).toBe("no_known_columns");
    const json = await s.teacher.client.post(`/api/v1/lesson-plans/${plan}/import`, { rows: [] });
    expect(json.status).toBe(415);
  });

  it("fills lessons without a topic from the plan in order (row № n → lesson n of the year), audited, keeping typed topics", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const [first, second, third, fourth] = s.lessons.map((l) => l.id) as [string, string, string, string];
    const plan = await planFor(s, null);
    await sendBytes(
      s.teacher.client,
      `/api/v1/lesson-plans/${plan}/import?dryRun=false`,
      [HEADER, "1;Первая", "2;Вторая", "3;Третья"].join("\n"),
    );
    await s.teacher.client.put(`/api/v1/lessons/${second}/topic`, { topic: "Своя тема", version: 1 });
    await t.db.execute(sql`update lessons set status = 'cancelled' where id = ${first}`);

    const needsClass = await s.teacher.client.post(`/api/v1/lesson-plans/${plan}/fill-topics`, {});
    expect(needsClass.body.error.issues[0].code).toBe("class_required");
    const preview = await s.teacher.client.post(`/api/v1/lesson-plans/${plan}/fill-topics`, { classId: s.class5a.id, dryRun: true });
    expect(preview.body).toMatchObject({
      dryRun: true,
      class: { id: s.class5a.id, name: "5А" },
      keptTopics: 1,
      withoutRow: 0,
      filled: [
        { lessonId: third, date: "2026-11-11", itemNumber: 2, topic: "Вторая" },
        { lessonId: fourth, date: "2026-11-12", itemNumber: 3, topic: "Третья" },
      ],
    });
    expect((await s.teacher.client.get(`/api/v1/lessons/${third}`)).body.lesson.topic).toBe("");
    const done = await s.teacher.client.post(`/api/v1/lesson-plans/${plan}/fill-topics`, { classId: s.class5a.id });
    expect(done.body.filled).toHaveLength(2);
    expect((await s.teacher.client.get(`/api/v1/lessons/${third}`)).body.lesson).toMatchObject({
      topic: "Вторая",
      planItem: { number: 2 },
      version: 2,
    });
    expect((await eventsOf(t.db, s.schoolId, "lesson", fourth))[0]).toMatchObject({ action: "fill_topic", after: { topic: "Третья" } });

    const class6 = await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6, letter: "Б" });
    const notTaught = await s.teacher.client.post(`/api/v1/lesson-plans/${plan}/fill-topics`, { classId: class6.id });
    expect(notTaught.body.error.issues[0].code).toBe("not_your_class");
  });
});
