import type { Role } from "@otmetka/core/contracts/common.ts";
import type { Db } from "../src/platform/db/db.ts";
import { sql } from "../src/platform/db/sql.ts";
import { buildSchool, buildUser, type TestUser } from "./factories.ts";
import { type TestApp, TestClient } from "./harness.ts";

/** Classes, groups and subjects are inserted directly: the structure feature owns their API. */
export async function buildClass(
  db: Db,
  options: { schoolId: string; yearId: string; grade?: number; letter?: string; classTeacherId?: string; archived?: boolean },
): Promise<{ id: string; name: string }> {
  const grade = options.grade ?? 5;
  const letter = options.letter ?? "А";
  const row = await db.one<{ id: string }>(sql`
    insert into classes (school_id, academic_year_id, grade, letter, class_teacher_id, archived_at)
    values (${options.schoolId}, ${options.yearId}, ${grade}, ${letter}, ${options.classTeacherId ?? null}, ${options.archived ? new Date().toISOString() : null})
    returning id`);
  return { id: row.id, name: `${grade}${letter}` };
}

export async function buildGroup(
  db: Db,
  options: { schoolId: string; classId: string; name?: string; archived?: boolean },
): Promise<{ id: string; name: string }> {
  const name = options.name ?? "1 группа";
  const row = await db.one<{ id: string }>(sql`
    insert into class_groups (school_id, class_id, name, archived_at)
    values (${options.schoolId}, ${options.classId}, ${name}, ${options.archived ? new Date().toISOString() : null}) returning id`);
  return { id: row.id, name };
}

export async function buildSubject(
  db: Db,
  options: { schoolId: string; name?: string; archived?: boolean },
): Promise<{ id: string; name: string }> {
  const name = options.name ?? "Математика";
  const row = await db.one<{ id: string }>(sql`
    insert into subjects (school_id, name, short_name, archived_at)
    values (${options.schoolId}, ${name}, ${name.slice(0, 4)}, ${options.archived ? new Date().toISOString() : null}) returning id`);
  return { id: row.id, name };
}

/** A person record of a student, optionally enrolled from the first day of the year. */
export async function buildStudent(
  db: Db,
  options: { schoolId: string; lastName?: string; firstName?: string; classId?: string; groupId?: string; startsOn?: string },
): Promise<{ id: string }> {
  const row = await db.one<{ id: string }>(sql`
    insert into people (school_id, last_name, first_name, birth_date)
    values (${options.schoolId}, ${options.lastName ?? "Петров"}, ${options.firstName ?? "Пётр"}, '2015-03-14') returning id`);
  if (options.classId) {
    await db.execute(sql`
      insert into enrolments (school_id, person_id, class_id, group_id, starts_on)
      values (${options.schoolId}, ${row.id}, ${options.classId}, ${options.groupId ?? null}, ${options.startsOn ?? "2026-09-01"})`);
  }
  return row;
}

export async function buildAssignment(
  db: Db,
  options: { schoolId: string; teacherId: string; classId: string; subjectId: string; groupId?: string },
): Promise<{ id: string }> {
  return db.one<{ id: string }>(sql`
    insert into teaching_assignments (school_id, teacher_id, class_id, group_id, subject_id)
    values (${options.schoolId}, ${options.teacherId}, ${options.classId}, ${options.groupId ?? null}, ${options.subjectId}) returning id`);
}

/** A user with a role in the school, already signed in. */
export async function signedIn(t: TestApp, schoolId: string, role: Role, names: { lastName?: string; firstName?: string } = {}) {
  const user: TestUser = await buildUser(t.db, { schoolId, role, ...names });
  const client = new TestClient(t);
  await client.signIn(user.login, user.password);
  return { user, client };
}

/** A school with a signed-in admin: the start of most people tests. */
export async function schoolWithAdmin(t: TestApp) {
  const school = await buildSchool(t.db);
  const admin = await signedIn(t, school.schoolId, "admin", { lastName: "Захарова", firstName: "Ирина" });
  return { ...school, admin: admin.user, client: admin.client };
}

/** Audit rows of an entity, oldest first. */
export async function eventsOf(db: Db, schoolId: string, entity: string, entityId: string) {
  return db.many<{ action: string; actor_user_id: string | null; before: any; after: any; reason: string | null }>(sql`
    select action, actor_user_id, before, after, reason from events
    where school_id = ${schoolId} and entity = ${entity} and entity_id = ${entityId} order by pos`);
}

/** Counts rows of a table in a school: proves a refused request changed nothing. */
export async function countRows(
  db: Db,
  table: "people" | "enrolments" | "guardianships" | "teaching_assignments" | "memberships",
  schoolId: string,
) {
  const row = await db.one<{ n: number }>(sql`select count(*) as n from ${sql.raw(table)} where school_id = ${schoolId}`);
  return row.n;
}
