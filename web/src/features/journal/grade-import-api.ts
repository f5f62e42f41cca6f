import { type GradeImportFormat, type GradeImportReport, gradeImportEndpoints } from "@otmetka/core/contracts/grade-import.ts";
import type { JournalQuery } from "@otmetka/core/contracts/journal.ts";
import { ERROR_CODES, type ErrorBody, type ErrorCode } from "@otmetka/core/errors.ts";
import { ApiError, buildSearch, CSRF_HEADER } from "../../lib/api.ts";

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
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/octet-stream", [CSRF_HEADER]: "1" },
      body: file,
      credentials: "same-origin",
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: "network", message: error instanceof Error ? error.message : "Network error" });
  }
  const payload = (await response.json().catch(() => null)) as GradeImportReport | Partial<ErrorBody> | null;
  if (response.ok && payload && "changes" in payload) return payload;
  const error = payload && "error" in payload ? payload.error : undefined;
  const code: ErrorCode =
    error && (ERROR_CODES as readonly string[]).includes(error.code)
      ? error.code
      : response.status === 413
        ? "payload_too_large"
        : "internal";
  throw new ApiError({
    status: response.status,
    code,
    message: error?.message ?? response.statusText,
    issues: error?.issues ?? [],
    details: error?.details ?? {},
    requestId: error?.requestId,
  });
}

/** The report a refused check or import carries (a file that cannot be read, rows with errors, a save refused). */
export function gradeReportOf(error: unknown): GradeImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const report = error.details.report;
  return report && typeof report === "object" && "changes" in report ? (report as GradeImportReport) : null;
}
