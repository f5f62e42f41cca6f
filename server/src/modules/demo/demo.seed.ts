import { recordEvent } from "../../platform/audit/events.ts";
import { hashPassword } from "../../platform/auth/password.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

export interface DemoLogin {
  role: string;
  login: string;
  password: string;
}

export const DEMO_PASSWORD = "Demo#Otmetka9";

/** On an empty database, creates the demo school and returns one login per role; else null. */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<DemoLogin[] | null> {
  const existing = await db.maybeOne(sql`select 1 from schools limit 1`);
  if (existing) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const school = await tx.one<{ id: string }>(sql`
      insert into schools (name, short_name, inn, kpp, ogrn, oktmo, address)
      values ('Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»',
              'МБОУ СОШ № 17', '7725308290', '772501001', '1117792450380', '45382000', 'г. Москва, ул. Школьная, д. 17')
      returning id`);
    const year = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    await tx.execute(sql`insert into academic_years (school_id, name, starts_on, ends_on)
      values (${school.id}, ${`${year}/${year + 1}`}, ${`${year}-09-01`}, ${`${year + 1}-05-26`})`);
    const people = [
      { role: "admin", login: "admin@demo.otmetka.local", last: "Захарова", first: "Ирина", middle: "Викторовна" },
      { role: "teacher", login: "teacher@demo.otmetka.local", last: "Смирнов", first: "Андрей", middle: "Павлович" },
      { role: "parent", login: "parent@demo.otmetka.local", last: "Кузнецова", first: "Елена", middle: "Сергеевна" },
      { role: "student", login: "student@demo.otmetka.local", last: "Кузнецов", first: "Артём", middle: "Дмитриевич" },
    ] as const;
    for (const p of people) {
      const user = await tx.one<{ id: string }>(sql`
        insert into users (email, password_hash, last_name, first_name, middle_name, email_verified_at)
        values (${p.login}, ${passwordHash}, ${p.last}, ${p.first}, ${p.middle}, now()) returning id`);
      await tx.execute(sql`insert into memberships (school_id, user_id, role) values (${school.id}, ${user.id}, ${p.role})`);
      await recordEvent(tx, { schoolId: school.id, actorUserId: null, entity: "membership", entityId: user.id, action: "create", after: { role: p.role }, reason: "demo data" });
    }
    return people.map((p) => ({ role: p.role, login: p.login, password: DEMO_PASSWORD }));
  });
}
