import { PLAN_IMPORT_MAX_BYTES, lessonPlanEndpoints } from "@otmetka/core/contracts/lesson-plans.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { fillTopicsFromPlan } from "./fill-topics.service.ts";
import { importPlan } from "./plan-import.service.ts";
import { PLAN_TEMPLATE_TYPES, planTemplateCsv, planTemplateDisposition, planTemplateXlsx } from "./plan-template.ts";
import { getPlan, listPlans } from "./plans.queries.ts";
import { archivePlan, createPlan, updatePlan } from "./plans.service.ts";

/** Thematic plans (КТП): teachers keep their own; admins see and help with everyone's. */
export const planRoutes = [
  route(lessonPlanEndpoints.list, {
    access: ["admin", "teacher"],
    async handler({ db, actor, query }) {
      return listPlans(db, actor, query);
    },
  }),
  route(lessonPlanEndpoints.create, {
    access: ["admin", "teacher"],
    async handler(h) {
      return createPlan(changeContext(h), h.actor, h.body);
    },
  }),
  route(lessonPlanEndpoints.get, {
    access: ["admin", "teacher"],
    async handler({ db, actor, params }) {
      return getPlan(db, actor, params.planId);
    },
  }),
  route(lessonPlanEndpoints.update, {
    access: ["admin", "teacher"],
    async handler(h) {
      return updatePlan(changeContext(h), h.actor, h.params.planId, h.body);
    },
  }),
  route(lessonPlanEndpoints.archive, {
    access: ["admin", "teacher"],
    async handler(h) {
      await archivePlan(changeContext(h), h.actor, h.params.planId);
      return { ok: true as const };
    },
  }),
  route(lessonPlanEndpoints.template, {
    access: ["admin", "teacher"],
    responseType: "application/octet-stream",
    async handler({ params, reply }) {
      reply.type(PLAN_TEMPLATE_TYPES[params.format]).header("content-disposition", planTemplateDisposition(params.format));
      return params.format === "csv" ? planTemplateCsv() : ((await planTemplateXlsx()) as never);
    },
  }),
  route(lessonPlanEndpoints.import, {
    access: ["admin", "teacher"],
    rawBody: "application/octet-stream",
    bodyLimit: PLAN_IMPORT_MAX_BYTES,
    async handler(h) {
      return importPlan(changeContext(h), h.actor, h.params.planId, h.body, { dryRun: h.query.dryRun ?? true });
    },
  }),
  route(lessonPlanEndpoints.fillTopics, {
    access: ["admin", "teacher"],
    async handler(h) {
      return fillTopicsFromPlan(changeContext(h), h.actor, h.params.planId, h.body);
    },
  }),
];
