import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { AppError } from "@otmetka/core/errors.ts";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext } from "../context.ts";
import { sendError } from "./errors.ts";
import { authenticate, isBrowserSafeMethod } from "./authenticate.ts";
import { findUnstorableValue, parseJsonBody } from "./json-body.ts";
import { isAccess, type RouteDefinition, SerializedJson } from "./route.ts";

export const WEB_DIST = new URL("../../../../web/dist/", import.meta.url).pathname;
/** API routes registered by plugins rather than by `route()`: the public API documentation. */
const DOC_ROUTES = /^\/api\/(docs($|\/)|openapi\.json$)/;
const BODY_LIMIT = 1024 * 1024;

declare module "fastify" {
  interface FastifyContextConfig {
    definition?: RouteDefinition;
  }
}

export async function buildServer(app: AppContext, routes: readonly RouteDefinition[]): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: app.config.logLevel === "silent" ? false : { level: app.config.logLevel },
    trustProxy: app.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    // Errors the router raises itself (a malformed %-escape, an overlong path parameter) get the
    // one error shape too, not Fastify's own.
    frameworkErrors: (error, request, reply) => sendError(request, reply, error),
  });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  fastify.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  fastify.setNotFoundHandler(async (request, reply) => serveWebOrNotFound(request.url, request.method, reply));

  // JSON is the only body the API takes (anything else is 415), parsed strictly (json-body.ts).
  fastify.removeContentTypeParser("text/plain");
  fastify.removeContentTypeParser("application/json");
  fastify.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  // CSV files (roster import) arrive as raw bytes: the route decodes them (UTF-8 or Windows-1251).
  // Only routes with `rawBody` take them (see preValidation); their `bodyLimit` bounds the size.
  fastify.addContentTypeParser("text/csv", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  // Uploaded files and CSV/XLSX imports whose type the route detects from the bytes themselves.
  fastify.addContentTypeParser("application/octet-stream", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  // Every API route declares its access; one that does not stops the start-up.
  fastify.addHook("onRoute", (options) => {
    const url = options.url;
    const definition = options.config?.definition;
    // The type system requires `access`; this catches casts and plain-JavaScript callers.
    if (definition && !isAccess(definition.access)) {
      throw new Error(
        `Route ${String(options.method)} ${url} has an invalid access ${JSON.stringify(definition.access)}: use "public", "signed_in" or a list of roles`,
      );
    }
    if (definition || !url.startsWith("/api") || DOC_ROUTES.test(url)) return;
    throw new Error(`Route ${String(options.method)} ${url} has no access policy: declare it with route()`);
  });

  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: app.config.trustProxy ? [] : null,
      },
    },
    strictTransportSecurity: app.config.trustProxy,
  });
  await fastify.register(cookie);
  await fastify.register(rateLimit, {
    global: true,
    max: 1200,
    timeWindow: "1 minute",
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError("rate_limited", "Too many requests; try again later", {
          details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        }),
        {
          statusCode: 429,
        },
      ),
  });
  await fastify.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Otmetka API",
        version: "1",
        description: "Электронный журнал и дневник «Отметка». Errors share one shape: `{ error: { code, message, issues?, requestId } }`.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "otm_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  await fastify.register(swaggerUi, { routePrefix: "/api/docs" });
  fastify.get("/api/openapi.json", { schema: { hide: true } }, async () => fastify.swagger());

  for (const definition of routes) registerRoute(fastify, app, definition);

  if (existsSync(WEB_DIST)) {
    await fastify.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, maxAge: "1h" });
  }
  return fastify;
}

function registerRoute(fastify: FastifyInstance, app: AppContext, definition: RouteDefinition): void {
  const e = definition.endpoint;
  const status = e.status ?? 200;
  fastify.route({
    method: e.method,
    url: e.path,
    config: {
      definition,
      ...(definition.rateLimitPerMinute ? { rateLimit: { max: definition.rateLimitPerMinute, timeWindow: "1 minute" } } : {}),
    },
    ...(definition.bodyLimit ? { bodyLimit: definition.bodyLimit } : {}),
    schema: {
      summary: e.summary,
      tags: [e.tag],
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      ...(definition.rawBody ? { consumes: [definition.rawBody] } : {}),
      response: {
        [status]: definition.responseType ? { content: { [definition.responseType]: { schema: e.output } } } : e.output,
      },
      ...(definition.access === "public" ? {} : { security: [{ session: [] }] }),
    },
    // Access is checked before the input is validated: a caller who may not use the route gets
    // 401/403 whatever they sent, not a 400 that describes the route's input to them.
    preValidation: async (request) => {
      if (!isBrowserSafeMethod(request.method) && request.headers["x-otmetka-csrf"] === undefined) {
        throw new AppError("forbidden", "Missing the x-otmetka-csrf header required for state-changing requests");
      }
      request.actor = await authenticate(app, request, definition.access, definition.allowIncomplete);
      if (
        !isBrowserSafeMethod(request.method) &&
        (Buffer.isBuffer(request.body) !== Boolean(definition.rawBody) ||
          (definition.rawBody && mediaTypeOf(request.headers["content-type"]) !== definition.rawBody))
      ) {
        const expected = definition.rawBody ?? "application/json";
        throw new AppError("unsupported_media_type", `Send the body as ${expected} (Content-Type: ${expected})`);
      }
      const unstorable = findUnstorableValue(request.query, "querystring") ?? findUnstorableValue(request.params, "params");
      if (unstorable) {
        throw new AppError("validation_failed", "The request has invalid fields", {
          issues: [{ path: unstorable.path, code: "invalid_string", message: `The value ${unstorable.reason}` }],
        });
      }
      if (
        !isBrowserSafeMethod(request.method) &&
        e.body === undefined &&
        request.body !== undefined &&
        request.body !== null &&
        Object.keys(request.body).length > 0
      ) {
        throw new AppError("validation_failed", "This endpoint takes no body", {
          issues: [{ path: ["body"], code: "unrecognized_keys", message: "No body expected" }],
        });
      }
    },
    handler: async (request, reply) => {
      const after: (() => Promise<void> | void)[] = [];
      const run = (db: typeof app.db | Parameters<Parameters<typeof app.db.transaction>[0]>[0]) =>
        definition.handler({
          params: request.params as never,
          query: request.query as never,
          body: request.body as never,
          actor: request.actor as never,
          db,
          app,
          request,
          reply,
          afterCommit: (fn) => after.push(fn),
        });
      const inTransaction = definition.transaction ?? e.method !== "GET";
      const result = inTransaction ? await app.db.transaction(run) : await run(app.db);
      for (const fn of after) {
        try {
          await fn();
        } catch (error) {
          request.log.error({ err: error }, "after-commit action failed");
        }
      }
      // Anything in the school may have changed: drop its kept answers now, not only when the
      // commit's notification comes back (platform/cache/read-cache.ts).
      if (inTransaction && request.actor?.schoolId) app.readCache.invalidate(request.actor.schoolId);
      reply.status(status);
      if (result instanceof SerializedJson) {
        reply.type("application/json; charset=utf-8").header("vary", "accept-encoding");
        if (result.body.length < 1024 || !acceptsGzip(request.headers["accept-encoding"])) return result.body;
        reply.header("content-encoding", "gzip");
        return result.gzipped();
      }
      return result;
    },
  });
}

/** Whether an Accept-Encoding header allows gzip (named, or `*`, and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (name !== "gzip" && name !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The media type of a Content-Type header, without parameters, lower case. */
function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

async function serveWebOrNotFound(url: string, method: string, reply: import("fastify").FastifyReply) {
  const isApi = url.startsWith("/api/") || url === "/api";
  const index = join(WEB_DIST, "index.html");
  if (!isApi && (method === "GET" || method === "HEAD") && existsSync(index)) {
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(await readFile(index));
  }
  return sendError(reply.request, reply, new AppError("not_found", "No such endpoint or page"));
}
