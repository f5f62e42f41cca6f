import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { route } from "../../platform/http/route.ts";
import { answerSignedIn, clientInfo } from "./accounts.routes.ts";
import { confirmRegistration, register, resendConfirmation } from "./registration.service.ts";

// These routes hash passwords or count wrong codes, so they manage their own transactions
// (a wrong guess must stay counted although the request fails).
export const registrationRoutes = [
  route(identityEndpoints.register, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 10,
    async handler({ app, body, request, afterCommit }) {
      return register(app, body, clientInfo(request), afterCommit);
    },
  }),
  route(identityEndpoints.confirmRegistration, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 20,
    async handler({ app, body, request, reply }) {
      const token = await confirmRegistration(app, body, clientInfo(request));
      return answerSignedIn(app, reply, token);
    },
  }),
  route(identityEndpoints.resendConfirmation, {
    access: "public",
    transaction: false,
    rateLimitPerMinute: 10,
    async handler({ app, body, request, afterCommit }) {
      await resendConfirmation(app, body.login, clientInfo(request), afterCommit);
      return { ok: true as const };
    },
  }),
];
