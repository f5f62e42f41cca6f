import { PGlite, types } from "@electric-sql/pglite";
import { type Database, type Db, wrapRunner } from "./db.ts";

/** Dates stay `YYYY-MM-DD` strings and counts become numbers, the same as on the pg driver. */
const parsers = {
  [types.DATE]: (value: string) => value,
  [types.INT8]: (value: string) => Number(value),
};

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await pg.waitReady;

  const exec = async (script: string) => {
    await pg.exec(script);
  };

  const transaction: Db["transaction"] = (fn) =>
    pg.transaction(async (tx) => {
      const inner: Db = wrapRunner(tx, "pglite", async (s) => void (await tx.exec(s)), (nested) => nested(inner));
      return fn(inner);
    });

  const base = wrapRunner(pg, "pglite", exec, transaction);
  return {
    ...base,
    async close() {
      await pg.close();
    },
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return unsubscribe;
    },
  };
}
