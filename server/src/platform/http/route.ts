import { gzipSync } from "node:zlib";
import type { Endpoint } from "@otmetka/core/api.ts";
import { ROLES, type Role } from "@otmetka/core/contracts/common.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor, SchoolActor } from "../auth/actor.ts";
import type { IncompleteSession } from "../auth/session.ts";
import type { Db } from "../db/db.ts";
import type { AppContext } from "../context.ts";

/**
 * Who may call a route. There is no default: every route says it.
 * - "public": anyone, signed in or not;
 * - "signed_in": any signed-in user, also one with no school yet;
 * - a list of roles: a signed-in user holding one of them in the session's current school.
 */
export type Access = "public" | "signed_in" | readonly [Role, ...Role[]];

/** Whether a value is a valid `Access` (checked at start-up: a cast could smuggle in anything). */
export function isAccess(value: unknown): value is Access {
  if (value === "public" || value === "signed_in") return true;
  return Array.isArray(value) && value.length > 0 && value.every((role) => (ROLES as readonly unknown[]).includes(role));
}

/**
 * An answer already validated against the endpoint's output schema and serialised, e.g. kept by
 * the read cache: the server sends the bytes as they are (gzip-compressed when the client
 * accepts it, compressed once per answer).
 */
export class SerializedJson {
  /** The JSON as UTF-8. */
  readonly body: Buffer;
  #gzip: Buffer | null = null;

  private constructor(body: Buffer) {
    this.body = body;
  }

  /** What the route's serializer would send: the output schema applied (unknown fields dropped), then JSON. */
  static of<E extends Endpoint>(endpoint: E, value: z.input<E["output"]>): SerializedJson {
    return new SerializedJson(Buffer.from(JSON.stringify(endpoint.output.encode(value as never))));
  }

  /** The body compressed with gzip, made on first use and kept with the answer. */
  gzipped(): Buffer {
    this.#gzip ??= gzipSync(this.body);
    return this.#gzip;
  }

  /** Memory the answer holds. */
  get size(): number {
    return this.body.length + (this.#gzip?.length ?? 0);
  }
}

type ActorFor<A extends Access> = A extends "public" ? Actor | null : A extends "signed_in" ? Actor : SchoolActor;

/** What a validated input looks like; the endpoint's fields are optional, hence NonNullable. */
type Parsed<S> = NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

export interface HandlerContext<E extends Endpoint, A extends Access> {
  params: Parsed<E["params"]>;
  query: Parsed<E["query"]>;
  body: Parsed<E["body"]>;
  actor: ActorFor<A>;
  /** The transaction for mutations (non-GET), the database for reads. */
  db: Db;
  app: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Runs after the transaction commits (e.g. sending mail); never for a rolled-back change. */
  afterCommit(fn: () => Promise<void> | void): void;
}

export interface RouteDefinition<E extends Endpoint = Endpoint, A extends Access = Access> {
  endpoint: E;
  access: A;
  /** Run the handler without a wrapping transaction (it manages its own writes). */
  transaction?: boolean;
  /**
   * Sessions still signing in that may call this route (default: none): "mfa_pending" for the
   * second-factor step itself, "mfa_setup" for what a staff member needs to set one up.
   */
  allowIncomplete?: readonly IncompleteSession[];
  /** Per-route rate limit (requests per minute per IP), on top of the global one. */
  rateLimitPerMinute?: number;
  /** The request body is a raw file of this media type (a Buffer), not JSON; OpenAPI shows it so. */
  rawBody?: "text/csv" | "application/octet-stream";
  /** Largest request body in bytes, for routes that take files; the server-wide limit is 1 MiB. */
  bodyLimit?: number;
  /**
   * The success answer is not JSON but this media type: a file (the handler sets the headers), or
   * a stream of server-sent events that stays open (the handler returns the stream).
   */
  responseType?: "text/csv" | "text/event-stream" | "application/octet-stream";
  handler(ctx: HandlerContext<E, A>): Promise<z.input<E["output"]> | SerializedJson>;
}

export function route<E extends Endpoint, const A extends Access>(
  endpoint: E,
  definition: Omit<RouteDefinition<E, A>, "endpoint">,
): RouteDefinition<E, A> {
  return { endpoint, ...definition };
}
