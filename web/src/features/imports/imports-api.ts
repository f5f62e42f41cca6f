import { type ImportKind, type ImportReport, importEndpoints } from "@otmetka/core/contracts/imports.ts";
import { ApiError, buildPath, buildSearch, sendFile } from "../../lib/api.ts";

/** Where the browser downloads a kind's template (a plain link: the session cookie goes along). */
export function templateUrl(kind: ImportKind): string {
  return buildPath(importEndpoints.template.path, { kind });
}

/** The report an import error carries (a file that cannot be read, rows with errors, a failed write). */
export function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const report = error.details.report;
  return report && typeof report === "object" ? (report as ImportReport) : null;
}

/**
 * Sends the file itself as the body (`text/csv`), which the JSON client cannot: the server reads
 * its bytes to tell UTF-8 from Windows-1251. A refusal is thrown as ApiError, its report in details.
 */
export async function uploadRoster(
  kind: ImportKind,
  file: Blob,
  options: { dryRun: boolean; academicYearId?: string | null },
): Promise<ImportReport> {
  const url =
    buildPath(importEndpoints.importRoster.path, { kind }) +
    buildSearch({ dryRun: String(options.dryRun), academicYearId: options.academicYearId ?? undefined });
  return sendFile<ImportReport>(url, file, "text/csv");
}
