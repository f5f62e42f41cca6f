/** Kept journal grids (grid.cache.ts): answered again only while nothing in the school changed. */
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "../../platform/audit/events.ts";
import { sql } from "../../platform/db/sql.ts";
import { DATABASES, startTestApp, type TestApp, TestClient } from "../../../test/harness.ts";
import { journalSchool } from "../../../test/journal-factories.ts";
import { gridUrl, saveCell, saveSettings, TODAY } from "./journal.test-support.ts";

const DAY = 24 * 60 * 60 * 1000;
type Lesson = { topic: string; locked: boolean };
type Cell = { lessonId: string; studentId: string; marks: string[] };

describe.each(DATABASES)("kept journal grids on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    t.setClock(TODAY);
  });
  afterAll(async () => t?.close());

  it("answers a re-read with the same grid per viewer, and any change through the app shows at once", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    await saveSettings(s.client, { editWindowDays: 2 });
    const lesson = s.lessons[2]!.id;
    const student = s.students[0]!.id;
    const first = await s.teacher.client.get(gridUrl(s));
    expect(first.status).toBe(200);
    const again = await s.teacher.client.get(gridUrl(s));
    expect(again.text).toBe(first.text);
    expect(again.headers["content-type"]).toBe("application/json; charset=utf-8");
    // A browser gets it gzip-compressed (a full grid to a tenth of its size), the same JSON unpacked.
    const packed = await s.teacher.client.request("GET", gridUrl(s), undefined, { "accept-encoding": "gzip, deflate, br" });
    expect(packed.headers).toMatchObject({ "content-encoding": "gzip", vary: "accept-encoding" });
    expect(gunzipSync(packed.raw).toString()).toBe(first.text);
    expect(packed.raw.length).toBeLessThan(first.raw.length / 2);
    const refused = await s.teacher.client.request("GET", gridUrl(s), undefined, { "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.text).toBe(first.text);

    // Each viewer gets their own answer: the edit window locks the oldest lesson for the teacher only.
    const locks = (r: { body: { lessons: Lesson[] } }) => r.body.lessons.map((l) => l.locked);
    expect(locks(first)).toEqual([true, false, false, false]);
    expect(locks(await s.client.get(gridUrl(s)))).toEqual([false, false, false, false]);
    expect(locks(await s.teacher.client.get(gridUrl(s)))).toEqual([true, false, false, false]);

    // A change made behind the application's back (no audit event) is not seen: the answer is kept…
    await t.db.execute(sql`update lessons set topic = 'Дроби' where school_id = ${s.schoolId} and id = ${lesson}`);
    expect((await s.teacher.client.get(gridUrl(s))).body.lessons[2].topic).toBe(first.body.lessons[2].topic);
    // …unless the client asks for a grid built now (the web app does after a live event).
    const fresh = await s.teacher.client.request("GET", gridUrl(s), undefined, { "cache-control": "no-cache" });
    expect(fresh.body.lessons[2].topic).toBe("Дроби");
    expect((await s.teacher.client.get(gridUrl(s))).body.lessons[2].topic).toBe("Дроби");
    await t.db.execute(sql`update lessons set topic = 'Дроби и доли' where school_id = ${s.schoolId} and id = ${lesson}`);
    // …until anything changes in the school through the app: then every viewer's grid is rebuilt.
    expect((await saveCell(s.teacher.client, lesson, student, { marks: ["5"] })).status).toBe(200);
    const afterSave = await s.client.get(gridUrl(s));
    expect(afterSave.body.lessons[2].topic).toBe("Дроби и доли");
    expect(afterSave.body.cells.find((c: Cell) => c.lessonId === lesson && c.studentId === student)?.marks).toEqual(["5"]);
    expect((await s.teacher.client.get(gridUrl(s))).body.lessons[2].topic).toBe("Дроби и доли");
  });

  it("ends a school's kept grids when any transaction records a change in it, and only that school's", async () => {
    const s = await journalSchool(t);
    const other = await journalSchool(t);
    const lesson = s.lessons[0]!.id;
    await s.teacher.client.get(gridUrl(s));
    const otherFirst = await other.teacher.client.get(gridUrl(other));

    await t.db.transaction(async (tx) => {
      await tx.execute(sql`update lessons set topic = 'Проценты' where school_id = ${s.schoolId} and id = ${lesson}`);
      await recordEvent(tx, { schoolId: s.schoolId, actorUserId: null, entity: "lesson", entityId: lesson, action: "update" });
    });
    // The commit's notification reaches the cache (as it reaches every instance) within moments.
    await expect
      .poll(async () => (await s.teacher.client.get(gridUrl(s))).body.lessons[0].topic, { timeout: 2_000, interval: 20 })
      .toBe("Проценты");
    // Another school's kept grid is untouched by this school's change.
    expect((await other.teacher.client.get(gridUrl(other))).text).toBe(otherFirst.text);
  });

  it("rebuilds a kept grid when the school's day turns and when an unlock runs out", async () => {
    const s = await journalSchool(t, { lessons: 4 });
    await saveSettings(s.client, { editWindowDays: 2 });
    const locked = async () => (await s.teacher.client.get(gridUrl(s))).body.lessons.map((l: Lesson) => l.locked);
    try {
      expect(await locked()).toEqual([true, false, false, false]);
      t.advanceClock(DAY);
      expect(await locked()).toEqual([true, true, false, false]);

      const until = new Date(Date.parse(TODAY) + DAY + 60 * 60 * 1000).toISOString();
      const unlock = await s.client.post("/api/v1/journal/unlocks", {
        classId: s.class5a.id,
        subjectId: s.maths.id,
        until,
        reason: "справка",
      });
      expect(unlock.status, unlock.text).toBe(201);
      expect(await locked()).toEqual([false, false, false, false]);
      t.advanceClock(60 * 60 * 1000 + 1000);
      expect(await locked()).toEqual([true, true, false, false]);
    } finally {
      t.setClock(TODAY);
    }
  });

  it.runIf(kind === "postgres")("ends kept grids on every instance when a mark is saved on another", async () => {
    const s = await journalSchool(t);
    const lesson = s.lessons[1]!.id;
    const student = s.students[1]!.id;
    const second = await startTestApp("postgres");
    try {
      second.setClock(TODAY);
      // The admin reads on the second instance, the teacher saves on the first.
      const admin = new TestClient(second);
      await admin.signIn(s.admin.login, s.admin.password);
      const before = await admin.get(gridUrl(s));
      expect(before.body.cells.some((c: Cell) => c.lessonId === lesson && c.studentId === student)).toBe(false);
      expect((await admin.get(gridUrl(s))).text).toBe(before.text);

      expect((await saveCell(s.teacher.client, lesson, student, { marks: ["4"] })).status).toBe(200);
      const started = Date.now();
      await expect
        .poll(
          async () => (await admin.get(gridUrl(s))).body.cells.find((c: Cell) => c.lessonId === lesson && c.studentId === student)?.marks,
          { timeout: 2_000, interval: 20 },
        )
        .toEqual(["4"]);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await second.close();
    }
  });
});
