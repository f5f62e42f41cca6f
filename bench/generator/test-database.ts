import { randomUUID } from "node:crypto";
import type { Database } from "../../server/src/platform/db/db.ts";
import { openDatabase } from "../../server/src/platform/db/open.ts";

/** An empty database of its own: a fresh in-memory PGlite, or a scratch schema on PostgreSQL. */
export async function openEmptyDatabase(kind: "pglite" | "postgres"): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ dataDir: "", inMemory: true });
    return { db, drop: () => db.close() };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const schema = `generator_test_${randomUUID().slice(0, 8)}`;
  const admin = await openDatabase({ databaseUrl: base, dataDir: "" });
  await admin.exec(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
  return {
    db,
    async drop() {
      await db.close();
      await admin.exec(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}
