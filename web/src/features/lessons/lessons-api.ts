import { type FileRef, fileEndpoints } from "@otmetka/core/contracts/files.ts";
import { lessonPlanEndpoints, type PlanImportReport } from "@otmetka/core/contracts/lesson-plans.ts";
import { lessonEndpoints } from "@otmetka/core/contracts/lessons.ts";
import { ERROR_CODES, type ErrorBody, type ErrorCode } from "@otmetka/core/errors.ts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError, buildPath, buildSearch, CSRF_HEADER, call, sendFile } from "../../lib/api.ts";

/** Query keys: a change to a lesson or a plan invalidates the "lessons" prefix. */
export const lessonKeys = {
  all: ["lessons"] as const,
  page: (lessonId: string) => ["lessons", "page", lessonId] as const,
  plans: ["lessons", "plans"] as const,
  plan: (planId: string) => ["lessons", "plan", planId] as const,
  homework: (studentId: string | null, from: string, to: string) => ["lessons", "homework", studentId, from, to] as const,
};

export function useLessonPage(lessonId: string) {
  return useQuery({
    queryKey: lessonKeys.page(lessonId),
    queryFn: ({ signal }) => call(lessonEndpoints.page, { params: { lessonId }, signal }),
  });
}

export function usePlans() {
  return useQuery({ queryKey: lessonKeys.plans, queryFn: ({ signal }) => call(lessonPlanEndpoints.list, { signal }) });
}

export function usePlan(planId: string | null) {
  return useQuery({
    queryKey: lessonKeys.plan(planId ?? ""),
    queryFn: ({ signal }) => call(lessonPlanEndpoints.get, { params: { planId: planId ?? "" }, signal }),
    enabled: planId !== null,
  });
}

export function useStudentHomework(studentId: string | null, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: lessonKeys.homework(studentId, from, to),
    queryFn: ({ signal }) => call(lessonEndpoints.studentHomework, { query: { from, to, ...(studentId ? { studentId } : {}) }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Where a file downloads (a plain link: the session cookie goes along). */
export const fileUrl = (fileId: string) => buildPath(fileEndpoints.download.path, { fileId });
export const planTemplateUrl = (format: "csv" | "xlsx") => buildPath(lessonPlanEndpoints.template.path, { format });

/** The wire error of a non-JSON request, as the JSON client would throw it. */
function apiErrorOf(status: number, payload: unknown, statusText: string): ApiError {
  const error = payload && typeof payload === "object" && "error" in payload ? (payload as ErrorBody).error : undefined;
  const code: ErrorCode =
    error && (ERROR_CODES as readonly string[]).includes(error.code)
      ? error.code
      : status === 413
        ? "payload_too_large"
        : status === 415
          ? "unsupported_media_type"
          : "internal";
  return new ApiError({
    status,
    code,
    message: error?.message ?? statusText,
    issues: error?.issues ?? [],
    details: error?.details ?? {},
    requestId: error?.requestId,
  });
}

/**
 * Uploads one file as raw bytes, reporting progress (0–1). XMLHttpRequest, because fetch cannot
 * report upload progress. A refused file (wrong type, too big) rejects with ApiError.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<FileRef> {
  const url = fileEndpoints.upload.path + buildSearch({ name: file.name, type: file.type || undefined });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader(CSRF_HEADER, "1");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status === 201) resolve(payload as FileRef);
      else reject(apiErrorOf(xhr.status, payload, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: "network", message: "Network error" }));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}

/** Sends a plan file (CSV or XLSX) for a check or the import; a refusal carries the report in details. */
export async function importPlanFile(planId: string, file: Blob, dryRun: boolean): Promise<PlanImportReport> {
  const url = buildPath(lessonPlanEndpoints.import.path, { planId }) + buildSearch({ dryRun: String(dryRun) });
  return sendFile<PlanImportReport>(url, file, "application/octet-stream");
}

/** The report a refused plan import carries. */
export function planReportOf(error: unknown): PlanImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const report = error.details.report;
  return report && typeof report === "object" ? (report as PlanImportReport) : null;
}
