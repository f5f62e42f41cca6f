import type { PassThrough } from "node:stream";
import type { LiveEvent } from "@otmetka/core/contracts/live.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { FastifyReply } from "fastify";
import type { Actor } from "../../platform/auth/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import { type EventStream, openEventStream } from "../../platform/realtime/event-stream.ts";
import type { LiveSubscriber } from "../../platform/realtime/live-hub.ts";
import { canSeeLiveEvent, type LiveScope, mayWidenScope } from "./live.policy.ts";
import { loadLiveScope } from "./live.queries.ts";

/** Open streams a user may hold on one app instance (tabs, devices); one more is refused. */
export const MAX_STREAMS_PER_USER = 5;
/** How often an open stream rereads its scope (new classes, children, a revoked session). */
export const SCOPE_REFRESH_MS = 60_000;

/**
 * Opens the caller's live stream: checks the per-user cap, reads their scope, registers with the
 * instance's hub and returns the body for the route to send. The stream ends when the client goes
 * away, the session ends, or the server shuts down; every path removes it from the hub.
 */
export async function openLiveStream(app: AppContext, actor: Actor, reply: FastifyReply): Promise<PassThrough> {
  if (app.live.connectionsOf(actor.userId) >= MAX_STREAMS_PER_USER) {
    throw new AppError("rate_limited", `At most ${MAX_STREAMS_PER_USER} live connections at a time; close another tab`, {
      details: { retryAfterSeconds: 30 },
    });
  }
  const scope = await loadLiveScope(app.db, actor, app.now());
  if (!scope) throw new AppError("unauthenticated", "Sign in to continue");
  const subscription = new LiveSubscription(app, actor, scope);
  await app.live.add(subscription);
  return subscription.open(reply);
}

class LiveSubscription implements LiveSubscriber {
  readonly userId: string;
  readonly schoolId: string | null;
  readonly #app: AppContext;
  readonly #actor: Actor;
  #scope: LiveScope;
  #stream: EventStream | null = null;
  #timer: NodeJS.Timeout | null = null;
  #refreshing = false;
  /** Closed by the hub, possibly before `open` made the stream. */
  #closed = false;
  #refreshAgain = false;
  /** Events that may widen the scope, waiting for the next reread to decide. */
  #waiting: LiveEvent[] = [];

  constructor(app: AppContext, actor: Actor, scope: LiveScope) {
    this.#app = app;
    this.#actor = actor;
    this.#scope = scope;
    this.userId = actor.userId;
    this.schoolId = scope.schoolId;
  }

  open(reply: FastifyReply): PassThrough {
    const stream = openEventStream(reply, () => {
      if (this.#timer) clearInterval(this.#timer);
      this.#app.live.remove(this);
    });
    this.#stream = stream;
    this.#timer = setInterval(() => this.#refresh(), SCOPE_REFRESH_MS);
    stream.send({}, "hello");
    if (this.#closed) stream.end();
    return stream.body;
  }

  receive(event: LiveEvent): void {
    if (canSeeLiveEvent(this.#scope, event)) this.#stream?.send(event);
    else if (mayWidenScope(this.#scope, event)) {
      this.#waiting.push(event);
      this.#refresh();
    }
  }

  close(): void {
    this.#closed = true;
    this.#stream?.end();
  }

  /** A second `hello`: the client refetches, as after a reconnect of its own. */
  resync(): void {
    this.#stream?.send({}, "hello");
  }

  /**
   * Rereads the scope; at most one read at a time. An event that arrives during a read may have
   * committed after the read began, so it waits for the next read, which starts right after.
   */
  #refresh(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = true;
    const waiting = this.#waiting.splice(0);
    loadLiveScope(this.#app.db, this.#actor, this.#app.now())
      .then((scope) => {
        if (!scope) return this.close();
        this.#scope = scope;
        for (const event of waiting) if (canSeeLiveEvent(scope, event)) this.#stream?.send(event);
      })
      // A failed read (the database briefly away) keeps the old scope until the next one.
      .catch(() => this.#waiting.unshift(...waiting))
      .finally(() => {
        this.#refreshing = false;
        if (this.#refreshAgain) {
          this.#refreshAgain = false;
          this.#refresh();
        }
      });
  }
}
