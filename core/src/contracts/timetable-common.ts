/** Pieces shared by the timetable contracts (timetable.ts, timetable-lessons.ts). */
import { z } from "zod";
import { Uuid } from "./common.ts";

export const TIMETABLE_TAG = "timetable";

/** A day of the study week: 1 = Monday … 6 = Saturday. */
export const Weekday = z.number().int().min(1).max(6);
/** The number of a lesson in the day (0 = «нулевой урок»). */
export const LessonNumber = z.number().int().min(0).max(10);
/** A shift (смена) of the school day, 1–3. */
export const Shift = z.number().int().min(1).max(3);
/** A room as the school names it («214», «Спортзал»); empty when none is set. */
export const Room = z.string().trim().max(20);
/** A time of day, `HH:MM` (24 hours). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "invalid_time" });
/** The version of a dated lesson the client saw; a change based on an older one is refused (409). */
export const LessonVersion = z.number().int().min(1);

export const SubjectRef = z.strictObject({ id: Uuid, name: z.string(), shortName: z.string() });

/** What a booking collides on: the same teacher, the same room, or the class (or its subgroup). */
export const CONFLICT_KINDS = ["teacher", "room", "class"] as const;

/** A list answer: `{ items: [...] }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
