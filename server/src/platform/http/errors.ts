import { AppError, type ErrorBody, type ErrorCode, type ErrorIssue } from "@otmetka/core/errors.ts";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

/** Exhaustive: a new error code without a status does not compile. */
export const STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  /** A second factor must be set up first (the school requires it for staff). */
  mfa_required: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

/** Turns anything thrown into the one wire shape; never leaks a stack trace or internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const issues: ErrorIssue[] = e.validation.map((v) => ({
      path: [
        e.validationContext ?? "body",
        ...String(v.instancePath ?? "")
          .split("/")
          .filter(Boolean),
      ],
      code: String(v.keyword ?? "invalid"),
      message: v.message ?? "Invalid value",
    }));
    return new AppError("validation_failed", "The request has invalid fields", { issues });
  }
  switch (e?.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", "The request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "Send JSON (Content-Type: application/json)");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("bad_request", "The request body is not valid JSON");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("bad_request", "Content-Length does not match the body");
    case "FST_ERR_BAD_URL":
      return new AppError("bad_request", "The URL is not validly encoded");
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AppError("bad_request", "A part of the URL is too long");
  }
  if (e?.statusCode === 429) return new AppError("rate_limited", "Too many requests; try again later", { details: retryDetails(e) });
  if (e instanceof SyntaxError || e?.statusCode === 400) return new AppError("bad_request", "The request is malformed");
  if (e?.statusCode === 413) return new AppError("payload_too_large", "The request body is too large");
  if (e?.statusCode === 415) return new AppError("unsupported_media_type", "Unsupported content type");
  return new AppError("internal", "Something went wrong on our side; the error was logged");
}

function retryDetails(e: unknown): Record<string, unknown> | undefined {
  const after = (e as { retryAfterSeconds?: number }).retryAfterSeconds;
  return after ? { retryAfterSeconds: after } : undefined;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const appError = toAppError(error);
  if (appError.code === "internal") request.log.error({ err: error }, "unhandled error");
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.issues ? { issues: appError.issues } : {}),
      ...(appError.details ? { details: appError.details } : {}),
      requestId: String(request.id),
    },
  };
  return reply.status(STATUS[appError.code]).type("application/json; charset=utf-8").send(body);
}
