import { type ClientRequest, get, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { LiveEvent } from "@otmetka/core/contracts/live.ts";
import { createSession, SESSION_COOKIE } from "../src/platform/auth/session.ts";
import type { TestApp } from "./harness.ts";

/** Serves the test app over real HTTP on a free loopback port (event streams never end, so inject cannot read them). */
export async function listenOnLoopback(t: TestApp): Promise<string> {
  await t.server.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(t.server.server.address() as { port: number }).port}`;
}

/** A session for a user in a school, without going through the (rate-limited) sign-in. */
export function sessionToken(t: TestApp, userId: string, schoolId: string | null): Promise<string> {
  return createSession(t.db, {
    userId,
    schoolId,
    ip: "127.0.0.1",
    userAgent: "live-client",
    mfaPending: false,
    ttlHours: 1,
    maxSessions: 100,
    now: t.app.now(),
  });
}

export interface LiveClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body of a refused request (status ≠ 200). */
  refusal: string;
  /** Raw lines received so far (fields and comments), in order. */
  lines: string[];
  events: LiveEvent[];
  /** Resolves when the first event matching `match` has arrived, or fails after `ms`. */
  next(match: (e: LiveEvent) => boolean, ms?: number): Promise<LiveEvent>;
  /** Resolves on the `hello` message: the server has registered the stream and listens. */
  hello: Promise<void>;
  /** Resolves when the stream has ended from the server's side. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens GET /api/v1/live like a browser's EventSource would, and parses what it sends. Plain
 * node:http without keep-alive: fetch's connection pool would open spare connections that keep
 * the test server from closing.
 */
export async function openLiveClient(baseUrl: string, token: string): Promise<LiveClient> {
  const waiters: { match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  let greeted = () => {};
  let ended = () => {};
  let request: ClientRequest | null = null;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request = get(
      `${baseUrl}/api/v1/live`,
      { agent: false, headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: "text/event-stream" } },
      resolve,
    );
    request.on("error", reject);
  });
  const client: LiveClient = {
    status: response.statusCode ?? 0,
    headers: response.headers,
    refusal: "",
    lines: [],
    events: [],
    async next(match, ms = 2000) {
      const seen = client.events.find(match);
      if (seen) return seen;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching live event within ${ms} ms`)), ms);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    hello: new Promise((resolve) => {
      greeted = resolve;
    }),
    ended: new Promise((resolve) => {
      ended = resolve;
    }),
    close: () => (request as ClientRequest | null)?.destroy(),
  };
  response.setEncoding("utf8");
  response.on("error", () => {});
  response.on("close", () => ended());
  if (client.status !== 200) {
    for await (const chunk of response) client.refusal += chunk;
    return client;
  }
  let buffer = "";
  response.on("data", (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const message = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      client.lines.push(...message);
      if (message.includes("event: hello")) greeted();
      const named = message.some((l) => l.startsWith("event:"));
      const data = message.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6));
      if (!named && data.length) {
        const event = JSON.parse(data.join("\n")) as LiveEvent;
        client.events.push(event);
        for (const w of waiters.filter((w) => w.match(event))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
      end = buffer.indexOf("\n\n");
    }
  });
  return client;
}
