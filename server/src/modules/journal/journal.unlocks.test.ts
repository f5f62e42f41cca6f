/** The edit window: teachers cannot change old lessons unless an admin reopens the journal for a time. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp } from "../../../test/harness.ts";
import { journalSchool } from "../../../test/journal-factories.ts";
import { buildSubject, eventsOf, schoolWithAdmin } from "../../../test/people-factories.ts";
import { cellsOf, gridUrl, saveCell, saveSettings, TODAY } from "./journal.test-support.ts";

const DAY = 24 * 60 * 60 * 1000;

describe.each(DATABASES)("journal edit window and unlocks on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  it("locks lessons older than the window for teachers, not admins; an unlock reopens them until it ends", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    await saveSettings(s.client, { editWindowDays: 2 });
    const [monday, tuesday] = s.lessons.map((l) => l.id) as [string, string];
    const student = s.students[0]?.id as string;

    const grid = await s.teacher.client.get(gridUrl(s));
    expect(grid.body.lessons.map((l: { locked: boolean }) => l.locked)).toEqual([true, false, false, false]);
    expect(grid.body.unlockedUntil).toBeNull();
    const refused = await saveCell(s.teacher.client, monday, student, { marks: ["5"] });
    expect(refused.status).toBe(423);
    expect(refused.body.error).toMatchObject({ code: "locked", details: { reason: "edit_window", lockedBefore: "2026-11-10" } });
    expect((await s.teacher.client.patch(`/api/v1/journal/lessons/${monday}`, { workType: "control", version: 1 })).status).toBe(423);
    expect(await cellsOf(t, s.schoolId)).toEqual([]);
    expect((await saveCell(s.teacher.client, tuesday, student, { marks: ["5"] })).status).toBe(200);
    expect((await s.client.get(gridUrl(s))).body.lessons[0].locked).toBe(false);
    expect((await saveCell(s.client, monday, student, { marks: ["4"] })).status).toBe(200);

    const until = new Date(Date.parse(TODAY) + 3 * DAY).toISOString();
    const unlock = await s.client.post("/api/v1/journal/unlocks", {
      classId: s.class5a.id,
      subjectId: s.maths.id,
      until,
      reason: "справка после болезни",
    });
    expect(unlock.status, unlock.text).toBe(201);
    expect(unlock.body).toMatchObject({
      class: { id: s.class5a.id, name: "5А" },
      subject: { id: s.maths.id, name: "Математика" },
      until,
      reason: "справка после болезни",
      createdBy: { userId: s.admin.id },
    });
    expect((await s.client.get("/api/v1/journal/unlocks")).body.items.map((u: { id: string }) => u.id)).toEqual([unlock.body.id]);
    const reopened = await s.teacher.client.get(gridUrl(s));
    expect(reopened.body.unlockedUntil).toBe(until);
    expect(reopened.body.lessons[0].locked).toBe(false);
    expect((await saveCell(s.teacher.client, monday, student, { marks: ["4", "5"], version: 1 })).status).toBe(200);

    // An unlock runs out by itself…
    t.advanceClock(3 * DAY + 1000);
    expect((await s.client.get("/api/v1/journal/unlocks")).body.items).toEqual([]);
    expect((await saveCell(s.teacher.client, tuesday, student, { marks: [], version: 1, reason: "ошибка" })).status).toBe(423);
    t.setClock(TODAY);

    // …or the admin ends it.
    expect((await s.client.delete(`/api/v1/journal/unlocks/${unlock.body.id}`)).status).toBe(200);
    expect((await saveCell(s.teacher.client, monday, student, { marks: ["4"], version: 2, reason: "ошибка" })).status).toBe(423);
    expect((await s.client.delete(`/api/v1/journal/unlocks/${unlock.body.id}`)).status).toBe(409);
    expect((await eventsOf(t.db, s.schoolId, "journal_unlock", unlock.body.id)).map((e) => [e.action, e.reason])).toEqual([
      ["create", "справка после болезни"],
      ["end", null],
    ]);
  });

  it("refuses unlocks that end in the past or too far ahead, of unknown journals, and by teachers", async () => {
    const s = await journalSchool(t, { lessons: 0 });
    const body = (change: Record<string, unknown>) => ({ classId: s.class5a.id, subjectId: s.maths.id, reason: "проверка", ...change });
    const at = (ms: number) => new Date(Date.parse(TODAY) + ms).toISOString();
    const past = await s.client.post("/api/v1/journal/unlocks", body({ until: at(-1000) }));
    expect(past.status).toBe(400);
    expect(past.body.error.issues[0]).toMatchObject({ path: ["body", "until"], code: "until_in_past" });
    expect((await s.client.post("/api/v1/journal/unlocks", body({ until: at(31 * DAY) }))).body.error.issues[0].code).toBe("until_too_far");
    expect((await s.client.post("/api/v1/journal/unlocks", body({ until: at(DAY), reason: " " }))).status).toBe(400);
    const unknownClass = await s.client.post("/api/v1/journal/unlocks", body({ until: at(DAY), classId: crypto.randomUUID() }));
    expect(unknownClass.body.error.issues[0].code).toBe("unknown_class");
    const otherSubject = await buildSubject(t.db, { schoolId: (await schoolWithAdmin(t)).schoolId, name: "Химия" });
    expect((await s.client.post("/api/v1/journal/unlocks", body({ until: at(DAY), subjectId: otherSubject.id }))).status).toBe(400);
    expect((await s.teacher.client.post("/api/v1/journal/unlocks", body({ until: at(DAY) }))).status).toBe(403);
    expect((await s.teacher.client.get("/api/v1/journal/unlocks")).status).toBe(403);
    expect((await s.client.delete(`/api/v1/journal/unlocks/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await s.client.get("/api/v1/journal/unlocks")).body.items).toEqual([]);
  });
});
