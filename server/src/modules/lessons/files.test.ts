import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { journalSchool } from "../../../test/journal-factories.ts";
import { parentAccount, sendBytes, studentAccount } from "../../../test/lessons-factories.ts";
import { buildClass, buildStudent, signedIn } from "../../../test/people-factories.ts";
import { sql } from "../../platform/db/sql.ts";
import { collectUnattachedFile, UNATTACHED_FILE_GRACE_MS } from "./files.jobs.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

describe.each(DATABASES)("homework files on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock("2026-11-09T09:00:00Z");
  });
  afterAll(async () => t?.close());

  const fileCount = async (schoolId: string) =>
    (await t.db.one<{ n: number }>(sql`select count(*)::int as n from files where school_id = ${schoolId}`)).n;
  const upload = (client: Parameters<typeof sendBytes>[0], name: string, bytes: Uint8Array | string, type?: string) =>
    sendBytes(client, `/api/v1/files?name=${encodeURIComponent(name)}${type ? `&type=${encodeURIComponent(type)}` : ""}`, bytes);

  it("stores an allowed file, attaches it to homework and lets the class download it with a safe Cyrillic attachment name", async () => {
    const s = await journalSchool(t, { lessons: 2 });
    const [first, second] = s.lessons.map((l) => l.id) as [string, string];
    const pdf = await upload(s.teacher.client, "Задачи к уроку.pdf", PDF, "application/pdf");
    expect(pdf.status).toBe(201);
    expect(pdf.body).toEqual({ id: expect.any(String), name: "Задачи к уроку.pdf", mediaType: "application/pdf", size: PDF.length });
    const hw = await s.teacher.client.post(`/api/v1/lessons/${first}/homework`, {
      text: "Решить",
      fileIds: [pdf.body.id],
      dueLessonId: second,
    });
    expect(hw.body.files).toEqual([pdf.body]);

    const student = await studentAccount(t, s.schoolId, s.students[0]?.id as string);
    const parent = await parentAccount(t, s.schoolId, [s.students[1]?.id as string]);
    for (const reader of [student, parent, s.teacher]) {
      const r = await reader.client.get(`/api/v1/files/${pdf.body.id}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe(PDF.toString());
      expect(r.headers["content-type"]).toBe("application/pdf");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["content-disposition"]).toBe(
        `attachment; filename="______ _ _____.pdf"; filename*=UTF-8''${encodeURIComponent("Задачи к уроку.pdf")}`,
      );
    }
    const other = await buildStudent(t.db, {
      schoolId: s.schoolId,
      classId: (await buildClass(t.db, { schoolId: s.schoolId, yearId: s.yearId, grade: 6 })).id,
    });
    const outsider = await studentAccount(t, s.schoolId, other.id);
    expect((await outsider.client.get(`/api/v1/files/${pdf.body.id}`)).status).toBe(404);
    expect((await (await signedIn(t, s.schoolId, "teacher")).client.get(`/api/v1/files/${pdf.body.id}`)).status).toBe(404);

    // Taking the file off the homework deletes it.
    await s.teacher.client.put(`/api/v1/homework/${hw.body.id}`, { text: "Решить", fileIds: [], dueLessonId: second, version: 1 });
    expect(await fileCount(s.schoolId)).toBe(0);
  });

  it("schedules a check a day after each upload, which removes the file if no homework names it, audited", async () => {
    const s = await journalSchool(t, { lessons: 2 });
    const [first, second] = s.lessons.map((l) => l.id) as [string, string];
    const uploadedAt = t.app.now().getTime();
    const kept = await upload(s.teacher.client, "Нужный.pdf", PDF, "application/pdf");
    const abandoned = await upload(s.teacher.client, "Забытый.pdf", PDF, "application/pdf");
    expect(
      (await s.teacher.client.post(`/api/v1/lessons/${first}/homework`, { text: "Решить", fileIds: [kept.body.id], dueLessonId: second }))
        .status,
    ).toBe(201);

    const scheduled = await t.db.many<{ file_id: string; start_after: Date }>(sql`
      select data ->> 'fileId' as file_id, start_after from pgboss.job
      where name = ${collectUnattachedFile.name} and data ->> 'schoolId' = ${s.schoolId} order by start_after`);
    expect(scheduled.map((j) => j.file_id).sort()).toEqual([kept.body.id, abandoned.body.id].sort());
    // A day after the upload by the app's clock (which runs on while the test does).
    for (const job of scheduled) expect(new Date(job.start_after).getTime() - uploadedAt - UNATTACHED_FILE_GRACE_MS).toBeLessThan(60_000);
    for (const job of scheduled) expect(new Date(job.start_after).getTime()).toBeGreaterThanOrEqual(uploadedAt + UNATTACHED_FILE_GRACE_MS);

    const run = (fileId: string) =>
      collectUnattachedFile.handler(
        { schoolId: s.schoolId, fileId },
        { app: t.app, jobId: "test", retryCount: 0, signal: new AbortController().signal },
      );
    await run(kept.body.id);
    await run(abandoned.body.id);
    await run(abandoned.body.id);
    const left = await t.db.many<{ id: string }>(sql`select id from files where school_id = ${s.schoolId}`);
    expect(left.map((f) => f.id)).toEqual([kept.body.id]);
    const events = await t.db.many<{ actor_user_id: string | null; before: unknown; reason: string }>(sql`
      select actor_user_id, before, reason from events where school_id = ${s.schoolId} and entity = 'file' and action = 'collect'`);
    expect(events).toEqual([
      { actor_user_id: null, before: { name: "Забытый.pdf", size: PDF.length }, reason: expect.stringMatching(/в течение суток/) },
    ]);
  });

  it("accepts every allowed type whose content matches its name, plain text only as valid UTF-8", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Лист").addRow(["Задание"]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const ok: [string, Uint8Array | string, string][] = [
      ["Схема.png", PNG, "image/png"],
      ["Таблица.xlsx", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["Текст.txt", "Прочитать § 5.\r\nВыучить правило.", "text/plain"],
      ["Фото.JPG", Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex"), "image/jpeg"],
    ];
    for (const [name, bytes, mediaType] of ok) {
      const r = await upload(s.teacher.client, name, bytes);
      expect(r.status, name).toBe(201);
      expect(r.body.mediaType, name).toBe(mediaType);
    }
  });

  it("refuses a file that claims to be a PDF but is not, a type off the list, binary «text», a mismatched media type, empty and oversized files — storing nothing", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const refusals: [string, Uint8Array | string, string | undefined, number, string][] = [
      ["Задание.pdf", "Это просто текст, а не PDF", undefined, 415, "content_mismatch"],
      ["Задание.pdf", PNG, "application/pdf", 415, "content_mismatch"],
      ["Схема.png", PDF, undefined, 415, "content_mismatch"],
      ["virus.exe", Buffer.from("4d5a90000300000004000000ffff0000", "hex"), undefined, 415, "type_not_allowed"],
      ["Без расширения", PDF, undefined, 415, "type_not_allowed"],
      ["Текст.txt", Buffer.from([0x48, 0x00, 0x01, 0xff, 0xfe]), undefined, 415, "content_mismatch"],
      ["Задание.pdf", PDF, "image/png", 415, "content_mismatch"],
      ["Пусто.pdf", "", undefined, 400, "empty_file"],
    ];
    for (const [name, bytes, type, status, reason] of refusals) {
      const r = await upload(s.teacher.client, name, bytes, type);
      expect(r.status, name).toBe(status);
      expect(r.body.error.details.reason, name).toBe(reason);
      expect(r.body.error.message, name).toMatch(/\S{3,}/);
    }
    const fake = await upload(s.teacher.client, "Задание.pdf", "Это просто текст, а не PDF");
    expect(fake.body.error).toMatchObject({
      code: "unsupported_media_type",
      message: "The file «Задание.pdf» is named as PDF, but its content is TXT: it was not saved",
    });
    expect((await upload(s.teacher.client, "Большой.pdf", Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]))).status).toBe(413);
    expect((await upload(s.teacher.client, "a/b.pdf", PDF)).status).toBe(400);
    expect((await sendBytes(s.teacher.client, "/api/v1/files", PDF)).status).toBe(400);
    const student = await studentAccount(t, s.schoolId, s.students[0]?.id as string);
    expect((await upload(student.client, "Ответ.pdf", PDF)).status).toBe(403);
    expect(await fileCount(s.schoolId)).toBe(0);
  });

  it("attaches only files the teacher uploaded and that no other homework has", async () => {
    const s = await journalSchool(t, { lessons: 3 });
    const [first, second, third] = s.lessons.map((l) => l.id) as [string, string, string];
    const colleague = await signedIn(t, s.schoolId, "teacher");
    const theirs = await upload(colleague.client, "Чужой.pdf", PDF);
    const mine = await upload(s.teacher.client, "Мой.pdf", PDF);
    const refused = await s.teacher.client.post(`/api/v1/lessons/${first}/homework`, {
      text: "Задание",
      fileIds: [theirs.body.id],
      dueLessonId: second,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].code).toBe("file_not_available");
    const hw = await s.teacher.client.post(`/api/v1/lessons/${first}/homework`, {
      text: "Задание",
      fileIds: [mine.body.id],
      dueLessonId: second,
    });
    expect(hw.status).toBe(201);
    const twice = await s.teacher.client.post(`/api/v1/lessons/${second}/homework`, {
      text: "Ещё",
      fileIds: [mine.body.id],
      dueLessonId: third,
    });
    expect(twice.status).toBe(400);
  });
});
