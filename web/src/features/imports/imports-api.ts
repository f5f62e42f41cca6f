import { type ImportKind, type ImportReport, importEndpoints } from "@otmetka/core/contracts/imports.ts";
import { ERROR_CODES, type ErrorBody, type ErrorCode } from "@otmetka/core/errors.ts";
import { ApiError, buildPath, buildSearch, CSRF_HEADER } from "../../lib/api.ts";

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
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "text/csv", [CSRF_HEADER]: "1" },
      body: file,
      credentials: "same-origin",
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: "network", message: error instanceof Error ? error.message : "Network error" });
  }
  const payload = (await response.json().catch(() => null)) as ImportReport | Partial<ErrorBody> | null;
  if (response.ok && payload && "rows" in payload) return payload;
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
