/** Bulk grade import: every row error, all-or-nothing (an error found only while saving too), file errors, who may import. */
import fc from "fast-check";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { buildLesson, journalSchool } from "../../../test/journal-factories.ts";
import { buildAssignment, buildStudent, buildSubject, schoolWithAdmin, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";
import { cellsOf, saveCell, saveSettings, TODAY } from "../journal/journal.test-support.ts";
import { csv, importFile, templateUrl } from "./grade-import.test-support.ts";

describe.each(DATABASES)("grade import errors on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  const eventCount = async (schoolId: string) =>
    (await t.db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${schoolId}`)).n;

  it("reports every row error with its row, column and code, and imports nothing", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    const base = { schoolId: s.schoolId, yearId: s.yearId, periodId: s.period.id, classId: s.class5a.id, subjectId: s.maths.id };
    await buildLesson(t.db, { ...base, teacherId: s.teacher.user.id, date: "2026-11-11", lessonNumber: 2 });
    await buildLesson(t.db, { ...base, teacherId: s.teacher.user.id, date: "2026-11-13" });
    await t.db.execute(sql`update lessons set status = 'cancelled' where school_id = ${s.schoolId} and id = ${s.lessons[1]?.id as string}`);
    await saveSettings(s.client, { editWindowDays: 2 });
    for (const middle of ["Олегович", "Петрович"]) {
      const p = await buildStudent(t.db, { schoolId: s.schoolId, lastName: "Гаврилов", firstName: "Дмитрий", classId: s.class5a.id });
      await t.db.execute(sql`update people set middle_name = ${middle} where school_id = ${s.schoolId} and id = ${p.id}`);
    }
    await buildStudent(t.db, {
      schoolId: s.schoolId,
      lastName: "Егоров",
      firstName: "Иван",
      classId: s.class5a.id,
      startsOn: "2026-11-12",
    });
    const [boris, vera] = s.students.map((p) => p.id) as [string, string];
    const [wednesday, today] = [s.lessons[2]?.id as string, s.lessons[3]?.id as string];
    for (const lesson of [wednesday, today]) {
      const absent = await saveCell(s.teacher.client, lesson, vera, { attendance: { state: "ABSENT_UNEXCUSED", lateMinutes: null } });
      expect(absent.status).toBe(200);
    }
    expect((await saveCell(s.teacher.client, today, boris, { marks: ["4"] })).status).toBe(200);

    const file = csv([
      ["Петров Пётр", "12.11.2026", "", "5", ""], // 2
      ["Гаврилов Дмитрий", "12.11.2026", "", "5", ""],
      ["гаврилов дмитрий олегович", "12.11.2026", "", "5", ""],
      ["Васильев Глеб", "31.02.2026", "", "5", ""],
      ["Васильев Глеб", "01.10.2026", "", "5", ""],
      ["Васильев Глеб", "14.11.2026", "", "5", ""],
      ["Васильев Глеб", "11.11.2026", "", "5", ""],
      ["Васильев Глеб", "11.11.2026", "3", "5", ""],
      ["Васильев Глеб", "11.11.2026", "x", "5", ""], // 10
      ["Васильев Глеб", "10.11.2026", "", "5", ""],
      ["Васильев Глеб", "13.11.2026", "", "5", ""],
      ["Васильев Глеб", "09.11.2026", "", "5", ""],
      ["Васильев Глеб", "11.11.2026", "2", "6", ""],
      ["Васильев Глеб", "11.11.2026", "1", "1", ""], // 15
      ["Алексеев Борис", "11.11.2026", "1", "05.04.2026", ""],
      ["Алексеев Борис", "11.11.2026", "2", "", "молодец"],
      ["Белова Вера", "11.11.2026", "1", "4", ""],
      ["Белова Вера", "12.11.2026", "", "•", ""],
      ["Гаврилов Дмитрий Олегович", "12.11.2026", "", "4", ""], // 20
      ["Алексеев Борис", "12.11.2026", "", "5", ""],
      ["Егоров Иван", "11.11.2026", "1", "5", ""],
      ["Васильев Глеб", "12.11.2026", "", "5", "x".repeat(501)],
      ["", "12.11.2026", "", "5", ""],
      ["Васильев Глеб", "", "", "5", ""], // 25
      ["Васильев Глеб", "", "", "", ""],
    ]);
    const cellsBefore = await cellsOf(t, s.schoolId);
    const eventsBefore = await eventCount(s.schoolId);
    const check = await importFile(s.teacher.client, s, file);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ dryRun: true, imported: false, rows: 25, valid: 2, skipped: 1 });
    expect(check.body.errors.map((e: { row: number; column: string | null; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, "Ученик", "unknown_student"],
      [3, "Ученик", "ambiguous_student"],
      [5, "Дата", "invalid_date"],
      [6, "Дата", "date_outside_period"],
      [7, "Дата", "no_lesson"],
      [8, "Урок №", "lesson_ambiguous"],
      [9, "Урок №", "no_lesson_number"],
      [10, "Урок №", "invalid_lesson_number"],
      [11, "Дата", "lesson_cancelled"],
      [12, "Дата", "lesson_in_future"],
      [13, "Дата", "lesson_locked"],
      [14, "Отметка", "invalid_mark"],
      [15, "Отметка", "mark_not_allowed"],
      [16, "Отметка", "mark_is_date"],
      [17, "Отметка", "missing_value"],
      [18, "Отметка", "mark_with_absence"],
      [20, null, "duplicate_cell"],
      [21, "Отметка", "reason_required"],
      [22, "Ученик", "student_not_enrolled"],
      [23, "Комментарий", "comment_too_long"],
      [24, "Ученик", "missing_value"],
      [25, "Дата", "missing_value"],
    ]);
    const byRow = (row: number) => check.body.errors.find((e: { row: number }) => e.row === row);
    expect(byRow(2).message).toBe("Строка 2, «Ученик»: в журнале нет ученика «Петров Пётр»");
    expect(byRow(8).params).toEqual({ date: "11.11.2026", numbers: "1, 2" });
    expect(byRow(13).params).toEqual({ date: "09.11.2026", lockedBefore: "10.11.2026" });
    expect(byRow(20).params).toEqual({ line: "4", date: "12.11.2026" });
    expect(check.body.changes.map((c: { row: number }) => c.row)).toEqual([4, 19]);

    const refused = await importFile(s.teacher.client, s, file, { dryRun: "false", reason: "" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "validation_failed", details: { reason: "rows_invalid" } });
    expect(refused.body.error.details.report.errors).toHaveLength(22);
    expect(refused.body.error.issues[0]).toMatchObject({ path: ["body", 2, "Ученик"], code: "unknown_student" });
    expect(await cellsOf(t, s.schoolId)).toEqual(cellsBefore);
    expect(await eventCount(s.schoolId)).toBe(eventsBefore);
  });

  it("takes back every saved row when a save fails late, at the last row, and writes no audit row", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    // Out of the class for a day: the journal lists him for the whole period, the save checks the very day.
    const gap = await buildStudent(t.db, { schoolId: s.schoolId, lastName: "Жуков", firstName: "Олег" });
    await t.db.execute(sql`
      insert into enrolments (school_id, person_id, class_id, starts_on, ends_on)
      values (${s.schoolId}, ${gap.id}, ${s.class5a.id}, '2026-09-01', '2026-11-09'), (${s.schoolId}, ${gap.id}, ${s.class5a.id}, '2026-11-11', null)`);
    const file = csv([
      ["Алексеев Борис", "09.11.2026", "", "5", ""],
      ["Белова Вера", "10.11.2026", "", "4", ""],
      ["Васильев Глеб", "11.11.2026", "", "3", ""],
      ["Жуков Олег", "10.11.2026", "", "5", ""],
    ]);
    const check = await importFile(s.teacher.client, s, file);
    expect(check.body).toMatchObject({ valid: 4, errors: [] });
    const eventsBefore = await eventCount(s.schoolId);

    const r = await importFile(s.teacher.client, s, file, { dryRun: "false" });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "validation_failed", details: { reason: "row_failed" } });
    expect(r.body.error.details.report).toMatchObject({ imported: false, errors: [{ row: 5, code: "not_enrolled" }] });
    expect(r.body.error.details.report.errors[0].message).toMatch(/^Строка 5: .*Ничего не импортировано$/);
    expect(await cellsOf(t, s.schoolId)).toEqual([]);
    expect(await eventCount(s.schoolId)).toBe(eventsBefore);
  });

  it("refuses files it cannot read, with a file error, before looking at rows", async () => {
    const s = await journalSchool(t);
    const fileError = async (bytes: Uint8Array | string) => {
      const r = await importFile(s.teacher.client, s, bytes);
      expect(r.status).toBe(400);
      expect(r.body.error.details.reason).toBe("file_invalid");
      return r.body.error.details.report.errors.map((e: { code: string }) => e.code);
    };
    expect(await fileError("a;b\n1;2\n")).toEqual(["no_known_columns"]);
    expect(await fileError("Ученик;Дата\nАлексеев Борис;09.11.2026\n")).toEqual(["missing_column"]);
    expect(await fileError("Ученик;Дата;Отметка;Оценка\n")).toEqual(["duplicate_column"]);
    expect(await fileError("Ученик;Дата;Отметка\n")).toEqual(["no_rows"]);
    expect(await fileError(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x41]))).toEqual(["not_text"]);
    expect(await fileError(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("not a zip")]))).toEqual(["not_xlsx"]);
    // A zip bomb: under 1 MiB uploaded, 70 MiB unpacked; refused before exceljs unpacks it into memory.
    const bomb = new JSZip();
    bomb.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    bomb.file("xl/media/image1.bin", new Uint8Array(70 * 1024 * 1024));
    const packed = await bomb.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(packed.length).toBeLessThan(1024 * 1024);
    expect(await fileError(packed)).toEqual(["xlsx_too_large"]);
    const many = csv(Array.from({ length: 5001 }, () => ["Алексеев Борис", "09.11.2026", "", "5", ""]));
    expect(await fileError(many)).toEqual(["too_many_rows"]);

    const unknownColumn = await importFile(
      s.teacher.client,
      s,
      csv([["Алексеев Борис", "09.11.2026", "5", "?"]], ";", ["Ученик", "Дата", "Отметка", "Вес"]),
    );
    expect(unknownColumn.body).toMatchObject({ errors: [], warnings: [{ row: null, code: "unknown_column", params: { header: "Вес" } }] });
    expect((await importFile(s.teacher.client, s, Buffer.alloc(2 * 1024 * 1024 + 1, 0x61))).status).toBe(413);
    const json = await s.teacher.client.post(`/api/v1/journal/grade-import?classId=${s.class5a.id}`, { rows: [] });
    expect(json.status).toBe(415);
    expect(await cellsOf(t, s.schoolId)).toEqual([]);

    // Whatever else arrives into a real journal: a clear 4xx or a report, never a 5xx.
    const junk = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
      fc
        .array(
          fc.array(fc.oneof(fc.string(), fc.constantFrom("Ученик", "Дата", "Отметка", "Алексеев Борис", "09.11.2026", "5/4", '"')), {
            maxLength: 6,
          }),
          {
            maxLength: 6,
          },
        )
        .map((rows) => Buffer.from(rows.map((r) => r.join(";")).join("\n"))),
    );
    await fc.assert(
      fc.asyncProperty(junk, async (bytes) => {
        const r = await importFile(s.teacher.client, s, bytes, { dryRun: "false", reason: "проверка" });
        expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it("lets only those who may enter marks import: 404 for others, 403 for the class teacher, a substitute in their lessons only", async () => {
    const s = await journalSchool(t);
    const file = csv([
      ["Алексеев Борис", "09.11.2026", "", "5", ""],
      ["Белова Вера", "10.11.2026", "", "4", ""],
    ]);
    const stranger = await signedIn(t, s.schoolId, "teacher", { lastName: "Орлов", firstName: "Иван" });
    const physics = await buildSubject(t.db, { schoolId: s.schoolId, name: "Физика" });
    await buildAssignment(t.db, { schoolId: s.schoolId, teacherId: stranger.user.id, classId: s.class5a.id, subjectId: physics.id });
    expect((await stranger.client.get(templateUrl(s, "csv"))).status).toBe(404);
    expect((await importFile(stranger.client, s, file)).status).toBe(404);

    const other = await schoolWithAdmin(t);
    expect((await other.client.get(templateUrl(s, "csv"))).status).toBe(404);
    expect((await importFile(other.client, s, file)).status).toBe(404);

    const classTeacher = await signedIn(t, s.schoolId, "teacher", { lastName: "Кузнецова", firstName: "Ольга" });
    await t.db.execute(
      sql`update classes set class_teacher_id = ${classTeacher.user.id} where school_id = ${s.schoolId} and id = ${s.class5a.id}`,
    );
    expect((await classTeacher.client.get(templateUrl(s, "csv"))).status).toBe(403);
    expect((await importFile(classTeacher.client, s, file, { dryRun: "false" })).status).toBe(403);

    const substitute = await signedIn(t, s.schoolId, "teacher", { lastName: "Зайцев", firstName: "Павел" });
    await t.db.execute(
      sql`update lessons set substitute_teacher_id = ${substitute.user.id} where school_id = ${s.schoolId} and id = ${s.lessons[1]?.id as string}`,
    );
    const partial = await importFile(substitute.client, s, file);
    expect(partial.body.errors).toMatchObject([{ row: 2, column: "Дата", code: "lesson_not_yours" }]);
    expect(partial.body.changes).toMatchObject([{ row: 3, date: "2026-11-10" }]);
    expect(await cellsOf(t, s.schoolId)).toEqual([]);

    // The admin is not bound by the edit window.
    await saveSettings(s.client, { editWindowDays: 0 });
    expect((await importFile(s.teacher.client, s, file)).body.errors.map((e: { code: string }) => e.code)).toEqual([
      "lesson_locked",
      "lesson_locked",
    ]);
    const byAdmin = await importFile(s.client, s, file, { dryRun: "false" });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ imported: true, valid: 2 });
    expect((await cellsOf(t, s.schoolId)).map((c) => c.mark1).sort()).toEqual(["4", "5"]);
  });
});
