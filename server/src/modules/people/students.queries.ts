import type { EnrolmentView, GuardianView, StudentCard, StudentListItem } from "@otmetka/core/contracts/people.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { isSnilsChecksumExempt } from "@otmetka/core/rules/identifiers.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { enrolmentAbilities, guardianAbilities, studentAbilities } from "./people.policy.ts";
import type { PersonRow } from "./people.queries.ts";

const fullName = (p: { last_name: string; first_name: string; middle_name: string }) =>
  [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(" ");

/** Ё and е are one letter to someone searching a name. */
const foldedName = sql`replace(lower(p.last_name || ' ' || p.first_name || ' ' || p.middle_name), 'ё', 'е')`;

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Each word of the query must match the ФИО, or digits a part of the СНИЛС. */
function searchCondition(q: string): Sql[] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => {
      if (/^[\d-]+$/.test(word)) return sql`p.snils like ${likePattern(word.replace(/-/g, ""))}`;
      return sql`${foldedName} like ${likePattern(word.toLowerCase().replace(/ё/g, "е"))} escape '\\'`;
    });
}

export interface StudentListFilter {
  q?: string | undefined;
  classId?: string | undefined;
  includeArchived?: boolean;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function listStudents(
  db: Db,
  actor: SchoolActor,
  today: string,
  filter: StudentListFilter,
): Promise<{ items: StudentListItem[]; total: number }> {
  const conditions: Sql[] = [sql`p.school_id = ${actor.schoolId}`];
  if (!filter.includeArchived) conditions.push(sql`p.archived_at is null`);
  if (filter.q) conditions.push(...searchCondition(filter.q));
  if (filter.classId) conditions.push(sql`cur.class_id = ${filter.classId}`);
  const from = sql`
    from people p
    left join lateral (
      select e.class_id from enrolments e
      where e.school_id = p.school_id and e.person_id = p.id and e.starts_on <= ${today} and (e.ends_on is null or e.ends_on >= ${today})
      order by e.starts_on desc limit 1) cur on true
    left join classes c on c.school_id = p.school_id and c.id = cur.class_id
    where ${sql.join(conditions, " and ")}`;
  const { total } = await db.one<{ total: number }>(sql`select count(*) as total ${from}`);
  const rows = await db.many<{
    id: string;
    last_name: string;
    first_name: string;
    middle_name: string;
    birth_date: string;
    has_account: boolean;
    archived: boolean;
    class_id: string | null;
    class_name: string | null;
  }>(sql`
    select p.id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.user_id is not null as has_account,
           p.archived_at is not null as archived, c.id as class_id, c.grade::text || c.letter as class_name
    ${from}
    order by lower(p.last_name), lower(p.first_name), lower(p.middle_name), p.id
    limit ${filter.limit ?? 50} offset ${filter.offset ?? 0}`);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      displayName: fullName(r),
      birthDate: r.birth_date,
      currentClass: r.class_id ? { id: r.class_id, name: r.class_name ?? "" } : null,
      hasAccount: r.has_account,
      archived: r.archived,
    })),
  };
}

interface EnrolmentRow {
  id: string;
  class_id: string;
  class_name: string;
  group_id: string | null;
  group_name: string | null;
  starts_on: string;
  ends_on: string | null;
}

/** Enrolments of one student (or the one with `enrolmentId`), newest first. */
export async function listEnrolments(
  db: Db,
  actor: SchoolActor,
  person: { id: string; archived: boolean },
  today: string,
  enrolmentId?: string,
): Promise<EnrolmentView[]> {
  const rows = await db.many<EnrolmentRow>(sql`
    select e.id, e.class_id, c.grade::text || c.letter as class_name, e.group_id, g.name as group_name, e.starts_on, e.ends_on
    from enrolments e
      join classes c on c.school_id = e.school_id and c.id = e.class_id
      left join class_groups g on g.school_id = e.school_id and g.id = e.group_id
    where e.school_id = ${actor.schoolId} and e.person_id = ${person.id}
      ${enrolmentId ? sql`and e.id = ${enrolmentId}` : sql``}
    order by e.starts_on desc, e.id`);
  return rows.map((r) => ({
    id: r.id,
    class: { id: r.class_id, name: r.class_name },
    group: r.group_id ? { id: r.group_id, name: r.group_name ?? "" } : null,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    current: r.starts_on <= today && (r.ends_on === null || r.ends_on >= today),
    abilities: enrolmentAbilities(actor, { endsOn: r.ends_on, studentArchived: person.archived }),
  }));
}

export async function listGuardians(
  db: Db,
  actor: SchoolActor,
  person: { id: string; archived: boolean },
  parentUserId?: string,
): Promise<GuardianView[]> {
  const rows = await db.many<{
    user_id: string;
    last_name: string;
    first_name: string;
    middle_name: string;
    email: string | null;
    phone: string | null;
    relation: GuardianView["relation"];
    invited: boolean;
    confirmed_by: string | null;
    confirmed_by_name: string | null;
    confirmed_at: Date | null;
  }>(sql`
    select u.id as user_id, u.last_name, u.first_name, u.middle_name, u.email, u.phone, g.relation,
           u.password_hash is null as invited, g.confirmed_by, g.confirmed_at,
           trim(cb.last_name || ' ' || cb.first_name || ' ' || cb.middle_name) as confirmed_by_name
    from guardianships g join users u on u.id = g.parent_user_id left join users cb on cb.id = g.confirmed_by
    where g.school_id = ${actor.schoolId} and g.person_id = ${person.id} and g.archived_at is null
      ${parentUserId ? sql`and g.parent_user_id = ${parentUserId}` : sql``}
    order by u.last_name, u.first_name, u.id`);
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: fullName(r),
    email: r.email,
    phone: r.phone,
    relation: r.relation,
    confirmedBy: r.confirmed_by ? { userId: r.confirmed_by, displayName: r.confirmed_by_name ?? "" } : null,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
    invited: r.invited,
    abilities: guardianAbilities(actor, person.archived),
  }));
}

/** The student card; a person of another school is 404. */
export async function getStudentCard(db: Db, actor: SchoolActor, personId: string, today: string): Promise<StudentCard> {
  const p = await db.maybeOne<PersonRow>(sql`
    select id, last_name, first_name, middle_name, birth_date, gender, snils, document_type, document_series, document_number, user_id, archived_at
    from people where school_id = ${actor.schoolId} and id = ${personId}`);
  if (!p) throw new AppError("not_found", "No such student");
  const archived = p.archived_at !== null;
  const account = p.user_id
    ? await db.one<{ id: string; email: string | null; phone: string | null; invited: boolean }>(sql`
        select id, email, phone, password_hash is null as invited from users where id = ${p.user_id}`)
    : null;
  return {
    id: p.id,
    lastName: p.last_name,
    firstName: p.first_name,
    middleName: p.middle_name,
    displayName: fullName(p),
    birthDate: p.birth_date,
    gender: p.gender,
    snils: p.snils,
    snilsNeedsReview: p.snils !== null && isSnilsChecksumExempt(p.snils),
    document: p.document_type ? { type: p.document_type, series: p.document_series, number: p.document_number ?? "" } : null,
    account: account ? { userId: account.id, email: account.email, phone: account.phone, invited: account.invited } : null,
    archived,
    enrolments: await listEnrolments(db, actor, { id: p.id, archived }, today),
    guardians: await listGuardians(db, actor, { id: p.id, archived }),
    abilities: studentAbilities(actor, { archived, hasAccount: p.user_id !== null }),
  };
}
