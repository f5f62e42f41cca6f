import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { route } from "../../platform/http/route.ts";
import { clientInfo } from "./accounts.routes.ts";
import { changePassword, confirmPasswordReset, requestPasswordReset } from "./reset.service.ts";

// Password hashing and counted failures: these routes manage their own transactions.
export const resetRoutes = [
  route(identityEndpoints.requestPasswordReset, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 10,
    async handler({ app, body, request, afterCommit }) {
      return requestPasswordReset(app, body.login, clientInfo(request), afterCommit);
    },
  }),
  route(identityEndpoints.confirmPasswordReset, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 20,
    async handler({ app, body, request, afterCommit }) {
      await confirmPasswordReset(app, body, clientInfo(request), afterCommit);
      return { ok: true as const };
    },
  }),
  route(identityEndpoints.changePassword, {
    access: "signed_in",
    transaction: false,
    rateLimitPerMinute: 20,
    async handler({ app, actor, body, request, afterCommit }) {
      await changePassword(app, actor, body, clientInfo(request), afterCommit);
      return { ok: true as const };
    },
  }),
];
