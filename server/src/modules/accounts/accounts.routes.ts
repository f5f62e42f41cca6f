import { authEndpoints } from "@otmetka/core/contracts/auth.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { resolveActor, SESSION_COOKIE } from "../../platform/auth/session.ts";
import type { AppContext } from "../../platform/context.ts";
import { route } from "../../platform/http/route.ts";
import { getMe } from "./accounts.queries.ts";
import { login, logout } from "./accounts.service.ts";

export function clientInfo(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers["user-agent"] ?? ""), requestId: String(request.id) };
}

export function setSessionCookie(app: AppContext, reply: FastifyReply, token: string, ttlHours: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: app.config.trustProxy,
    maxAge: Math.round(ttlHours * 3600),
  });
}

/** Sets the cookie of a full session just opened and answers like a successful sign-in. */
export async function answerSignedIn(app: AppContext, reply: FastifyReply, token: string) {
  setSessionCookie(app, reply, token, app.config.sessionTtlHours);
  const actor = await resolveActor(app.db, token, app.now());
  if (!actor) throw new Error("A session just created could not be read back");
  return { status: "ok" as const, me: await getMe(app.db, actor) };
}

export const accountRoutes = [
  route(authEndpoints.login, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 30,
    async handler({ app, body, request, reply }) {
      const { token, mfaMethods } = await login(app, body, clientInfo(request));
      if (!mfaMethods) return answerSignedIn(app, reply, token);
      setSessionCookie(app, reply, token, 10 / 60);
      return { status: "mfa_required" as const, methods: mfaMethods };
    },
  }),
  route(authEndpoints.logout, {
    access: "signed_in",
    allowIncomplete: ["mfa_pending", "mfa_setup"],
    async handler({ db, actor, app, request, reply }) {
      await logout(db, actor.sessionIdHash, actor.userId, String(request.id), app.now());
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  }),
  route(authEndpoints.me, {
    access: "signed_in",
    allowIncomplete: ["mfa_setup"],
    async handler({ db, actor }) {
      return getMe(db, actor);
    },
  }),
];
