import pg from "pg";
import { type Database, type Db, wrapRunner } from "./db.ts";

pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Fail at start-up, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();

  const exec = async (script: string) => {
    await pool.query(script);
  };

  const transaction: Db["transaction"] = async (fn) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const inner: Db = wrapRunner(client, "postgres", async (s) => void (await client.query(s)), (nested) => nested(inner));
      const result = await fn(inner);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  const base = wrapRunner(pool, "postgres", exec, transaction);
  const listeners: pg.Client[] = [];
  return {
    ...base,
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => {})));
      await pool.end();
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      listeners.push(client);
      client.on("notification", (msg) => {
        if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
      });
      await client.query(`LISTEN "${channel.replaceAll('"', "")}"`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
  };
}
