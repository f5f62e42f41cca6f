import type { SchoolProfile, SettingsVersion } from "@otmetka/core/contracts/school.ts";
import { DEFAULT_SCHOOL_SETTINGS, SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { schoolAbilities } from "./schools.policy.ts";

/** The profile fields as stored; what the audit log records before and after a change. */
export type SchoolProfileRow = Omit<SchoolProfile, "abilities">;

export async function findSchoolProfile(db: Db, actor: SchoolActor): Promise<SchoolProfileRow> {
  const row = await db.maybeOne<SchoolProfileRow>(sql`
    select id, name, short_name as "shortName", inn, kpp, ogrn, oktmo, address, time_zone as "timeZone"
    from schools where id = ${actor.schoolId}`);
  if (!row) throw new AppError("not_found", "School not found");
  return row;
}

export async function getSchoolProfile(db: Db, actor: SchoolActor): Promise<SchoolProfile> {
  return { ...(await findSchoolProfile(db, actor)), abilities: schoolAbilities(actor) };
}

interface SettingsRow {
  version: number;
  settings: unknown;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

const settingsColumns = sql`
  s.version, s.settings, s.created_at, s.created_by,
  trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as created_by_name`;

function toSettingsVersion(row: SettingsRow): SettingsVersion {
  return {
    version: row.version,
    // Settings saved before a field existed get its default, as getSchoolSettings does.
    settings: SchoolSettings.parse({ ...DEFAULT_SCHOOL_SETTINGS, ...(row.settings as object) }),
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by && row.created_by_name !== null ? { id: row.created_by, displayName: row.created_by_name } : null,
  };
}

/** The settings in force: the latest version, or the defaults (version 0) if none was saved. */
export async function getCurrentSettings(db: Db, actor: SchoolActor): Promise<SettingsVersion> {
  const row = await db.maybeOne<SettingsRow>(sql`
    select ${settingsColumns} from school_settings s left join users u on u.id = s.created_by
    where s.school_id = ${actor.schoolId} order by s.version desc limit 1`);
  if (!row) return { version: 0, settings: DEFAULT_SCHOOL_SETTINGS, createdAt: null, createdBy: null };
  return toSettingsVersion(row);
}

/** Every saved version, newest first (bounded: settings change a few times a year). */
export async function listSettingsHistory(db: Db, actor: SchoolActor): Promise<SettingsVersion[]> {
  const rows = await db.many<SettingsRow>(sql`
    select ${settingsColumns} from school_settings s left join users u on u.id = s.created_by
    where s.school_id = ${actor.schoolId} order by s.version desc limit 500`);
  return rows.map(toSettingsVersion);
}
