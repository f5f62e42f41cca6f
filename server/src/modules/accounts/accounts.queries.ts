import type { MeView } from "@otmetka/core/contracts/auth.ts";
import type { Role } from "@otmetka/core/contracts/common.ts";
import { DEFAULT_SCHOOL_SETTINGS, SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { meAbilities } from "./accounts.policy.ts";

export interface UserRow {
  id: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  last_name: string;
  first_name: string;
  middle_name: string;
  birth_date: string | null;
  locale: "ru" | "en";
  status: "pending" | "active" | "disabled";
  mfa_enabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

/** Finds an account by e-mail (any case) or E.164 phone. Used before sign-in, so unscoped. */
export async function unsafeFindUserByLogin(db: Db, login: { email?: string; phone?: string }): Promise<UserRow | null> {
  if (login.email) return db.maybeOne<UserRow>(sql`select * from users where lower(email) = lower(${login.email})`);
  if (login.phone) return db.maybeOne<UserRow>(sql`select * from users where phone = ${login.phone}`);
  return null;
}

/** The latest settings of a school, or the defaults for a school that never changed them. */
export async function getSchoolSettings(db: Db, schoolId: string | null): Promise<SchoolSettings & { version: number }> {
  if (!schoolId) return { ...DEFAULT_SCHOOL_SETTINGS, version: 0 };
  const row = await db.maybeOne<{ version: number; settings: unknown }>(
    sql`select version, settings from school_settings where school_id = ${schoolId} order by version desc limit 1`,
  );
  return settingsOf(row);
}

/**
 * The school's latest settings as one jsonb value `{version, settings}` (null when none were
 * saved), for a query that reads them along with something else; `settingsOf` reads it back.
 */
export const latestSettingsSql = (schoolId: Sql) => sql`(select jsonb_build_object('version', ss.version, 'settings', ss.settings)
  from school_settings ss where ss.school_id = ${schoolId} order by ss.version desc limit 1)`;

/**
 * Settings already read, by their stored text. Most requests read their school's settings, and
 * validating them was a fifth of what a saved mark allocated; a stored version never changes
 * (a change inserts the next one), so a text maps to one result. Bounded: cleared when full.
 */
const parsedSettings = new Map<string, Readonly<SchoolSettings>>();
const PARSED_SETTINGS_LIMIT = 1000;

/** Settings as stored (or none: the defaults), completed with the defaults of newer fields. */
export function settingsOf(row: { version: number; settings: unknown } | null): SchoolSettings & { version: number } {
  if (!row) return { ...DEFAULT_SCHOOL_SETTINGS, version: 0 };
  const text = JSON.stringify(row.settings);
  let parsed = parsedSettings.get(text);
  if (!parsed) {
    parsed = deepFreeze(SchoolSettings.parse({ ...DEFAULT_SCHOOL_SETTINGS, ...(row.settings as object) }));
    if (parsedSettings.size >= PARSED_SETTINGS_LIMIT) parsedSettings.clear();
    parsedSettings.set(text, parsed);
  }
  return { ...parsed, version: row.version };
}

/** Shared between requests, so frozen: a caller that changed it would change everyone's. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The school a new session starts in: the user's first school by role priority. */
export async function defaultSchoolOf(db: Db, userId: string): Promise<string | null> {
  const row = await db.maybeOne<{ school_id: string }>(sql`
    select m.school_id from memberships m join schools s on s.id = m.school_id
    where m.user_id = ${userId} and m.archived_at is null and s.archived_at is null
    order by array_position(array['admin','teacher','student','parent'], m.role), m.created_at limit 1`);
  return row?.school_id ?? null;
}

export async function getMe(db: Db, actor: Actor): Promise<MeView> {
  const user = await db.one<UserRow>(sql`select * from users where id = ${actor.userId}`);
  const memberships = await db.many<{ school_id: string; school_name: string; role: Role; class_ids: string[] | null }>(sql`
    select m.school_id, s.short_name as school_name, m.role,
           (select array_agg(c.id) from classes c
             where c.school_id = m.school_id and c.class_teacher_id = m.user_id and c.archived_at is null) as class_ids
    from memberships m join schools s on s.id = m.school_id
    where m.user_id = ${actor.userId} and m.archived_at is null and s.archived_at is null
    order by s.short_name, m.role`);
  return {
    userId: user.id,
    displayName: actor.displayName,
    email: user.email,
    phone: user.phone,
    locale: user.locale,
    memberships: memberships.map((m) => ({
      schoolId: m.school_id,
      schoolName: m.school_name,
      role: m.role,
      classTeacherOf: m.role === "teacher" ? (m.class_ids ?? []) : [],
    })),
    currentSchoolId: actor.schoolId,
    roles: actor.roles,
    mfaEnabled: user.mfa_enabled,
    mfaSetupRequired: actor.incomplete === "mfa_setup",
    abilities: meAbilities(actor),
  };
}
