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
   * Sends a statement whose answer nobody needs (an audit row, a recomputed total). In a
   * transaction it resolves at once: the statement goes out with the ones after it, the commit
   * waits for it, and if it fails the transaction fails with its error. Elsewhere it resolves
   * when the statement has run.
   */
  send(query: Sql): Promise<void>;
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

/**
 * What a transaction sent without waiting (`Db.send`): its commit waits for all of it, and a
 * failure among it is the transaction's error (a statement after it only meets the aborted
 * transaction).
 */
export class SentStatements {
  readonly #sent: Promise<unknown>[] = [];

  track(statement: Promise<unknown>): Promise<void> {
    statement.catch(() => {});
    this.#sent.push(statement);
    return Promise.resolve();
  }

  /** Resolves when every sent statement has run; rejects with the first failure. */
  async all(): Promise<void> {
    await Promise.all(this.#sent);
  }

  /** The error of the first sent statement that failed, if any. */
  async firstFailure(): Promise<unknown> {
    for (const statement of this.#sent) {
      try {
        await statement;
      } catch (error) {
        return error;
      }
    }
    return undefined;
  }
}

export function wrapRunner(
  run: QueryRunner,
  kind: Db["kind"],
  exec: (s: string) => Promise<void>,
  transaction: Db["transaction"],
  sent?: SentStatements,
): Db {
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
    send(query: Sql) {
      const { text, values } = query.toQuery();
      const statement = run.query(text, values);
      return sent ? sent.track(statement) : statement.then(() => undefined);
    },
    async queryText(text: string, values: unknown[]) {
      return { rows: (await run.query(text, values)).rows };
    },
    exec,
    transaction,
  };
}
