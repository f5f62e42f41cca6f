/** Bulk grade import: templates, CSV in both encodings, XLSX, the check and the import, reasons and audit. */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import { buildAssignment, buildGroup, buildStudent, buildSubject, eventsOf } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";
import { cellsOf, gridUrl, saveCell, TODAY } from "../journal/journal.test-support.ts";
import { csv, downloadBytes, importFile, templateUrl } from "./grade-import.test-support.ts";

describe.each(DATABASES)("grade import on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  const eventCount = async (schoolId: string) =>
    (await t.db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${schoolId}`)).n;

  it("fills the CSV template, checks it without changing anything, then imports it through the journal's save, audited", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const template = await s.teacher.client.get(templateUrl(s, "csv"));
    expect(template.status).toBe(200);
    expect(template.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(template.headers["content-disposition"]).toContain('filename="otmetka-grades.csv"');
    expect(template.text.startsWith("\ufeff")).toBe(true);
    const lines = template.text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^"Журнал 5А · Математика · 2 четверть \(09\.11\.2026–28\.12\.2026\) .*";;;;$/);
    expect(lines.slice(1)).toEqual([
      "Ученик;Дата;Урок №;Отметка;Комментарий",
      "Алексеев Борис;;;;",
      "Белова Вера;;;;",
      "Васильев Глеб;;;;",
    ]);

    lines[2] = "Алексеев Борис;09.11.2026;;5;";
    lines[3] = "Белова Вера;11.11.2026;1;н/а;";
    lines.push("Алексеев Борис;2026-11-10;;5/4;диктант");
    const file = `\ufeff${lines.join("\r\n")}\r\n`;
    const before = await eventCount(s.schoolId);
    const check = await importFile(s.teacher.client, s, file);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      dryRun: true,
      imported: false,
      format: "csv",
      encoding: "utf-8",
      delimiter: ";",
      rows: 4,
      valid: 3,
      skipped: 1,
      unchanged: 0,
      errors: [],
      warnings: [],
    });
    const [boris, vera] = s.students.map((p) => p.id) as [string, string];
    const [monday, tuesday, wednesday] = s.lessons.map((l) => l.id) as [string, string, string];
    expect(check.body.changes).toEqual([
      expect.objectContaining({
        row: 3,
        studentId: boris,
        student: "Алексеев Борис",
        lessonId: monday,
        date: "2026-11-09",
        before: [],
        after: ["5"],
      }),
      expect.objectContaining({ row: 4, studentId: vera, lessonId: wednesday, lessonNumber: 1, after: ["NA"], changesExisting: false }),
      expect.objectContaining({ row: 6, lessonId: tuesday, after: ["5", "4"], commentBefore: "", commentAfter: "диктант" }),
    ]);
    expect(await cellsOf(t, s.schoolId)).toEqual([]);
    expect(await eventCount(s.schoolId)).toBe(before);

    const done = await importFile(s.teacher.client, s, file, { dryRun: "false" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, imported: true, valid: 3 });
    const grid = (await s.teacher.client.get(gridUrl(s))).body;
    const cell = (lessonId: string, studentId: string) =>
      grid.cells.find((c: { lessonId: string; studentId: string }) => c.lessonId === lessonId && c.studentId === studentId);
    expect(cell(monday, boris)).toMatchObject({ marks: ["5"], version: 1 });
    expect(cell(tuesday, boris)).toMatchObject({ marks: ["5", "4"], comment: "диктант" });
    expect(cell(wednesday, vera)).toMatchObject({ marks: ["NA"] });
    const audit = await eventsOf(t.db, s.schoolId, "journal_cell", `${tuesday}:${boris}`);
    expect(audit).toMatchObject([
      { action: "create", actor_user_id: s.teacher.user.id, before: null, after: { marks: ["5", "4"], comment: "диктант" }, reason: null },
    ]);
    const summary = await eventsOf(t.db, s.schoolId, "grade_import", `${s.class5a.id}:${s.maths.id}:${s.period.id}`);
    expect(summary).toMatchObject([{ action: "import", after: { format: "csv", rows: 4, changes: 3, replaced: 0, unchanged: 0 } }]);

    // The same file again changes nothing: every row is already in the journal.
    const again = await importFile(s.teacher.client, s, file, { dryRun: "false" });
    expect(again.body).toMatchObject({ imported: true, valid: 3, unchanged: 3, changes: [] });
    expect(await eventsOf(t.db, s.schoolId, "journal_cell", `${tuesday}:${boris}`)).toHaveLength(1);
  });

  it("reads a Windows-1251 CSV with commas, any letter case and marks typed in the Latin layout", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const text = csv(
      [
        ["Белова Вера", "10.11.2026", "", "H/A", ""],
        ["ВАСИЛЬЕВ  глеб", "12.11.2026", "", "3ач", "устно"],
        ["Васильев Глеб", "11.11.2026", "", "OCB", ""],
        ["Алексеев Борис", "9.11.2026", "", ".", ""],
      ],
      ",",
    );
    const r = await importFile(s.teacher.client, s, iconv.encode(text, "win1251"), { dryRun: "false" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: true, encoding: "windows-1251", delimiter: ",", valid: 4, errors: [] });
    expect(r.body.changes.map((c: { after: string[]; student: string }) => [c.student, c.after])).toEqual([
      ["Белова Вера", ["NA"]],
      ["Васильев Глеб", ["PASS"]],
      ["Васильев Глеб", ["EXEMPT"]],
      ["Алексеев Борис", ["DUE"]],
    ]);
    expect((await cellsOf(t, s.schoolId)).map((c) => c.mark1).sort()).toEqual(["DUE", "EXEMPT", "NA", "PASS"]);
  });

  it("gives an XLSX template with the students and an explanation sheet, and imports it filled in Excel's way", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const template = await downloadBytes(t, s.teacher.user, templateUrl(s, "xlsx"));
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Отметки", "Как заполнять"]);
    const sheet = workbook.getWorksheet("Отметки") as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, "Ученик", "Дата", "Урок №", "Отметка", "Комментарий"]);
    expect([2, 3, 4].map((n) => sheet.getCell(n, 1).value)).toEqual(["Алексеев Борис", "Белова Вера", "Васильев Глеб"]);
    expect(sheet.getColumn(4).numFmt).toBe("@");
    const help = workbook.getWorksheet("Как заполнять") as ExcelJS.Worksheet;
    const helpText: string[] = [];
    help.eachRow((row) => helpText.push((row.values as unknown[]).slice(1).join(" | ")));
    expect(helpText.filter((line) => /^\d\d\.11\.2026 \| 1\b/.test(line))).toHaveLength(4);

    sheet.getCell(2, 2).value = new Date(Date.UTC(2026, 10, 9));
    sheet.getCell(2, 3).value = 1;
    sheet.getCell(2, 4).value = "5/4";
    sheet.getCell(3, 2).value = "10.11.2026";
    sheet.getCell(3, 4).value = 4;
    sheet.getCell(3, 5).value = { richText: [{ text: "у доски" }] };
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = await importFile(s.teacher.client, s, filled, { dryRun: "false" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: "xlsx", encoding: null, imported: true, rows: 3, valid: 2, skipped: 1 });
    expect(r.body.changes).toMatchObject([
      { row: 2, date: "2026-11-09", after: ["5", "4"] },
      { row: 3, date: "2026-11-10", after: ["4"], commentAfter: "у доски" },
    ]);

    // A workbook of one's own: a title line above the header, and «5/4» typed where Excel made a date of it.
    const own = new ExcelJS.Workbook();
    const ws = own.addWorksheet("Лист1");
    ws.addRow(["Отметки за контрольную"]);
    ws.addRow(["ФИО", "Дата урока", "Оценка"]);
    ws.addRow(["Белова Вера", new Date(Date.UTC(2026, 10, 11)), new Date(Date.UTC(2026, 3, 5))]);
    const dated = await importFile(s.teacher.client, s, Buffer.from(await own.xlsx.writeBuffer()));
    expect(dated.status).toBe(200);
    expect(dated.body.errors).toMatchObject([{ row: 3, column: "Отметка", code: "mark_is_date", params: { value: "05.04.2026" } }]);
  });

  it("imports into a subgroup's journal: its students and lessons only", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const english = await buildSubject(t.db, { schoolId: s.schoolId, name: "Английский язык" });
    const group = await buildGroup(t.db, { schoolId: s.schoolId, classId: s.class5a.id, name: "1 группа" });
    await buildAssignment(t.db, {
      schoolId: s.schoolId,
      teacherId: s.teacher.user.id,
      classId: s.class5a.id,
      subjectId: english.id,
      groupId: group.id,
    });
    const member = await buildStudent(t.db, {
      schoolId: s.schoolId,
      classId: s.class5a.id,
      groupId: group.id,
      lastName: "Егоров",
      firstName: "Иван",
    });
    const base = { schoolId: s.schoolId, yearId: s.yearId, periodId: s.period.id, classId: s.class5a.id, subjectId: english.id };
    const lesson = await buildLesson(t.db, { ...base, teacherId: s.teacher.user.id, date: "2026-11-10", groupId: group.id });
    await buildLesson(t.db, { ...base, teacherId: s.teacher.user.id, date: "2026-11-11" });
    const journal = { ...s, maths: english };

    const template = await s.teacher.client.get(`${templateUrl(journal, "csv")}&groupId=${group.id}`);
    expect(template.status).toBe(200);
    expect(template.text).toContain("5А (1 группа) · Английский язык");
    expect(template.text.trimEnd().split("\r\n").slice(2)).toEqual(["Егоров Иван;;;;"]);
    const file = csv([
      ["Егоров Иван", "10.11.2026", "", "5", ""],
      ["Егоров Иван", "11.11.2026", "", "4", ""],
      ["Алексеев Борис", "10.11.2026", "", "4", ""],
    ]);
    const check = await importFile(s.teacher.client, journal, file, { groupId: group.id });
    expect(check.body.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, "no_lesson"],
      [4, "unknown_student"],
    ]);
    const done = await importFile(s.teacher.client, journal, file.split("\r\n").slice(0, 2).join("\r\n"), {
      groupId: group.id,
      dryRun: "false",
    });
    expect(done.body).toMatchObject({ imported: true, changes: [{ lessonId: lesson.id, studentId: member.id, after: ["5"] }] });
  });

  it("replaces a different mark only with a reason, which goes to the audit log with that row", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const [boris, vera, gleb] = s.students.map((p) => p.id) as [string, string, string];
    const monday = s.lessons[0]?.id as string;
    expect((await saveCell(s.teacher.client, monday, boris, { marks: ["4"] })).status).toBe(200);
    expect((await saveCell(s.teacher.client, monday, gleb, { marks: ["5"], comment: "старый" })).status).toBe(200);
    const file = csv([
      ["Алексеев Борис", "09.11.2026", "", "5", ""],
      ["Белова Вера", "09.11.2026", "", "3", ""],
      // A second mark added to the first is no replacement; an empty comment keeps the cell's.
      ["Васильев Глеб", "09.11.2026", "", "5/4", ""],
    ]);
    const unexplained = await importFile(s.teacher.client, s, file);
    expect(unexplained.body.errors).toEqual([
      {
        row: 2,
        column: "Отметка",
        code: "reason_required",
        message: "Строка 2, «Отметка»: в журнале уже стоит 4: чтобы заменить на 5, укажите причину",
        params: { before: "4", after: "5" },
      },
    ]);
    const refused = await importFile(s.teacher.client, s, file, { dryRun: "false" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "validation_failed", details: { reason: "rows_invalid" } });
    expect(refused.body.error.details.report.errors[0].code).toBe("reason_required");

    const done = await importFile(s.teacher.client, s, file, { dryRun: "false", reason: "пересдача" });
    expect(done.status).toBe(200);
    expect(done.body.changes.map((c: { changesExisting: boolean }) => c.changesExisting)).toEqual([true, false, false]);
    expect(done.body.changes[2]).toMatchObject({ before: ["5"], after: ["5", "4"], commentAfter: "старый" });
    expect((await eventsOf(t.db, s.schoolId, "journal_cell", `${monday}:${boris}`)).at(-1)).toMatchObject({
      action: "update",
      before: { marks: ["4"] },
      after: { marks: ["5"] },
      reason: "пересдача",
    });
    expect((await eventsOf(t.db, s.schoolId, "journal_cell", `${monday}:${vera}`)).at(-1)).toMatchObject({
      action: "create",
      reason: null,
    });
    expect(await eventsOf(t.db, s.schoolId, "grade_import", `${s.class5a.id}:${s.maths.id}:${s.period.id}`)).toMatchObject([
      { reason: "пересдача", after: { changes: 3, replaced: 1 } },
    ]);
  });
});
