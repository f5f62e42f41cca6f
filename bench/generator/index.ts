/**
 * The demo and benchmark data generator: realistic, deterministic Russian school data.
 *
 *   const { plan, rows } = await generateSchool(db, { seed: 1, students: 600, year: 2025 });
 *
 * Same seed and options → same names, dates, СНИЛС, ИНН… (only the UUIDs differ between runs).
 * Planning is in memory (plan.ts); writing is bulk inserts in one transaction per school (write.ts).
 */
import type { Db } from "../../server/src/platform/db/db.ts";
import { sql } from "../../server/src/platform/db/sql.ts";
import { TakenIdentifiers } from "./identifiers.ts";
import { planSchool, type SchoolOptions } from "./plan.ts";
import type { SchoolPlan } from "./types.ts";
import { type RowCounts, writeSchoolPlan } from "./write.ts";

export { academicYearOf } from "./calendar.ts";
export { COMPARE_PRESET, planSchool, type SchoolOptions } from "./plan.ts";
export { CITIES } from "./school.ts";
export { TakenIdentifiers } from "./identifiers.ts";
export { patronymicOf, surnameFor } from "./names.ts";
export type * from "./types.ts";
export { TABLE_FAMILIES, type RowCounts } from "./write.ts";

export interface GenerateOptions extends SchoolOptions {
  /** Changes the plan before it is written (the demo seed wires its sign-in accounts in here). */
  adjust?: (plan: SchoolPlan) => void | Promise<void>;
  /** Reason recorded on the audit events. */
  reason?: string;
}

export interface GeneratedSchool {
  plan: SchoolPlan;
  rows: RowCounts;
  milliseconds: number;
}

/** Plans one school and writes it in one transaction. */
export async function generateSchool(db: Db, options: GenerateOptions): Promise<GeneratedSchool> {
  const started = performance.now();
  const plan = planSchool(options);
  await options.adjust?.(plan);
  const rows = await db.transaction((tx) =>
    writeSchoolPlan(tx, plan, { reason: options.reason ?? `generated data (seed ${options.seed})` }),
  );
  return { plan, rows, milliseconds: performance.now() - started };
}

/**
 * Identifiers already in the database, so a run into a non-empty database never breaks a unique
 * index (the data then depends on what was there; on an empty database it is deterministic).
 */
export async function loadTakenIdentifiers(db: Db): Promise<TakenIdentifiers> {
  const taken = new TakenIdentifiers();
  for (const r of await db.many<{ email: string }>(sql`select lower(email) as email from users where email is not null`))
    taken.emails.add(r.email);
  for (const r of await db.many<{ phone: string }>(sql`select phone from users where phone is not null`)) taken.phones.add(r.phone);
  for (const r of await db.many<{ key: string }>(sql`select inn || kpp as key from schools`)) taken.schools.add(r.key);
  return taken;
}
