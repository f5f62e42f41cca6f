import { homeEndpoints } from "@otmetka/core/contracts/home.ts";
import { route } from "../../platform/http/route.ts";
import { schoolToday } from "../people/people.queries.ts";
import { getMyChildren, getMyClassSizes, getMyStudentProfile } from "./home.queries.ts";
import { getSchoolSetup } from "./setup.queries.ts";

/** What each role's home page shows; a teacher's classes come from `GET /api/v1/me/teaching` (people). */
export const homeRoutes = [
  route(homeEndpoints.setup, {
    access: ["admin"],
    async handler({ db, actor, app }) {
      return getSchoolSetup(db, actor, await schoolToday(db, actor.schoolId, app.now()));
    },
  }),
  route(homeEndpoints.classSizes, {
    access: ["teacher"],
    async handler({ db, actor, app }) {
      return getMyClassSizes(db, actor, app.now());
    },
  }),
  route(homeEndpoints.myChildren, {
    // The user's own guardianships in any school: a parent, or a user with no school yet.
    access: "signed_in",
    async handler({ db, actor, app }) {
      return getMyChildren(db, actor, app.now());
    },
  }),
  route(homeEndpoints.myStudent, {
    access: ["student"],
    async handler({ db, actor, app }) {
      return getMyStudentProfile(db, actor, app.now());
    },
  }),
];
