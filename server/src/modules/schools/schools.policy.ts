import type { Actor } from "../../platform/auth/actor.ts";
import { hasRole } from "../../platform/auth/actor.ts";

/** Only the school's admins change its profile and settings. */
export function canManageSchool(actor: Actor): boolean {
  return hasRole(actor, "admin");
}

export function schoolAbilities(actor: Actor): { edit: boolean } {
  return { edit: canManageSchool(actor) };
}
