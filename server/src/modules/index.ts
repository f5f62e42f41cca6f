import type { RouteDefinition } from "../platform/http/route.ts";
import type { JobDefinition } from "../platform/jobs/jobs.ts";
import { accountRoutes } from "./accounts/accounts.routes.ts";
import { auditRoutes } from "./audit/audit.routes.ts";
import { classTeacherRoutes } from "./class-teacher/class-teacher.routes.ts";
import { gradeImportRoutes } from "./grade-import/grade-import.routes.ts";
import { homeRoutes } from "./home/home.routes.ts";
import { importRoutes } from "./imports/imports.routes.ts";
import { collectUnattachedFile } from "./lessons/files.jobs.ts";
import { lessonRoutes } from "./lessons/lessons.routes.ts";
import { journalRoutes } from "./journal/journal.routes.ts";
import { liveRoutes } from "./live/live.routes.ts";
import { mfaRoutes } from "./accounts/mfa.routes.ts";
import { registrationRoutes } from "./accounts/registration.routes.ts";
import { resetRoutes } from "./accounts/reset.routes.ts";
import { sessionRoutes } from "./accounts/sessions.routes.ts";
import { peopleRoutes } from "./people/people.routes.ts";
import { staffRoutes } from "./people/staff.routes.ts";
import { schoolRoutes } from "./schools/schools.routes.ts";
import { structureRoutes } from "./structure/structure.routes.ts";
import { timetableRoutes } from "./timetable/timetable.routes.ts";

/** The one registry of routes: a feature's routes are listed here and nowhere else. */
export const routes: readonly RouteDefinition[] = [
  ...accountRoutes,
  ...registrationRoutes,
  ...resetRoutes,
  ...mfaRoutes,
  ...sessionRoutes,
  ...peopleRoutes,
  ...staffRoutes,
  ...schoolRoutes,
  ...structureRoutes,
  ...auditRoutes,
  ...importRoutes,
  ...lessonRoutes,
  ...homeRoutes,
  ...classTeacherRoutes,
  ...journalRoutes,
  ...gradeImportRoutes,
  ...liveRoutes,
  ...timetableRoutes,
] as readonly RouteDefinition[];

/** The one registry of background jobs (platform/jobs): a feature's job definitions are listed here. */
export const jobs: readonly JobDefinition[] = [collectUnattachedFile as JobDefinition];
