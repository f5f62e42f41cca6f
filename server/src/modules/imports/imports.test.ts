/** The import endpoints as a school admin meets them: template, file problems, row reports, access. */
import { IMPORT_MAX_BYTES } from "@otmetka/core/contracts/imports.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchool } from "../../../test/factories.ts";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { sql } from "../../platform/db/sql.ts";
import { Caller, cp1251, fixture, importRoster, importSchool, rosterCounts, utf8 } from "./imports.test-support.ts";

const STUDENTS_HEADER = "Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Серия свидетельства;Номер свидетельства;Класс;Дата зачисления";

describe.each(DATABASES)("roster import basics on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("serves each template as UTF-8 CSV with a BOM, the header and one example row", async () => {
    const { admin } = await importSchool(t);
    const r = await admin.get("/api/v1/imports/roster/students/template");
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(r.headers["content-disposition"]).toContain("filename*=UTF-8''");
    expect([...r.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.raw.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe(STUDENTS_HEADER);
    expect(lines[1]).toBe("Кузнецов;Артём;Дмитриевич;20.05.2015;М;112-233-445 95;IV-МЮ;123456;5А;01.09.2026");
    expect(lines.slice(2)).toEqual([""]);
    for (const k of ["teachers", "classes", "parents"]) {
      const other = await admin.get(`/api/v1/imports/roster/${k}/template`);
      expect(other.status).toBe(200);
      expect(other.text.split("\r\n")).toHaveLength(3);
    }
    expect((await admin.get("/api/v1/imports/roster/grades/template")).status).toBe(400);
  });

  it("a template left as it is reports its example row instead of adding a made-up student", async () => {
    const { admin } = await importRoster(t, ["teachers", "classes"]);
    const template = (await admin.get("/api/v1/imports/roster/students/template")).raw;
    const r = await admin.upload("students", template);
    expect(r.status).toBe(200);
    expect(r.body.rows[0].issues.map((i: { code: string }) => i.code)).toContain("example_row");
  });

  it("a dry run reports every row: status, action, and errors per column in Russian, and writes nothing", async () => {
    const { admin, schoolId } = await importRoster(t, ["teachers", "classes"]);
    const before = await rosterCounts(t.db, schoolId);
    const file = [
      STUDENTS_HEADER,
      "Алексеев;Михаил;Андреевич;14.03.2019;М;143-464-097 56;II-МЮ;512334;1А;",
      "Белова;Варвара;;02.11.2018;Ж;143-464-097 57;;;1А;",
      "Гусейнов;Тимур;;27.07.2019;м;;;;5Я;",
      "Морозов;Даниил;;31.02.2014;М;;;;5А;",
      ";Полина;;20.05.2015;Ж;;;;5А;",
      "Осипов;Глеб;;2015-08-19;М;143-464-097 56;;;5Б;",
      "Никитина;София;;30.04.2015;Ж;;1У-мю;12345;5Б;",
      "Тарасова;Ксения;;23.09.2011;Ж;001-001-998 00;;;9А;",
    ].join("\n");
    const r = await admin.upload("students", file);
    expect(r.status).toBe(200);
    const { rows, summary } = r.body;
    expect(r.body).toMatchObject({ kind: "students", dryRun: true, imported: false, encoding: "utf-8", delimiter: ";" });
    expect(r.body.academicYear).toMatchObject({ name: "2026/2027", startsOn: "2026-09-01" });
    expect(summary).toEqual({ rows: 8, ok: 1, warnings: 1, errors: 6, create: 2, update: 0, skip: 0 });
    const byLine = (line: number) => rows.find((row: { line: number }) => row.line === line);
    expect(byLine(2)).toMatchObject({ status: "ok", action: "create", label: "Алексеев Михаил Андреевич, 1А", issues: [] });
    expect(byLine(3)).toMatchObject({
      status: "error",
      action: null,
      issues: [
        {
          column: "СНИЛС",
          code: "invalid_snils_checksum",
          message: "СНИЛС: «143-464-097 57» — неверная контрольная сумма, проверьте цифры",
          severity: "error",
        },
      ],
    });
    expect(byLine(4).issues).toEqual([
      expect.objectContaining({ column: "Класс", code: "unknown_class", params: { value: "5Я", year: "2026/2027" } }),
    ]);
    expect(byLine(4).issues[0].message).toContain("класса «5Я» нет в учебном году 2026/2027");
    expect(byLine(5).issues).toEqual([expect.objectContaining({ column: "Дата рождения", code: "invalid_date" })]);
    expect(byLine(6).issues).toEqual([
      expect.objectContaining({ column: "Фамилия", code: "required", message: "Фамилия: обязательное поле, заполните его" }),
    ]);
    expect(byLine(7).issues).toEqual([
      expect.objectContaining({ column: "СНИЛС", code: "duplicate_snils_in_file", params: { line: "2" } }),
    ]);
    expect(byLine(8).issues).toEqual([expect.objectContaining({ column: "Номер свидетельства", code: "invalid_document_number" })]);
    expect(byLine(8).issues[0].message).toContain("Excel убрал ведущие нули");
    expect(byLine(9)).toMatchObject({
      status: "warning",
      action: "create",
      issues: [expect.objectContaining({ code: "snils_needs_review" })],
    });
    expect(await rosterCounts(t.db, schoolId)).toEqual(before);
  });

  it("reports a missing required column once, for the file, and never per row", async () => {
    const { admin } = await importRoster(t, ["teachers", "classes"]);
    const r = await admin.upload("students", "Фамилия;Имя;Пол;Любимый предмет\nИванов;Иван;М;физика\nПетров;Пётр;М;химия\n");
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.details.reason).toBe("file_invalid");
    const report = r.body.error.details.report;
    expect(report.rows).toEqual([]);
    expect(report.fileIssues).toEqual([
      expect.objectContaining({ code: "missing_column", column: "Дата рождения", message: "Нет обязательного столбца «Дата рождения»" }),
      expect.objectContaining({ code: "missing_column", column: "Класс" }),
      expect.objectContaining({ code: "unknown_column", severity: "warning", params: { header: "Любимый предмет" } }),
    ]);
    expect(r.body.error.issues).toEqual([
      { path: ["body", 1, "Дата рождения"], code: "missing_column", message: "Нет обязательного столбца «Дата рождения»" },
      expect.objectContaining({ code: "missing_column" }),
    ]);
  });

  it("answers garbage, an Excel workbook, an empty file and another kind's file with a clear 400 report", async () => {
    const { admin, schoolId } = await importRoster(t, ["teachers", "classes"]);
    const before = await rosterCounts(t.db, schoolId);
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const codeOf = async (k: "students" | "teachers", body: Uint8Array | string, dryRun = "true") => {
      const r = await admin.upload(k, body, { dryRun });
      expect(r.status, r.text).toBe(400);
      return r.body.error.details.report.fileIssues.map((i: { code: string }) => i.code);
    };
    expect(await codeOf("students", garbage)).toEqual(["not_text"]);
    expect(await codeOf("students", garbage, "false")).toEqual(["not_text"]);
    expect(await codeOf("students", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100)]))).toEqual(["excel_file"]);
    expect(await codeOf("students", "")).toEqual(["empty_file"]);
    expect(await codeOf("students", `${STUDENTS_HEADER}\n;;;\n`)).toEqual(["no_rows"]);
    expect(await codeOf("students", utf8(fixture("parents.csv")))).toEqual([
      "missing_column",
      "missing_column",
      "unknown_column",
      "unknown_column",
      "unknown_column",
      "unknown_column",
      "unknown_column",
      "unknown_column",
      "unknown_column",
      "unknown_column",
    ]);
    expect(await codeOf("teachers", utf8(fixture("classes.csv")))).toEqual(["no_known_columns"]);
    expect(await codeOf("students", 'Фамилия;Имя;Дата рождения;Класс\n"Иванов;Иван;01.01.2015;5А\n')).toEqual(["csv_syntax"]);
    expect(await rosterCounts(t.db, schoolId)).toEqual(before);
  });

  it("reads a comma-separated file with ISO dates, a sep= line and Latin look-alike letters", async () => {
    const { admin } = await importRoster(t, ["teachers", "classes"]);
    const file = 'sep=,\nФамилия,Имя,Дата рождения,Класс\n"Иванов, мл.",Иван,2015-01-31,5A\n';
    const r = await admin.upload("students", file);
    expect(r.status, r.text).toBe(200);
    expect(r.body.delimiter).toBe(",");
    expect(r.body.rows).toEqual([expect.objectContaining({ line: 3, status: "ok", action: "create", label: "Иванов, мл. Иван, 5А" })]);
  });

  it("reads Excel's «Unicode text»: UTF-16 with a BOM, tab-separated", async () => {
    const { admin } = await importRoster(t, ["teachers", "classes"]);
    const text = "Фамилия\tИмя\tДата рождения\tКласс\r\nЁлкина\tАлиса\t09.01.2019\t1А\r\n";
    const r = await admin.upload("students", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ encoding: "utf-16le", delimiter: "\t" });
    expect(r.body.rows).toEqual([expect.objectContaining({ line: 2, status: "ok", label: "Ёлкина Алиса, 1А" })]);
  });

  it("a file with one bad row imports nothing", async () => {
    const { admin, schoolId, files } = await importRoster(t, ["teachers", "classes"]);
    const before = await rosterCounts(t.db, schoolId);
    const good = files.apply(utf8(fixture("students.csv")));
    const bad = good.replace("Морозов;Даниил;Сергеевич;11.12.2014", "Морозов;Даниил;Сергеевич;11.13.2014");
    const r = await admin.import("students", bad);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "validation_failed", details: { reason: "rows_invalid" } });
    expect(r.body.error.details.report.summary).toMatchObject({ rows: 12, errors: 1 });
    expect(r.body.error.issues).toEqual([
      { path: ["body", 8, "Дата рождения"], code: "invalid_date", message: expect.stringContaining("«11.13.2014» — не дата") },
    ]);
    expect(await rosterCounts(t.db, schoolId)).toEqual(before);
  });

  it("lets only admins import, each into their own school", async () => {
    const { schoolId, admin: adminA } = await importRoster(t);
    for (const role of ["teacher", "parent", "student"] as const) {
      const caller = await Caller.signIn(t, schoolId, role);
      expect((await caller.upload("students", utf8(fixture("students.csv")))).status).toBe(403);
      expect((await caller.get("/api/v1/imports/roster/students/template")).status).toBe(403);
    }
    // School B's admin cannot link parents to school A's students, nor use school A's year.
    const b = await importSchool(t);
    const parents = await b.admin.upload("parents", b.files.apply(utf8(fixture("parents.csv"))));
    expect(parents.status).toBe(200);
    expect(parents.body.rows.every((r: { issues: { code: string }[] }) => r.issues.some((i) => i.code === "child_not_found"))).toBe(true);
    const yearA = (await adminA.upload("students", utf8(fixture("students.csv")))).body.academicYear.id;
    expect((await b.admin.upload("students", utf8(fixture("students.csv")), { academicYearId: yearA })).status).toBe(404);
  });

  it("refuses a file over 5 MiB with 413 and a JSON body with 415", async () => {
    const { admin } = await importSchool(t);
    const big = `${STUDENTS_HEADER}\n${"Иванов;Иван;;01.01.2015;М;;;;5А;\n".repeat(Math.ceil(IMPORT_MAX_BYTES / 30))}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(IMPORT_MAX_BYTES);
    const r = await admin.upload("students", big);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("payload_too_large");
    const json = await admin.send("POST", "/api/v1/imports/roster/students", "{}", "application/json");
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe("unsupported_media_type");
    const csvElsewhere = await admin.send("POST", "/api/v1/students", "a;b", "text/csv");
    expect(csvElsewhere.status).toBe(415);
  });

  it("a school without an academic year is told to create one", async () => {
    const { schoolId } = await buildSchool(t.db);
    await t.db.execute(sql`delete from academic_years where school_id = ${schoolId}`);
    const admin = await Caller.signIn(t, schoolId, "admin");
    const r = await admin.upload("classes", "Параллель;Литера\n5;А\n");
    expect(r.status).toBe(400);
    expect(r.body.error.details.report.fileIssues).toEqual([expect.objectContaining({ code: "no_academic_year" })]);
  });

  it("documents the upload as a text/csv body and the template as a text/csv answer in OpenAPI", async () => {
    const doc = JSON.parse((await t.server.inject({ method: "GET", url: "/api/openapi.json" })).body);
    const upload = doc.paths["/api/v1/imports/roster/{kind}"].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(["text/csv"]);
    expect(upload.requestBody.content["text/csv"].schema).toMatchObject({ type: "string", format: "binary" });
    expect(Object.keys(doc.paths["/api/v1/imports/roster/{kind}/template"].get.responses["200"].content)).toEqual(["text/csv"]);
  });

  it("a Windows-1251 file reads exactly as its UTF-8 original", async () => {
    const { admin } = await importRoster(t, ["teachers", "classes"]);
    const fromUtf8 = await admin.upload("students", fixture("students.csv"));
    const fromCp1251 = await admin.upload("students", fixture("students.cp1251.csv"));
    expect(fromUtf8.status).toBe(200);
    expect(fromCp1251.body.encoding).toBe("windows-1251");
    expect({ ...fromCp1251.body, encoding: "utf-8" }).toEqual(fromUtf8.body);
    expect(fromUtf8.body.summary).toMatchObject({ rows: 12, errors: 0, create: 12 });
    // The same bytes as an in-test conversion: the fixture is what iconv-lite makes of the UTF-8 file.
    expect(fixture("students.cp1251.csv").equals(cp1251(utf8(fixture("students.csv")).replace(/^\ufeff/, "")))).toBe(true);
  });
});
