import { join } from "node:path";
import type { Database } from "./db.ts";
import { lockDataDirectory } from "./lock.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";

export interface DatabaseConfig {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database, mail and SMS sinks. */
  dataDir: string;
  /** In-memory PGlite (tests): no directory, no lock. */
  inMemory?: boolean;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  if (config.inMemory) return openPglite(undefined);
  const release = lockDataDirectory(config.dataDir);
  try {
    const db = await openPglite(join(config.dataDir, "pglite"));
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
