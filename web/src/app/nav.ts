import type { Role } from "@otmetka/core/contracts/common.ts";
import type { TranslationKey } from "../lib/i18n.ts";

/** One entry of the main navigation; shown to users holding any of `roles` in the current school. */
export interface NavItem {
  path: string;
  labelKey: TranslationKey;
  /** `"any"`: every signed-in user, also one not (yet) holding a role in a school. */
  roles: readonly Role[] | "any";
}

/**
 * The main navigation, in display order. A feature adds its page here (and its route in
 * routes.tsx); role home sections link to the items of their role.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/", labelKey: "nav.home", roles: "any" },
  { path: "/my-timetable", labelKey: "nav.myTimetable", roles: ["teacher"] },
  { path: "/schedule", labelKey: "nav.schedule", roles: ["student", "parent"] },
  { path: "/timetable", labelKey: "nav.timetable", roles: ["admin"] },
  { path: "/substitutions", labelKey: "nav.substitutions", roles: ["admin"] },
  { path: "/journal", labelKey: "nav.journal", roles: ["admin", "teacher"] },
  { path: "/students", labelKey: "nav.students", roles: ["admin"] },
  { path: "/staff", labelKey: "nav.staff", roles: ["admin"] },
  { path: "/teaching", labelKey: "nav.teaching", roles: ["admin"] },
  { path: "/class-teacher", labelKey: "nav.classTeacher", roles: ["admin", "teacher"] },
  { path: "/roster", labelKey: "nav.roster", roles: ["admin", "teacher"] },
  { path: "/lesson-plans", labelKey: "nav.lessonPlans", roles: ["teacher"] },
  { path: "/homework", labelKey: "nav.homework", roles: ["student", "parent"] },
  { path: "/classes", labelKey: "nav.classes", roles: ["admin"] },
  { path: "/subjects", labelKey: "nav.subjects", roles: ["admin"] },
  { path: "/calendar", labelKey: "nav.calendar", roles: ["admin"] },
  { path: "/school", labelKey: "nav.school", roles: ["admin"] },
  { path: "/settings", labelKey: "nav.schoolSettings", roles: ["admin"] },
  { path: "/imports", labelKey: "nav.imports", roles: ["admin"] },
  { path: "/audit", labelKey: "nav.audit", roles: ["admin"] },
  { path: "/account/security", labelKey: "nav.security", roles: "any" },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === "any" || item.roles.some((role) => roles.includes(role)));
}

/** True when `pathname` is the item's page or one below it ("/" matches only itself). */
export function isNavItemActive(item: NavItem, pathname: string): boolean {
  if (item.path === "/") return pathname === "/";
  return pathname === item.path || pathname.startsWith(`${item.path}/`);
}
