import { AppError } from "@otmetka/core/errors.ts";
import type { FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.ts";
import { resolveActor, SESSION_COOKIE } from "../auth/session.ts";
import type { AppContext } from "../context.ts";
import type { Access } from "./route.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function isBrowserSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** Resolves the session and enforces the route's declared access. */
export async function authenticate(app: AppContext, request: FastifyRequest, access: Access): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  const actor = token ? await resolveActor(app.db, token, app.now()) : null;
  if (access === "public") return actor;
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue");
  if (access === "signed_in") return actor;
  if (!actor.schoolId || !access.some((role) => actor.roles.includes(role))) {
    throw new AppError("forbidden", "Your role does not allow this");
  }
  return actor;
}
