import {
  findSettingsProblems,
  type SaveSchoolSettingsInput,
  SchoolProfileRules,
  type SettingsVersion,
  type UpdateSchoolProfileInput,
} from "@otmetka/core/contracts/school.ts";
import { AppError, type ErrorIssue } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { canonicalJson } from "../../platform/audit/canonical-json.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { findSchoolProfile, getCurrentSettings, type SchoolProfileRow } from "./schools.queries.ts";

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown })?.code === "23505";

/**
 * Checks the identifiers and the time zone with the shared rules. Each bad field gets its own
 * issue whose code is the rule's (`invalid_inn` …), so the form can say which one is wrong.
 */
function checkProfileRules(input: UpdateSchoolProfileInput): SchoolProfileRules {
  const parsed = SchoolProfileRules.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: ErrorIssue[] = parsed.error.issues.map((i) => ({
    path: ["body", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    code: /^invalid_[a-z_]+$/.test(i.message) ? i.message : i.code,
    message: i.message,
  }));
  throw new AppError("validation_failed", "The request has invalid fields", { issues });
}

export async function updateSchoolProfile(
  tx: Db,
  actor: SchoolActor,
  input: UpdateSchoolProfileInput,
  requestId: string,
): Promise<SchoolProfileRow> {
  const rules = checkProfileRules(input);
  const before = await findSchoolProfile(tx, actor);
  const taken = await tx.maybeOne(sql`
    select 1 from schools where inn = ${rules.inn} and kpp = ${rules.kpp} and id <> ${actor.schoolId}`);
  if (taken) throw innKppTaken();
  try {
    await tx.execute(sql`
      update schools set name = ${input.name}, short_name = ${input.shortName}, inn = ${rules.inn}, kpp = ${rules.kpp},
        ogrn = ${rules.ogrn}, oktmo = ${rules.oktmo}, address = ${input.address}, time_zone = ${rules.timeZone}
      where id = ${actor.schoolId}`);
  } catch (error) {
    if (isUniqueViolation(error)) throw innKppTaken();
    throw error;
  }
  const after = await findSchoolProfile(tx, actor);
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "school",
    entityId: actor.schoolId,
    action: "update",
    before,
    after,
    requestId,
  });
  return after;
}

function innKppTaken(): AppError {
  return new AppError("conflict", "Another school already has this ИНН and КПП", {
    issues: [{ path: ["body", "kpp"], code: "inn_kpp_taken", message: "Another school already has this ИНН and КПП" }],
  });
}

/**
 * Saves the settings as a new version; old versions are never changed. The admin names the
 * version they edited: if another admin saved since, the save is refused with 409 so nobody
 * overwrites a change they did not see. Saving settings equal to the current ones adds nothing.
 */
export async function saveSchoolSettings(
  tx: Db,
  actor: SchoolActor,
  input: SaveSchoolSettingsInput,
  requestId: string,
): Promise<SettingsVersion> {
  const problems = findSettingsProblems(input.settings);
  if (problems.length > 0) {
    throw new AppError("validation_failed", "The settings break a rule", {
      issues: problems.map((p) => ({ path: ["body", "settings", ...p.path], code: p.code, message: p.message })),
    });
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`school_settings:${actor.schoolId}`}))`);
  const current = await getCurrentSettings(tx, actor);
  if (current.version !== input.baseVersion) throw staleVersion(current.version);
  if (canonicalJson(current.settings) === canonicalJson(input.settings)) return current;
  const version = current.version + 1;
  try {
    await tx.execute(sql`
      insert into school_settings (school_id, version, settings, created_by)
      values (${actor.schoolId}, ${version}, ${JSON.stringify(input.settings)}::jsonb, ${actor.userId})`);
  } catch (error) {
    if (isUniqueViolation(error)) throw staleVersion(version);
    throw error;
  }
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "school_settings",
    entityId: actor.schoolId,
    action: "update",
    before: { version: current.version, settings: current.settings },
    after: { version, settings: input.settings },
    requestId,
  });
  return getCurrentSettings(tx, actor);
}

function staleVersion(currentVersion: number): AppError {
  return new AppError("conflict", "Someone saved the settings since you opened them; reload and repeat your changes", {
    details: { reason: "stale_version", currentVersion },
  });
}
