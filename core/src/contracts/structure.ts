/**
 * The school's structure: academic years with their study periods and holidays, subjects,
 * classes and their subgroups. Admins change it; teachers read classes, subjects and the calendar.
 */
import { calendarEndpoints } from "./structure-calendar.ts";
import { classEndpoints } from "./structure-classes.ts";

export * from "./structure-calendar.ts";
export * from "./structure-classes.ts";
export * from "./structure-common.ts";

export const structureEndpoints = { ...calendarEndpoints, ...classEndpoints };
