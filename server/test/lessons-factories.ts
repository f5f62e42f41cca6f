import type { Db } from "../src/platform/db/db.ts";
import { sql } from "../src/platform/db/sql.ts";
import { buildUser } from "./factories.ts";
import { type TestApp, TestClient } from "./harness.ts";

/** A signed-in student account linked to a student's person record. */
export async function studentAccount(t: TestApp, schoolId: string, personId: string) {
  const user = await buildUser(t.db, { schoolId, role: "student" });
  await t.db.execute(sql`update people set user_id = ${user.id} where school_id = ${schoolId} and id = ${personId}`);
  const client = new TestClient(t);
  await client.signIn(user.login, user.password);
  return { user, client };
}

/** A signed-in parent with a confirmed guardianship of the students. */
export async function parentAccount(t: TestApp, schoolId: string, personIds: readonly string[]) {
  const user = await buildUser(t.db, { schoolId, role: "parent" });
  for (const personId of personIds) {
    await t.db.execute(sql`
      insert into guardianships (school_id, parent_user_id, person_id, confirmed_at) values (${schoolId}, ${user.id}, ${personId}, now())`);
  }
  const client = new TestClient(t);
  await client.signIn(user.login, user.password);
  return { user, client };
}

/** A row of a thematic plan inserted directly. */
export async function buildPlan(
  db: Db,
  options: { schoolId: string; teacherId: string; subjectId: string; classId?: string; topics: readonly string[] },
): Promise<{ id: string; items: { id: string; number: number; topic: string }[] }> {
  const plan = await db.one<{ id: string }>(sql`
    insert into lesson_plans (school_id, teacher_id, subject_id, class_id, name)
    values (${options.schoolId}, ${options.teacherId}, ${options.subjectId}, ${options.classId ?? null}, 'Математика, 5 класс') returning id`);
  const items = [];
  for (const [i, topic] of options.topics.entries()) {
    items.push(
      await db.one<{ id: string; number: number; topic: string }>(sql`
        insert into lesson_plan_items (school_id, plan_id, number, topic) values (${options.schoolId}, ${plan.id}, ${i + 1}, ${topic})
        returning id, number, topic`),
    );
  }
  return { id: plan.id, items };
}

/** Sends raw bytes as a browser's upload does (application/octet-stream). */
export function sendBytes(client: TestClient, url: string, bytes: Uint8Array | string) {
  return client.request("POST", url, Buffer.from(bytes), { "content-type": "application/octet-stream" });
}
