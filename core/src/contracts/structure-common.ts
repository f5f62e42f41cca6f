/** Pieces shared by the school-structure contracts (structure-calendar.ts, structure-classes.ts). */
import { z } from "zod";

/** `?includeArchived=true` also lists archived rows; they are hidden by default. */
export const ArchivedFilter = z.strictObject({
  /** Also list archived rows. */
  includeArchived: z.stringbool().optional(),
});

/** What the signed-in user may do with an archivable row (computed by the server's policy). */
export const ArchivableAbilities = z.strictObject({
  edit: z.boolean(),
  archive: z.boolean(),
  restore: z.boolean(),
});

/** A school grade (класс, параллель), 1 to 11. */
export const Grade = z.number().int().min(1).max(11);

export const GradeRange = {
  /** First grade the row applies to. */
  gradeFrom: Grade,
  /** Last grade the row applies to (inclusive). */
  gradeTo: Grade,
};

/** A list answer: `{ items: [...] }`. */
export const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

export const STRUCTURE_TAG = "structure";
