import { AppError } from "@otmetka/core/errors.ts";
import type { FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.ts";
import { type IncompleteSession, resolveActor, SESSION_COOKIE } from "../auth/session.ts";
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

/**
 * Resolves the session and enforces the route's declared access. A session that has not finished
 * signing in (second factor due, or a required second factor not set up) passes only routes that
 * allow its stage; on public routes it counts as no session.
 */
export async function authenticate(
  app: AppContext,
  request: FastifyRequest,
  access: Access,
  allowIncomplete: readonly IncompleteSession[] = [],
): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  const resolved = token
    ? await resolveActor(app.db, token, app.now(), { allowMfaPending: allowIncomplete.includes("mfa_pending") })
    : null;
  const blocked = resolved?.incomplete !== undefined && !allowIncomplete.includes(resolved.incomplete);
  if (access === "public") return blocked ? null : resolved;
  if (!resolved) {
    // On the second-factor step, no session means the pending sign-in ran out: start again.
    const expired = allowIncomplete.includes("mfa_pending") ? { details: { reason: "mfa_expired" } } : {};
    throw new AppError("unauthenticated", "Sign in to continue", expired);
  }
  if (blocked) {
    if (resolved.incomplete === "mfa_setup") {
      throw new AppError("mfa_required", "Your school requires two-factor sign-in: set it up first", {
        details: { reason: "mfa_setup_required" },
      });
    }
    throw new AppError("unauthenticated", "Sign in to continue");
  }
  if (access === "signed_in") return resolved;
  if (!resolved.schoolId || !access.some((role) => resolved.roles.includes(role))) {
    throw new AppError("forbidden", "Your role does not allow this");
  }
  return resolved;
}
