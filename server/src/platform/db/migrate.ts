import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "./db.ts";
import { sql } from "./sql.ts";

export const MIGRATIONS_DIR = new URL("../../../migrations/", import.meta.url).pathname;

/**
 * Applies the numbered SQL files of server/migrations in order, each in its own transaction,
 * once. A file that was applied and later edited stops the start-up: migrations are append-only.
 * On PostgreSQL an advisory lock keeps two starting instances from migrating at once.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727001)`);
    await tx.exec(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const applied = new Map(
      (await tx.many<{ name: string; checksum: string }>(sql`select name, checksum from schema_migrations`)).map((r) => [
        r.name,
        r.checksum,
      ]),
    );
    const done: string[] = [];
    for (const file of files) {
      const text = await readFile(join(dir, file), "utf8");
      const checksum = createHash("sha256").update(text).digest("hex");
      const previous = applied.get(file);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      await tx.exec(text);
      await tx.execute(sql`insert into schema_migrations (name, checksum) values (${file}, ${checksum})`);
      done.push(file);
    }
    return done;
  });
}
