import type { BodyOf, Endpoint, OutputOf, ParamsOf, QueryOf } from "@otmetka/core/api.ts";
import { ERROR_CODES, type ErrorBody, type ErrorCode, type ErrorIssue } from "@otmetka/core/errors.ts";

/** Header the server requires on every state-changing request (a CSRF guard: forms cannot set it). */
export const CSRF_HEADER = "x-otmetka-csrf";

/** Error codes the client can meet: the server's, plus `network` when no answer arrived at all. */
export type ClientErrorCode = ErrorCode | "network";

/** A failed API call: the server's ErrorBody fields and the HTTP status (0 when offline). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly issues: ErrorIssue[];
  readonly details: Record<string, unknown>;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    issues?: ErrorIssue[];
    details?: Record<string, unknown>;
    requestId?: string;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.details = init.details ?? {};
    this.requestId = init.requestId;
  }

  /** Seconds to wait before retrying (`locked`, `rate_limited`), when the server said. */
  get retryAfterSeconds(): number | undefined {
    const value = this.details.retryAfterSeconds;
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
  }

  /** A machine-readable refinement of the code, e.g. `wrong_credentials`. */
  get reason(): string | undefined {
    const value = this.details.reason;
    return typeof value === "string" ? value : undefined;
  }
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// A slot the endpoint does not declare may not be passed; one whose fields are all optional may be omitted.
type Slot<K extends string, T> = [T] extends [never] ? { [P in K]?: never } : object extends T ? { [P in K]?: T } : { [P in K]: T };

export type CallInput<E> = Slot<"params", ParamsOf<E>> &
  Slot<"query", QueryOf<E>> &
  Slot<"body", BodyOf<E>> & {
    signal?: AbortSignal;
    /** Ask for an answer built now, not one the server kept (`Cache-Control: no-cache`). */
    fresh?: boolean;
  };

type CallArgs<E> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

/**
 * Calls one endpoint of the shared contracts. Inputs and output are typed from the endpoint;
 * the output is trusted as is (the server serialises it through the same output schema).
 */
export async function call<E extends Endpoint>(endpoint: E, ...[input]: CallArgs<E>): Promise<OutputOf<E>> {
  const { params, query, body, signal, fresh } = (input ?? {}) as {
    params?: unknown;
    query?: unknown;
    body?: unknown;
    signal?: AbortSignal;
    fresh?: boolean;
  };
  const url = buildPath(endpoint.path, params) + buildSearch(query);
  const headers: Record<string, string> = { accept: "application/json" };
  if (endpoint.method !== "GET") headers[CSRF_HEADER] = "1";
  if (body !== undefined) headers["content-type"] = "application/json";
  if (fresh) headers["cache-control"] = "no-cache";

  let response: Response;
  try {
    response = await fetch(url, {
      method: endpoint.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: "network", message: error instanceof Error ? error.message : "Network error" });
  }
  if (!response.ok) throw await readApiError(response);
  if (response.status === 204) return undefined as OutputOf<E>;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as OutputOf<E>;
}

/**
 * Sends a file itself as the request body (the JSON client cannot): the imports. The answer is
 * JSON; a refusal is thrown as ApiError, whose details may carry the import's report.
 */
export async function sendFile<T>(url: string, file: Blob, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { accept: "application/json", "content-type": contentType, [CSRF_HEADER]: "1" },
      body: file,
      credentials: "same-origin",
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: "network", message: error instanceof Error ? error.message : "Network error" });
  }
  if (!response.ok) throw await readApiError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({ status: response.status, code: "internal", message: "The server's answer is not JSON" });
  }
}

/** Replaces `:name` segments with URL-encoded values; a missing value is a programming error. */
export function buildPath(path: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === "") throw new TypeError(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** Flat query objects only: arrays repeat the key, dates become ISO strings, empty values are left out. */
export function buildSearch(query: unknown): string {
  if (query === undefined || query === null) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Date) search.append(key, item.toISOString());
      else if (typeof item === "object") throw new TypeError(`Query parameter "${key}" must be flat`);
      else search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function readApiError(response: Response): Promise<ApiError> {
  const fallback = {
    status: response.status,
    code: codeForStatus(response.status),
    message: response.statusText || `HTTP ${response.status}`,
  };
  let payload: Partial<ErrorBody> | undefined;
  try {
    payload = (await response.json()) as Partial<ErrorBody>;
  } catch {
    return new ApiError({ ...fallback, details: retryAfterHeader(response) });
  }
  const error = payload?.error;
  if (!error || typeof error !== "object") return new ApiError({ ...fallback, details: retryAfterHeader(response) });
  return new ApiError({
    status: response.status,
    code: (ERROR_CODES as readonly string[]).includes(error.code) ? error.code : fallback.code,
    message: typeof error.message === "string" ? error.message : fallback.message,
    issues: Array.isArray(error.issues) ? error.issues : [],
    details: { ...retryAfterHeader(response), ...(error.details ?? {}) },
    requestId: typeof error.requestId === "string" ? error.requestId : undefined,
  });
}

function retryAfterHeader(response: Response): Record<string, unknown> {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? { retryAfterSeconds: seconds } : {};
}

/** For answers that are not ErrorBody (a proxy's 502 page, say). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthenticated";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 423:
      return "locked";
    case 429:
      return "rate_limited";
    default:
      return "internal";
  }
}
