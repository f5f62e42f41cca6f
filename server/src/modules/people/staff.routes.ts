import { staffEndpoints } from "@otmetka/core/contracts/staff.ts";
import { route } from "../../platform/http/route.ts";
import { getMyTeaching, listAssignments } from "./assignments.queries.ts";
import { archiveAssignment, createAssignment } from "./assignments.service.ts";
import { changeContext } from "./invitations.service.ts";
import { getStaffMember, listStaff } from "./staff.queries.ts";
import { archiveStaff, createStaff, resendStaffInvitation, updateStaff } from "./staff.service.ts";

export const staffRoutes = [
  route(staffEndpoints.listStaff, {
    access: ["admin"],
    async handler({ db, actor, query }) {
      return { items: await listStaff(db, actor, { role: query.role, includeArchived: query.includeArchived ?? false }) };
    },
  }),
  route(staffEndpoints.createStaff, {
    access: ["admin"],
    async handler(h) {
      return createStaff(changeContext(h), h.actor, h.body);
    },
  }),
  route(staffEndpoints.getStaff, {
    access: ["admin"],
    async handler({ db, actor, params }) {
      return getStaffMember(db, actor, params.userId);
    },
  }),
  route(staffEndpoints.updateStaff, {
    access: ["admin"],
    async handler(h) {
      return updateStaff(changeContext(h), h.actor, h.params.userId, h.body);
    },
  }),
  route(staffEndpoints.archiveStaff, {
    access: ["admin"],
    async handler(h) {
      return archiveStaff(changeContext(h), h.actor, h.params.userId);
    },
  }),
  route(staffEndpoints.resendInvitation, {
    access: ["admin"],
    async handler(h) {
      await resendStaffInvitation(changeContext(h), h.actor, h.params.userId);
      return { ok: true as const };
    },
  }),
  route(staffEndpoints.listAssignments, {
    access: ["admin"],
    async handler({ db, actor, query }) {
      return {
        items: await listAssignments(db, actor, {
          classId: query.classId,
          teacherId: query.teacherId,
          includeArchived: query.includeArchived ?? false,
        }),
      };
    },
  }),
  route(staffEndpoints.createAssignment, {
    access: ["admin"],
    async handler(h) {
      return createAssignment(changeContext(h), h.actor, h.body);
    },
  }),
  route(staffEndpoints.archiveAssignment, {
    access: ["admin"],
    async handler(h) {
      return archiveAssignment(changeContext(h), h.actor, h.params.assignmentId);
    },
  }),
  route(staffEndpoints.myTeaching, {
    access: ["teacher"],
    async handler({ db, actor }) {
      return getMyTeaching(db, actor);
    },
  }),
];
