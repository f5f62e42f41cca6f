import { PassThrough } from "node:stream";
import type { FastifyReply } from "fastify";

/** Comment lines keep proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 20_000;
/** How long a browser's EventSource waits before reconnecting (the `retry:` field). */
export const RETRY_MS = 3_000;
/** A client that reads slower than this much backlog gets its stream ended; it reconnects and refetches. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

export interface EventStream {
  /** What the route handler returns: Fastify pipes it to the client without buffering. */
  readonly body: PassThrough;
  /** Sends one message: `event:` (when named) and `data:` with the JSON of `data`. */
  send(data: object, event?: string): void;
  /** Ends the stream from the server's side. */
  end(): void;
}

/**
 * Turns a reply into a server-sent event stream: the headers that keep proxies from buffering or
 * caching it, the reconnect hint, and a heartbeat. `onClose` runs once, whichever side ends the
 * stream (the client going away, `end()`, or a backlog the client does not read).
 */
export function openEventStream(reply: FastifyReply, onClose: () => void, heartbeatMs = HEARTBEAT_MS): EventStream {
  reply
    .header("content-type", "text/event-stream; charset=utf-8")
    .header("cache-control", "no-cache, no-transform")
    .header("x-accel-buffering", "no");
  const body = new PassThrough();
  let closed = false;
  const write = (chunk: string) => {
    if (closed) return;
    if (body.writableLength > MAX_BACKLOG_BYTES) finish();
    else body.write(chunk);
  };
  const heartbeat = setInterval(() => write(": heartbeat\n\n"), heartbeatMs);
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    body.end();
    onClose();
  };
  reply.raw.on("close", finish);
  body.on("close", finish);
  // The client may have gone while the stream was being set up, before "close" had a listener.
  if (reply.raw.destroyed || reply.request.raw.socket?.destroyed) queueMicrotask(finish);
  body.write(`retry: ${RETRY_MS}\n\n`);
  return {
    body,
    send: (data, event) => write(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`),
    end: finish,
  };
}
