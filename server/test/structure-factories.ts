import type { Role } from "@otmetka/core/contracts/common.ts";
import type { Db } from "../src/platform/db/db.ts";
import { sql } from "../src/platform/db/sql.ts";
import { buildSchool, buildUser, type TestUser } from "./factories.ts";
import { type TestApp, TestClient } from "./harness.ts";

/** A user with a role in the school, already signed in. */
export async function signedInAs(t: TestApp, schoolId: string, role: Role, names: { lastName?: string; firstName?: string } = {}) {
  const user: TestUser = await buildUser(t.db, { schoolId, role, ...names });
  const client = new TestClient(t);
  await client.signIn(user.login, user.password);
  return { user, client };
}

/** A school (with its 2026/2027 year) and a signed-in admin: where most structure tests start. */
export async function schoolWithAdmin(t: TestApp) {
  const school = await buildSchool(t.db);
  const admin = await signedInAs(t, school.schoolId, "admin", { lastName: "Захарова", firstName: "Ирина" });
  return { ...school, admin: admin.user, client: admin.client };
}

/** Audit rows of an entity, oldest first. */
export async function eventsOf(db: Db, schoolId: string, entity: string, entityId: string) {
  return db.many<{ action: string; actor_user_id: string | null; before: any; after: any }>(sql`
    select action, actor_user_id, before, after from events
    where school_id = ${schoolId} and entity = ${entity} and entity_id = ${entityId} order by pos`);
}

const TABLES = ["academic_years", "periods", "holidays", "subjects", "classes", "class_groups", "school_settings"] as const;

/**
 * Everything the school-structure feature stores for a school, and its audit log length: equal
 * snapshots before and after a refused request prove it changed nothing.
 */
export async function structureSnapshot(db: Db, schoolId: string): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {
    school: await db.one(sql`select * from schools where id = ${schoolId}`),
    events: (await db.one<{ n: number }>(sql`select count(*)::int as n from events where school_id = ${schoolId}`)).n,
  };
  for (const table of TABLES) {
    snapshot[table] = await db.many(sql`select * from ${sql.raw(table)} where school_id = ${schoolId} order by 2, 1`);
  }
  return snapshot;
}
