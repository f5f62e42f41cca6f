import type { Endpoint } from "@otmetka/core/api.ts";
import type { Role } from "@otmetka/core/contracts/common.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor, SchoolActor } from "../auth/actor.ts";
import type { Db } from "../db/db.ts";
import type { AppContext } from "../context.ts";

/**
 * Who may call a route. There is no default: every route says it.
 * - "public": anyone, signed in or not;
 * - "signed_in": any signed-in user, also one with no school yet;
 * - a list of roles: a signed-in user holding one of them in the session's current school.
 */
export type Access = "public" | "signed_in" | readonly [Role, ...Role[]];

type ActorFor<A extends Access> = A extends "public" ? Actor | null : A extends "signed_in" ? Actor : SchoolActor;

export interface HandlerContext<E extends Endpoint, A extends Access> {
  params: E["params"] extends z.ZodType ? z.output<E["params"]> : undefined;
  query: E["query"] extends z.ZodType ? z.output<E["query"]> : undefined;
  body: E["body"] extends z.ZodType ? z.output<E["body"]> : undefined;
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
  /** Per-route rate limit (requests per minute per IP), on top of the global one. */
  rateLimitPerMinute?: number;
  handler(ctx: HandlerContext<E, A>): Promise<z.input<E["output"]>>;
}

export function route<E extends Endpoint, const A extends Access>(
  endpoint: E,
  definition: Omit<RouteDefinition<E, A>, "endpoint">,
): RouteDefinition<E, A> {
  return { endpoint, ...definition };
}
