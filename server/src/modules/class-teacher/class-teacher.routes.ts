import { classTeacherEndpoints } from "@otmetka/core/contracts/class-teacher.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { completionReport, listAbsences } from "./class-teacher.queries.ts";
import { excuseAbsences } from "./class-teacher.service.ts";

/** The class teacher's tools; an admin may use them for any class. Others see no such class. */
export const classTeacherRoutes = [
  route(classTeacherEndpoints.absences, {
    access: ["admin", "teacher"],
    async handler({ db, actor, params, query, app }) {
      return listAbsences(db, actor, params.classId, query, app.now());
    },
  }),
  route(classTeacherEndpoints.excuseAbsences, {
    access: ["admin", "teacher"],
    async handler(h) {
      return excuseAbsences(changeContext(h), h.actor, h.params.classId, h.body);
    },
  }),
  route(classTeacherEndpoints.completion, {
    access: ["admin", "teacher"],
    async handler({ db, actor, params, query, app }) {
      return completionReport(db, actor, params.classId, query, app.now());
    },
  }),
];
