import { calendarRoutes } from "./calendar.routes.ts";
import { classRoutes, subjectRoutes } from "./classes.routes.ts";

/** Years, periods, holidays, subjects, classes and subgroups. */
export const structureRoutes = [...calendarRoutes, ...subjectRoutes, ...classRoutes];
