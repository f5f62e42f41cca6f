import { GRADE_IMPORT_MAX_BYTES, gradeImportEndpoints } from "@otmetka/core/contracts/grade-import.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { loadImportJournal } from "./grade-import.journal.ts";
import { importGrades } from "./grade-import.service.ts";
import { GRADE_TEMPLATE_TYPES, gradeTemplateCsv, gradeTemplateDisposition, gradeTemplateXlsx } from "./grade-import.template.ts";

/** Bulk grade import into one journal: whoever may enter marks in it (the grid's rules). */
export const gradeImportRoutes = [
  route(gradeImportEndpoints.template, {
    access: ["admin", "teacher"],
    responseType: "application/octet-stream",
    async handler({ db, actor, query, app, reply }) {
      const journal = await loadImportJournal(db, actor, { ...query, groupId: query.groupId ?? null }, app.now());
      reply.type(GRADE_TEMPLATE_TYPES[query.format]).header("content-disposition", gradeTemplateDisposition(journal, query.format));
      return query.format === "csv" ? gradeTemplateCsv(journal) : ((await gradeTemplateXlsx(journal)) as never);
    },
  }),
  route(gradeImportEndpoints.import, {
    access: ["admin", "teacher"],
    rawBody: "application/octet-stream",
    bodyLimit: GRADE_IMPORT_MAX_BYTES,
    async handler(h) {
      const { dryRun, reason, ...key } = h.query;
      return importGrades(changeContext(h), h.actor, { ...key, groupId: key.groupId ?? null }, h.body, {
        dryRun: dryRun ?? true,
        reason: reason ?? "",
      });
    },
  }),
];
