import { sql } from "../../platform/db/sql.ts";
import type { TestApp, TestClient } from "../../../test/harness.ts";
import type { journalSchool } from "../../../test/journal-factories.ts";

/** The moment journal tests run at: Thursday 12 November 2026, in the 2nd quarter (from 9 November). */
export const TODAY = "2026-11-12T10:00:00+03:00";

export type JournalSchool = Awaited<ReturnType<typeof journalSchool>>;

export function gridUrl(s: Pick<JournalSchool, "class5a" | "maths" | "period">, groupId?: string): string {
  return `/api/v1/journal?classId=${s.class5a.id}&subjectId=${s.maths.id}&periodId=${s.period.id}${groupId ? `&groupId=${groupId}` : ""}`;
}

export const cellUrl = (lessonId: string, studentId: string) => `/api/v1/journal/lessons/${lessonId}/cells/${studentId}`;

/** Saves a cell with defaults for what the test does not care about (empty, version 0). */
export function saveCell(
  client: TestClient,
  lessonId: string,
  studentId: string,
  body: {
    marks?: string[];
    attendance?: { state: string; lateMinutes: number | null } | null;
    comment?: string;
    version?: number;
    reason?: string;
  },
) {
  return client.put(cellUrl(lessonId, studentId), { marks: [], attendance: null, comment: "", version: 0, ...body });
}

/** Every journal cell of a school: proves a refused save changed nothing. */
export async function cellsOf(t: TestApp, schoolId: string) {
  return t.db.many<{
    lesson_id: string;
    student_id: string;
    mark1: string | null;
    mark2: string | null;
    attendance: string | null;
    version: number;
  }>(sql`
    select lesson_id, student_id, mark1, mark2, attendance, version from journal_cells where school_id = ${schoolId} order by lesson_id, student_id`);
}

/** Saves new school settings over the defaults through the API, as an admin would. */
export async function saveSettings(admin: TestClient, change: Record<string, unknown>): Promise<void> {
  const current = await admin.get("/api/v1/school/settings");
  const saved = await admin.put("/api/v1/school/settings", {
    baseVersion: current.body.version,
    settings: { ...current.body.settings, ...change },
  });
  if (saved.status !== 200) throw new Error(`settings not saved: ${saved.status} ${saved.text}`);
}
