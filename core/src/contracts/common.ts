import { z } from "zod";

/** Roles a user can hold in a school. A class teacher is a teacher named on a class. */
export const ROLES = ["admin", "teacher", "parent", "student"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Uuid = z.uuid();
/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();
export const Locale = z.enum(["ru", "en"]);
export type Locale = z.infer<typeof Locale>;

/** A bounded, trimmed one-line string; every free-text input has an upper bound. */
export const Text = (max = 200) => z.string().trim().min(1).max(max);
export const OptionalText = (max = 200) => z.string().trim().max(max).optional();

export const Ok = z.strictObject({ ok: z.literal(true) });
