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

export const accountRoutes = [
  route(authEndpoints.login, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 30,
    async handler({ app, body, request, reply }) {
      const { token, mfaMethods } = await login(app, body, clientInfo(request));
      setSessionCookie(app, reply, token, mfaMethods ? 10 / 60 : app.config.sessionTtlHours);
      if (mfaMethods) return { status: "mfa_required" as const, methods: mfaMethods };
      const actor = await resolveActor(app.db, token, app.now());
      if (!actor) throw new Error("A session just created could not be read back");
      return { status: "ok" as const, me: await getMe(app.db, actor) };
    },
  }),
  route(authEndpoints.logout, {
    access: "signed_in",
    async handler({ db, actor, app, request, reply }) {
      await logout(db, actor.sessionIdHash, actor.userId, String(request.id), app.now());
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  }),
  route(authEndpoints.me, {
    access: "signed_in",
    async handler({ db, actor }) {
      return getMe(db, actor);
    },
  }),
];
