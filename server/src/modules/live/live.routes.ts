import { liveEndpoints } from "@otmetka/core/contracts/live.ts";
import { route } from "../../platform/http/route.ts";
import { openLiveStream } from "./live.service.ts";

export const liveRoutes = [
  route(liveEndpoints.stream, {
    access: "signed_in",
    responseType: "text/event-stream",
    async handler({ app, actor, reply }) {
      // The body is a stream, not the string the contract describes for OpenAPI.
      return (await openLiveStream(app, actor, reply)) as unknown as string;
    },
  }),
];
