import { IMPORT_MAX_BYTES, importEndpoints } from "@otmetka/core/contracts/imports.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { importRoster } from "./imports.service.ts";
import { templateCsv, templateDisposition } from "./imports.template.ts";

/** The multipart/JSON overhead aside, the file itself is bounded by IMPORT_MAX_BYTES. */
export const importRoutes = [
  route(importEndpoints.template, {
    access: ["admin"],
    responseType: "text/csv",
    async handler({ params, reply }) {
      reply.type("text/csv; charset=utf-8").header("content-disposition", templateDisposition(params.kind));
      return templateCsv(params.kind);
    },
  }),
  route(importEndpoints.importRoster, {
    access: ["admin"],
    rawBody: "text/csv",
    bodyLimit: IMPORT_MAX_BYTES,
    async handler(h) {
      return importRoster(changeContext(h), h.actor, h.params.kind, h.body, {
        dryRun: h.query.dryRun ?? true,
        academicYearId: h.query.academicYearId,
      });
    },
  }),
];
