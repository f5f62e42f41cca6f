import { type GradeImportFormat, type GradeImportReport, gradeImportEndpoints } from "@otmetka/core/contracts/grade-import.ts";
import type { JournalQuery } from "@otmetka/core/contracts/journal.ts";
import { ApiError, buildSearch, sendFile } from "../../lib/api.ts";

/** Where the browser downloads a journal's template (a plain link: the session cookie goes along). */
export function gradeTemplateUrl(journal: JournalQuery, format: GradeImportFormat): string {
  return gradeImportEndpoints.template.path + buildSearch({ ...journal, format });
}

/**
 * Sends the file itself as the body (the JSON client cannot): a check when `dryRun`, else the
 * import. A refusal is thrown as ApiError with the report in its details.
 */
export async function sendGradeFile(
  journal: JournalQuery,
  file: Blob,
  options: { dryRun: boolean; reason: string },
): Promise<GradeImportReport> {
  const url =
    gradeImportEndpoints.import.path + buildSearch({ ...journal, dryRun: String(options.dryRun), reason: options.reason || undefined });
  return sendFile<GradeImportReport>(url, file, "application/octet-stream");
}

/** The report a refused check or import carries (a file that cannot be read, rows with errors, a save refused). */
export function gradeReportOf(error: unknown): GradeImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const report = error.details.report;
  return report && typeof report === "object" && "changes" in report ? (report as GradeImportReport) : null;
}
