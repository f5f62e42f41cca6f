import { z } from "zod";
import { endpoint } from "../api.ts";
import { InnOrganization, Kpp, Ogrn, Oktmo } from "../rules/identifiers.ts";
import { Text, Uuid } from "./common.ts";
import { SchoolSettings } from "./settings.ts";

/** True for an IANA time zone name the runtime knows (`Europe/Moscow`); offsets like `+03:00` are refused. */
export function isValidTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("ru", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone; lesson dates are read in it. */
export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isValidTimeZone, { message: "invalid_time_zone" })
  .transform((name) => new Intl.DateTimeFormat("ru", { timeZone: name }).resolvedOptions().timeZone);

/** A school's profile as the admin pages show it. */
export const SchoolProfile = z.strictObject({
  id: Uuid,
  /** Full legal name, e.g. «МБОУ «Средняя общеобразовательная школа № 17»». */
  name: z.string(),
  /** Name for headers and lists, e.g. «МБОУ СОШ № 17». */
  shortName: z.string(),
  /** ИНН of the school as a legal entity, 10 digits. */
  inn: z.string(),
  /** КПП, 9 characters. */
  kpp: z.string(),
  /** ОГРН, 13 digits. */
  ogrn: z.string(),
  /** ОКТМО of the school's territory, 8 or 11 digits. */
  oktmo: z.string(),
  /** Postal address, free text. */
  address: z.string(),
  /** IANA time zone, e.g. `Europe/Moscow`. */
  timeZone: z.string(),
  /** What the signed-in user may do with the profile. */
  abilities: z.strictObject({ edit: z.boolean() }),
});
export type SchoolProfile = z.infer<typeof SchoolProfile>;

/**
 * The profile as an admin submits it. Identifiers arrive as typed (spaces and dashes allowed)
 * and are checked by `SchoolProfileRules`, so each bad one gets its own issue code
 * (`invalid_inn`, `invalid_kpp`, `invalid_ogrn`, `invalid_oktmo`, `invalid_time_zone`).
 */
export const UpdateSchoolProfileInput = z.strictObject({
  /** Full legal name. */
  name: Text(500),
  /** Short name for headers and lists. */
  shortName: Text(120),
  /** ИНН of the organisation, 10 digits (separators allowed). */
  inn: z.string().max(40),
  /** КПП, 9 characters. */
  kpp: z.string().max(40),
  /** ОГРН, 13 digits. */
  ogrn: z.string().max(40),
  /** ОКТМО, 8 or 11 digits. */
  oktmo: z.string().max(40),
  /** Postal address; may be empty. */
  address: z.string().trim().max(500),
  /** IANA time zone. */
  timeZone: z.string().max(64),
});
export type UpdateSchoolProfileInput = z.infer<typeof UpdateSchoolProfileInput>;

/**
 * The rules a profile must meet, shared by the server and the form's live validation. The
 * output holds the canonical identifiers (digits only) that are stored.
 */
export const SchoolProfileRules = z.object({
  inn: InnOrganization,
  kpp: Kpp,
  ogrn: Ogrn,
  oktmo: Oktmo,
  timeZone: TimeZone,
});
export type SchoolProfileRules = z.output<typeof SchoolProfileRules>;

/** A user as named in lists: id and full name. */
export const UserRef = z.strictObject({
  id: Uuid,
  /** «Фамилия Имя Отчество». */
  displayName: z.string(),
});
export type UserRef = z.infer<typeof UserRef>;

/** One saved version of the school's settings. */
export const SettingsVersion = z.strictObject({
  /** 1, 2, …; 0 means the school never saved settings and the defaults apply. */
  version: z.number().int().min(0),
  settings: SchoolSettings,
  /** When this version was saved; null for the defaults. */
  createdAt: z.iso.datetime().nullable(),
  /** Who saved it; null for the defaults or a system change. */
  createdBy: UserRef.nullable(),
});
export type SettingsVersion = z.infer<typeof SettingsVersion>;

export const SchoolSettingsView = z.strictObject({
  ...SettingsVersion.shape,
  /** What the signed-in user may do with the settings. */
  abilities: z.strictObject({ edit: z.boolean() }),
});
export type SchoolSettingsView = z.infer<typeof SchoolSettingsView>;

export const SaveSchoolSettingsInput = z.strictObject({
  /** The version the admin was editing; if another admin saved since, the save is refused (409). */
  baseVersion: z.number().int().min(0),
  /** The complete new settings. */
  settings: SchoolSettings,
});
export type SaveSchoolSettingsInput = z.infer<typeof SaveSchoolSettingsInput>;

export const schoolEndpoints = {
  getProfile: endpoint({
    method: "GET",
    path: "/api/v1/school",
    summary: "The current school's profile",
    tag: "school",
    output: SchoolProfile,
  }),
  updateProfile: endpoint({
    method: "PUT",
    path: "/api/v1/school",
    summary: "Change the current school's profile (name, identifiers, address, time zone)",
    tag: "school",
    body: UpdateSchoolProfileInput,
    output: SchoolProfile,
  }),
  getSettings: endpoint({
    method: "GET",
    path: "/api/v1/school/settings",
    summary: "The school's settings in force, with their version",
    tag: "school",
    output: SchoolSettingsView,
  }),
  saveSettings: endpoint({
    method: "PUT",
    path: "/api/v1/school/settings",
    summary: "Save a new version of the school's settings (refused with 409 if the base version is stale)",
    tag: "school",
    body: SaveSchoolSettingsInput,
    output: SchoolSettingsView,
  }),
  settingsHistory: endpoint({
    method: "GET",
    path: "/api/v1/school/settings/history",
    summary: "Every saved version of the school's settings, newest first",
    tag: "school",
    output: z.strictObject({ items: z.array(SettingsVersion) }),
  }),
};

/** A rule a settings object breaks beyond its shape; `path` is inside the settings. */
export interface SettingsProblem {
  path: (string | number)[];
  code: "duplicate_code" | "grade_range_reversed" | "grades_overlap" | "grades_not_covered";
  message: string;
}

/**
 * Rules across fields that the shape cannot say: work type codes are unique, and the period
 * system and the study week each give every grade 1–11 exactly one value. Shared by the server
 * and the editor.
 */
export function findSettingsProblems(settings: SchoolSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const seen = new Set<string>();
  settings.workTypes.forEach((w, i) => {
    if (seen.has(w.code))
      problems.push({ path: ["workTypes", i, "code"], code: "duplicate_code", message: `Work type code "${w.code}" is used twice` });
    seen.add(w.code);
  });
  problems.push(...findGradeRangeProblems("periodSystem", settings.periodSystem, "a period system"));
  problems.push(...findGradeRangeProblems("studyWeek", settings.studyWeek, "a study week"));
  return problems;
}

/** Grade ranges of a setting must cover grades 1–11 once each, without overlaps. */
function findGradeRangeProblems(
  key: "periodSystem" | "studyWeek",
  rows: readonly { gradeFrom: number; gradeTo: number }[],
  what: string,
): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const covered = new Array<number>(12).fill(0);
  rows.forEach((p, i) => {
    if (p.gradeFrom > p.gradeTo) {
      problems.push({ path: [key, i, "gradeTo"], code: "grade_range_reversed", message: "The last grade is below the first" });
      return;
    }
    for (let g = p.gradeFrom; g <= p.gradeTo; g++) covered[g] = (covered[g] ?? 0) + 1;
    if (covered.slice(p.gradeFrom, p.gradeTo + 1).some((n) => n > 1)) {
      problems.push({ path: [key, i, "gradeFrom"], code: "grades_overlap", message: `These grades already have ${what}` });
    }
  });
  const missing = covered.slice(1).flatMap((n, i) => (n === 0 ? [i + 1] : []));
  if (missing.length > 0 && !problems.some((p) => p.code === "grade_range_reversed")) {
    problems.push({ path: [key], code: "grades_not_covered", message: `Grades without ${what}: ${missing.join(", ")}` });
  }
  return problems;
}
