import { createHash } from "node:crypto";
import pg from "pg";
import { type Database, type Db, type QueryRunner, SentStatements, wrapRunner } from "./db.ts";
import { SharedListener } from "./pg-listener.ts";

pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Pipelining: a statement goes out without waiting for the answer to the one before it (the
  // server still runs them in order). A transaction sends BEGIN with its first statement, and
  // statements issued together (Promise.all) share one round trip.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, pipeline: true });
  // Fail at start-up, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();

  const exec = async (script: string) => {
    await pool.query(script);
  };

  const transaction: Db["transaction"] = async (fn) => {
    const client = await pool.connect();
    const batched = batchWrites(client);
    const sent = new SentStatements();
    try {
      const inner: Db = wrapRunner(
        prepared(batched),
        "postgres",
        async (s) => void (await client.query(s)),
        (nested) => nested(inner),
        sent,
      );
      const [, result] = await Promise.all([batched.query("BEGIN", []), fn(inner)]);
      // COMMIT leaves with the statements sent last. If one of them failed, the server ended the
      // transaction as a rollback and the failure rejects here.
      await Promise.all([sent.all(), batched.query("COMMIT", [])]);
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw (await sent.firstFailure()) ?? error;
    } finally {
      client.release();
    }
  };

  const base = wrapRunner(prepared(pool), "postgres", exec, transaction);
  const listener = new SharedListener(url);
  return {
    ...base,
    connection: { kind: "postgres", url },
    async close() {
      await listener.close();
      await pool.end();
    },
    listen: (channel, onPayload, onReconnect) => listener.subscribe(channel, onPayload, onReconnect),
  };
}

/**
 * A transaction's client whose statements issued in one turn of the event loop leave in one
 * socket write: the first one corks the connection's stream until the current tick's work is
 * done. Each write to a socket is a system call that wakes the database's process; on a small
 * virtual machine that costs more than building the statement (a profile of saves under load
 * had about a quarter of the server's samples in `writev`).
 */
function batchWrites(client: pg.PoolClient): QueryRunner & { query(config: pg.QueryConfig): Promise<pg.QueryResult> } {
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  let corked = false;
  return {
    query(text: string | pg.QueryConfig, values?: unknown[]) {
      if (!corked) {
        corked = true;
        stream.cork();
        process.nextTick(() => {
          corked = false;
          stream.uncork();
        });
      }
      return typeof text === "string" ? client.query(text, values) : client.query(text);
    },
  };
}

/** How many statement texts get a prepared statement (per process; on each pooled connection). */
const PREPARED_LIMIT = 400;
/** How often a text must have run before it is prepared (one-off texts stay unnamed). */
const PREPARE_AFTER = 3;
const seen = new Map<string, number>();
const names = new Map<string, string>();

/**
 * Runs a statement text that keeps coming back as a named prepared statement: PostgreSQL parses
 * it once per connection and can keep its plan, instead of parsing and planning it on every call
 * (measured: parsing and planning were about half of PostgreSQL's time per saved mark). Texts are
 * counted, and only the first PREPARED_LIMIT that ran PREPARE_AFTER times are named, so texts
 * built with a varying number of values (bulk inserts) cannot fill the server's memory.
 */
function prepared(runner: QueryRunner & { query(config: pg.QueryConfig): Promise<pg.QueryResult> }): QueryRunner {
  return {
    query(text, values) {
      const name = nameOf(text);
      return name ? runner.query({ name, text, values }) : runner.query(text, values);
    },
  };
}

/**
 * A `*` select list: its prepared form would fail ("cached plan must not change result type")
 * once a migration of a newer instance adds a column during a rolling upgrade, so such texts are
 * never named.
 */
const STAR_LIST = /\*\s*(from\b|,)|returning\s+\*/i;

function nameOf(text: string): string | undefined {
  if (STAR_LIST.test(text)) return undefined;
  const known = names.get(text);
  if (known !== undefined || names.size >= PREPARED_LIMIT) return known;
  const count = (seen.get(text) ?? 0) + 1;
  if (count < PREPARE_AFTER) {
    // Counting starts over when one-off texts pile up.
    if (seen.size >= 10 * PREPARED_LIMIT) seen.clear();
    seen.set(text, count);
    return undefined;
  }
  seen.delete(text);
  const name = `otm_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  names.set(text, name);
  return name;
}
