import { auditEndpoints } from "@otmetka/core/contracts/audit.ts";
import { verifyEventChains } from "../../platform/audit/events.ts";
import { route } from "../../platform/http/route.ts";
import { listAuditEvents } from "./audit.queries.ts";

export const auditRoutes = [
  route(auditEndpoints.listEvents, {
    access: ["admin"],
    async handler({ db, actor, query }) {
      return listAuditEvents(db, actor, query);
    },
  }),
  route(auditEndpoints.verify, {
    access: ["admin"],
    async handler({ db, actor }) {
      const { checked, breaks } = await verifyEventChains(db, actor.schoolId);
      const broken = breaks[0];
      return { checked, intact: !broken, ...(broken ? { firstBroken: { seq: broken.seq, problem: broken.problem } } : {}) };
    },
  }),
];
