import type { TestApp, TestClient } from "../../../test/harness.ts";
import { sendBytes } from "../../../test/lessons-factories.ts";
import type { JournalSchool } from "../journal/journal.test-support.ts";

export const HEADER = ["Ученик", "Дата", "Урок №", "Отметка", "Комментарий"];

/** The journal key of the test school's maths journal as a query string. */
export function journalQuery(s: Pick<JournalSchool, "class5a" | "maths" | "period">, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ classId: s.class5a.id, subjectId: s.maths.id, periodId: s.period.id, ...extra }).toString();
}

export const templateUrl = (s: Pick<JournalSchool, "class5a" | "maths" | "period">, format: "csv" | "xlsx") =>
  `/api/v1/journal/grade-import/template?${journalQuery(s, { format })}`;

/** Sends a file for a check (the default) or, with `dryRun: "false"`, the import. */
export function importFile(
  client: TestClient,
  s: Pick<JournalSchool, "class5a" | "maths" | "period">,
  bytes: Uint8Array | string,
  query: Record<string, string> = {},
) {
  return sendBytes(client, `/api/v1/journal/grade-import?${journalQuery(s, query)}`, bytes);
}

/** A CSV file: the header and the rows, `;`-separated unless told. */
export function csv(rows: readonly (readonly string[])[], delimiter = ";", header: readonly string[] = HEADER): string {
  return `${[header, ...rows].map((r) => r.join(delimiter)).join("\r\n")}\r\n`;
}

/** A file as its bytes, downloaded by a user signing in anew (the test client reads answers as text). */
export async function downloadBytes(t: TestApp, user: { login: string; password: string }, url: string) {
  const login = await t.server.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    headers: { "content-type": "application/json", "x-otmetka-csrf": "1" },
    payload: JSON.stringify({ login: user.login, password: user.password }),
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return t.server.inject({ method: "GET", url, headers: { cookie } });
}
