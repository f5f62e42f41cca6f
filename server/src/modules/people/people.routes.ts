import { peopleEndpoints } from "@otmetka/core/contracts/people.ts";
import { route } from "../../platform/http/route.ts";
import { endEnrolment, enrol, transfer } from "./enrolments.service.ts";
import { addGuardian, removeGuardian } from "./guardians.service.ts";
import { changeContext } from "./invitations.service.ts";
import { schoolToday } from "./people.queries.ts";
import { getRoster } from "./roster.queries.ts";
import { getStudentCard, listStudents } from "./students.queries.ts";
import { archiveStudent, createStudent, createStudentAccount, updateStudent } from "./students.service.ts";

export const peopleRoutes = [
  route(peopleEndpoints.listStudents, {
    access: ["admin"],
    async handler({ db, actor, app, query }) {
      const today = await schoolToday(db, actor.schoolId, app.now());
      return listStudents(db, actor, today, { ...query, includeArchived: query.includeArchived ?? false });
    },
  }),
  route(peopleEndpoints.createStudent, {
    access: ["admin"],
    async handler(h) {
      return createStudent(changeContext(h), h.actor, h.body);
    },
  }),
  route(peopleEndpoints.getStudent, {
    access: ["admin"],
    async handler({ db, actor, app, params }) {
      return getStudentCard(db, actor, params.studentId, await schoolToday(db, actor.schoolId, app.now()));
    },
  }),
  route(peopleEndpoints.updateStudent, {
    access: ["admin"],
    async handler(h) {
      return updateStudent(changeContext(h), h.actor, h.params.studentId, h.body);
    },
  }),
  route(peopleEndpoints.archiveStudent, {
    access: ["admin"],
    async handler(h) {
      return archiveStudent(changeContext(h), h.actor, h.params.studentId);
    },
  }),
  route(peopleEndpoints.createStudentAccount, {
    access: ["admin"],
    async handler(h) {
      return createStudentAccount(changeContext(h), h.actor, h.params.studentId, h.body);
    },
  }),
  route(peopleEndpoints.enrol, {
    access: ["admin"],
    async handler(h) {
      return enrol(changeContext(h), h.actor, h.body);
    },
  }),
  route(peopleEndpoints.transfer, {
    access: ["admin"],
    async handler(h) {
      return transfer(changeContext(h), h.actor, h.params.studentId, h.body);
    },
  }),
  route(peopleEndpoints.endEnrolment, {
    access: ["admin"],
    async handler(h) {
      return endEnrolment(changeContext(h), h.actor, h.params.enrolmentId, h.body.endsOn);
    },
  }),
  route(peopleEndpoints.addGuardian, {
    access: ["admin"],
    async handler(h) {
      return addGuardian(changeContext(h), h.actor, h.params.studentId, h.body);
    },
  }),
  route(peopleEndpoints.removeGuardian, {
    access: ["admin"],
    async handler(h) {
      await removeGuardian(changeContext(h), h.params.studentId, h.params.parentUserId);
      return { ok: true as const };
    },
  }),
  route(peopleEndpoints.roster, {
    access: ["admin", "teacher"],
    async handler({ db, actor, app, params, query }) {
      const date = query.date ?? (await schoolToday(db, actor.schoolId, app.now()));
      return getRoster(db, actor, params.classId, date);
    },
  }),
];
