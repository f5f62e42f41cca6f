import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "./sql.ts";

/**
 * The one query interface of the server. Two drivers implement it: PGlite (embedded, the default)
 * and node-postgres (when DATABASE_URL is set). Both speak the same PostgreSQL dialect.
 */
export interface Db {
  /** Rows of a query. */
  many<T>(query: Sql): Promise<T[]>;
  /** The single row of a query; throws if there is none. */
  one<T>(query: Sql): Promise<T>;
  /** The first row, or null. */
  maybeOne<T>(query: Sql): Promise<T | null>;
  /** Runs a statement; returns the number of rows it touched. */
  execute(query: Sql): Promise<number>;
  /**
   * Runs `fn` in a transaction: all of it commits, or none of it. Inside, use only `tx`: with
   * PGlite's single connection, the outer handle would wait for the transaction forever.
   */
  transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R>;
  /** Runs a script of several statements (migrations only). */
  exec(script: string): Promise<void>;
  /**
   * Runs one statement given as text with `$1…` placeholders. Only for libraries that bring their
   * own SQL (pg-boss sending a job in the caller's transaction); application code uses `sql`.
   */
  queryText(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
  readonly kind: "pglite" | "postgres";
}

export interface Database extends Db {
  close(): Promise<void>;
  /**
   * Subscribes to a NOTIFY channel; returns the unsubscribe function. On PostgreSQL a dropped
   * LISTEN connection is replaced by itself, then `onReconnect` runs: notifications may have been
   * missed in between.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /**
   * How a library with its own driver reaches the same database (pg-boss, platform/jobs): the
   * embedded instance itself (it has one connection), or the server's URL.
   */
  readonly connection: { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; url: string };
}

export interface QueryRunner {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[]; affectedRows?: number; rowCount?: number | null }>;
}

export function wrapRunner(run: QueryRunner, kind: Db["kind"], exec: (s: string) => Promise<void>, transaction: Db["transaction"]): Db {
  const many = async <T>(query: Sql): Promise<T[]> => {
    const { text, values } = query.toQuery();
    const result = await run.query(text, values);
    return result.rows as T[];
  };
  return {
    kind,
    many,
    async one<T>(query: Sql) {
      const rows = await many<T>(query);
      if (rows.length === 0) throw new Error("Expected one row, got none");
      return rows[0] as T;
    },
    async maybeOne<T>(query: Sql) {
      const rows = await many<T>(query);
      return (rows[0] as T | undefined) ?? null;
    },
    async execute(query: Sql) {
      const { text, values } = query.toQuery();
      const result = await run.query(text, values);
      return result.affectedRows ?? result.rowCount ?? 0;
    },
    async queryText(text: string, values: unknown[]) {
      return { rows: (await run.query(text, values)).rows };
    },
    exec,
    transaction,
  };
}
