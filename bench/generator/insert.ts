import type { Db } from "../../server/src/platform/db/db.ts";
import { sql } from "../../server/src/platform/db/sql.ts";

export type ColumnType = "uuid" | "text" | "date" | "time" | "timestamptz" | "smallint" | "integer" | "bigint" | "boolean" | "jsonb";

/** Rows per statement: each column travels as one array parameter, so the statement stays small. */
const BATCH = 5000;

/**
 * Bulk insert: `insert into t (a, b) select * from unnest($1::uuid[], $2::text[])`, one
 * statement per 5,000 rows. Table and column names are trusted constants of the generator.
 */
export async function insertRows<T>(
  db: Db,
  table: string,
  columns: readonly (readonly [name: string, type: ColumnType, value: (row: T) => unknown])[],
  rows: readonly T[],
): Promise<number> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map(([, type, value]) => sql`${batch.map(value)}::${sql.raw(type)}[]`);
    await db.execute(sql`
      insert into ${sql.raw(table)} (${sql.raw(columns.map(([name]) => name).join(", "))})
      select * from unnest(${sql.join(arrays)})`);
  }
  return rows.length;
}
