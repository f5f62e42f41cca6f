import { randomUUID } from "node:crypto";
import type { Role } from "@otmetka/core/contracts/common.ts";
import { hashPassword } from "../src/platform/auth/password.ts";
import type { Db } from "../src/platform/db/db.ts";
import { sql } from "../src/platform/db/sql.ts";

export const TEST_PASSWORD = "Zebra#Lantern7";
const passwordHash = hashPassword(TEST_PASSWORD);

let innCounter = 0;

/** A school of its own for each test: tests never share rows, so they need no cleanup. */
export async function buildSchool(db: Db, overrides: { shortName?: string } = {}) {
  const n = String(Date.now() % 1e6).padStart(6, "0") + String(innCounter++ % 1000).padStart(3, "0");
  const school = await db.one<{ id: string }>(sql`
    insert into schools (name, short_name, inn, kpp, ogrn, oktmo)
    values ('Тестовая школа', ${overrides.shortName ?? `Школа ${n}`}, ${randomUUID().slice(0, 10)}, '773601001', '1027700132195', '45382000')
    returning id`);
  const year = await db.one<{ id: string }>(sql`
    insert into academic_years (school_id, name, starts_on, ends_on) values (${school.id}, '2026/2027', '2026-09-01', '2027-05-26') returning id`);
  return { schoolId: school.id, yearId: year.id };
}

export interface TestUser {
  id: string;
  login: string;
  password: string;
}

export async function buildUser(
  db: Db,
  options: { schoolId?: string; role?: Role; lastName?: string; firstName?: string } = {},
): Promise<TestUser> {
  const login = `${randomUUID()}@test.otmetka.local`;
  const user = await db.one<{ id: string }>(sql`
    insert into users (email, password_hash, last_name, first_name, email_verified_at)
    values (${login}, ${await passwordHash}, ${options.lastName ?? "Иванов"}, ${options.firstName ?? "Иван"}, now()) returning id`);
  if (options.schoolId && options.role) {
    await db.execute(sql`insert into memberships (school_id, user_id, role) values (${options.schoolId}, ${user.id}, ${options.role})`);
  }
  return { id: user.id, login, password: TEST_PASSWORD };
}
