import type { Actor } from "../../platform/auth/actor.ts";
import { hasRole } from "../../platform/auth/actor.ts";

/** Admins shape the school: years, periods, holidays, subjects, classes and subgroups. */
export function canManageStructure(actor: Actor): boolean {
  return hasRole(actor, "admin");
}

/**
 * What may be done with an archivable row. An archived row is read-only until restored; a row
 * whose parent is archived (a period of an archived year, a subgroup of an archived class) is
 * `frozen`: nothing may be done with it until the parent is restored.
 */
export function archivableAbilities(actor: Actor, row: { archived: boolean; frozen?: boolean }) {
  const may = canManageStructure(actor) && !row.frozen;
  return { edit: may && !row.archived, archive: may && !row.archived, restore: may && row.archived };
}

/** Holidays are deleted, not archived (nothing refers to them). */
export function holidayAbilities(actor: Actor, row: { frozen: boolean }) {
  const may = canManageStructure(actor) && !row.frozen;
  return { edit: may, delete: may };
}
