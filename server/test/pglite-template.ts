import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromPglite, PgBoss } from "pg-boss";
import { migrate, MIGRATIONS_DIR } from "../src/platform/db/migrate.ts";
import { openPglite } from "../src/platform/db/pglite.ts";

/** The installed PGlite and pg-boss, from the lockfile: a dump is loadable by the same PGlite only. */
const LOCKED_PACKAGES = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")).packages;
const VERSIONS = ["@electric-sql/pglite", "pg-boss"].map((name) => `${name}@${LOCKED_PACKAGES[`node_modules/${name}`]?.version}`).join();

/**
 * A migrated, empty PGlite database saved as a tarball, from which each test file starts its
 * in-memory database: loading it takes about a second, where initdb plus the migrations take
 * five or more on this machine (pg-boss's schema is in it too). The file name carries a hash of the migrations, so a changed
 * or new migration makes a new template.
 */
export function templatePath(): string {
  const hash = createHash("sha256").update(VERSIONS);
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) hash.update(name).update(readFileSync(join(MIGRATIONS_DIR, name)));
  return join(tmpdir(), `otmetka-pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
}

/** Creates the template unless it exists (vitest's global setup calls this once per run). */
export async function ensureTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const db = await openPglite(undefined);
  try {
    await migrate(db);
    if (db.connection.kind !== "pglite") throw new Error("Expected PGlite");
    // pg-boss installs its schema at each app start unless it is there already.
    const boss = new PgBoss({
      db: fromPglite(db.connection.pglite),
      backend: "pglite",
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await boss.start();
    await boss.stop({ graceful: false });
    const dump = await db.connection.pglite.dumpDataDir("none");
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await db.close();
  }
  return path;
}

/** The template's contents, when it has been made. */
export function loadTemplate(): Blob | undefined {
  const path = templatePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}
