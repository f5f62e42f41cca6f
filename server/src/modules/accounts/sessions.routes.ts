import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { SESSION_COOKIE } from "../../platform/auth/session.ts";
import { route } from "../../platform/http/route.ts";
import { listSessions, revokeOtherSessions, revokeSession } from "./sessions.service.ts";

export const sessionRoutes = [
  route(identityEndpoints.listSessions, {
    access: "signed_in",
    async handler({ db, actor, app }) {
      return listSessions(db, actor, app.now());
    },
  }),
  route(identityEndpoints.revokeSession, {
    access: "signed_in",
    async handler({ db, actor, app, params, request, reply }) {
      const { wasCurrent } = await revokeSession(db, actor, params.id, app.now(), String(request.id));
      if (wasCurrent) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  }),
  route(identityEndpoints.revokeOtherSessions, {
    access: "signed_in",
    async handler({ db, actor, app, request }) {
      return { revoked: await revokeOtherSessions(db, actor, app.now(), String(request.id)) };
    },
  }),
];
