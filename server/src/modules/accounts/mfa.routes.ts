import { authEndpoints } from "@otmetka/core/contracts/auth.ts";
import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { route } from "../../platform/http/route.ts";
import { answerSignedIn, clientInfo } from "./accounts.routes.ts";
import { completeMfa, disableMfa, enableTotp, sendMfaCode, setupTotp } from "./mfa.service.ts";

export const mfaRoutes = [
  // The second step of signing in: only a pending session (password checked) gets through.
  route(authEndpoints.completeMfa, {
    access: "signed_in",
    allowIncomplete: ["mfa_pending"],
    transaction: false,
    rateLimitPerMinute: 20,
    async handler({ app, actor, body, request, reply }) {
      const token = await completeMfa(app, actor, body, clientInfo(request));
      return answerSignedIn(app, reply, token);
    },
  }),
  route(identityEndpoints.sendMfaCode, {
    access: "signed_in",
    allowIncomplete: ["mfa_pending"],
    rateLimitPerMinute: 10,
    async handler({ app, db, actor, body, afterCommit }) {
      return sendMfaCode(db, app, actor, body.method, afterCommit);
    },
  }),
  // A staff member whom the school requires to use 2FA may reach these before anything else.
  route(identityEndpoints.setupTotp, {
    access: "signed_in",
    allowIncomplete: ["mfa_setup"],
    rateLimitPerMinute: 20,
    async handler({ app, db, actor, request }) {
      return setupTotp(db, app, actor, String(request.id));
    },
  }),
  route(identityEndpoints.enableTotp, {
    access: "signed_in",
    allowIncomplete: ["mfa_setup"],
    rateLimitPerMinute: 20,
    async handler({ app, db, actor, body, request }) {
      return enableTotp(db, app, actor, body.code, String(request.id));
    },
  }),
  route(identityEndpoints.disableMfa, {
    access: "signed_in",
    transaction: false,
    rateLimitPerMinute: 20,
    async handler({ app, actor, body, request }) {
      await disableMfa(app, actor, body.password, clientInfo(request));
      return { ok: true as const };
    },
  }),
];
