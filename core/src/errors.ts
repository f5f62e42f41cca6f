/**
 * The one error type of Otmetka. Every failure a client can see has a code from this list;
 * the server maps each code to an HTTP status (server/src/platform/http/errors.ts), and the web
 * app maps each code to a localised message.
 */
export const ERROR_CODES = [
  "validation_failed",
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "locked",
  "mfa_required",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field; `path` is the JSON path of the field. */
export interface ErrorIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ErrorIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues;
    this.details = options.details;
  }
}

/** The wire shape of every error response (DESIGN.md §5.8). */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    issues?: ErrorIssue[];
    details?: Record<string, unknown>;
    requestId: string;
  };
}
