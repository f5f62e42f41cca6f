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
      const inner: Db = wrapRunner(
        client,
        "postgres",
        async (s) => void (await client.query(s)),
        (nested) => nested(inner),
      );
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
  const unlisteners = new Set<() => Promise<void>>();
  return {
    ...base,
    connection: { kind: "postgres", url },
    async close() {
      await Promise.all([...unlisteners].map((stop) => stop()));
      await pool.end();
    },
    async listen(channel, onPayload, onReconnect) {
      let stopped = false;
      let client: pg.Client | null = null;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on("notification", (msg) => {
          if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
        });
        // A dropped connection emits "error" then "end"; "end" replaces it.
        c.on("error", () => {});
        try {
          await c.connect();
          await c.query(`LISTEN "${channel.replaceAll('"', "")}"`);
        } catch (error) {
          await c.end().catch(() => {});
          throw error;
        }
        if (stopped) return void (await c.end().catch(() => {}));
        client = c;
        c.once("end", () => void reconnect());
      };
      // The LISTEN connection is replaced, every second until the server answers again; what was
      // notified in between is lost, which onReconnect tells the listener.
      const reconnect = async () => {
        while (!stopped) {
          await new Promise((r) => setTimeout(r, 1000));
          const connected = await connect().then(
            () => true,
            () => false,
          );
          if (connected) return onReconnect?.();
        }
      };
      await connect();
      const stop = async () => {
        stopped = true;
        unlisteners.delete(stop);
        await client?.end().catch(() => {});
      };
      unlisteners.add(stop);
      return stop;
    },
  };
}
