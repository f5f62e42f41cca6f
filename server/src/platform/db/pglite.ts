import { PGlite, types } from "@electric-sql/pglite";
import { type Database, type Db, SentStatements, wrapRunner } from "./db.ts";

/** Dates stay `YYYY-MM-DD` strings and counts become numbers, the same as on the pg driver. */
const parsers = {
  [types.DATE]: (value: string) => value,
  [types.INT8]: (value: string) => Number(value),
};

/**
 * Opens PGlite in `dataDir`, or in memory when it is undefined. `loadDataDir` starts the
 * in-memory database from a dump (PGlite's `dumpDataDir`) instead of running initdb, which is
 * several times faster: the tests start each file from a migrated template this way.
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const pg = dataDir
    ? new PGlite(dataDir, { parsers })
    : new PGlite({ parsers, ...(options.loadDataDir && { loadDataDir: options.loadDataDir }) });
  await pg.waitReady;

  const exec = async (script: string) => {
    await pg.exec(script);
  };

  const transaction: Db["transaction"] = (fn) =>
    pg.transaction(async (tx) => {
      const sent = new SentStatements();
      const inner: Db = wrapRunner(
        tx,
        "pglite",
        async (s) => void (await tx.exec(s)),
        (nested) => nested(inner),
        sent,
      );
      try {
        const result = await fn(inner);
        await sent.all();
        return result;
      } catch (error) {
        throw (await sent.firstFailure()) ?? error;
      }
    });

  const base = wrapRunner(pg, "pglite", exec, transaction);
  return {
    ...base,
    connection: { kind: "pglite", pglite: pg },
    async close() {
      await pg.close();
    },

    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return unsubscribe;
    },
  };
}
