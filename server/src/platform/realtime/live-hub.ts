import { LiveEvent } from "@otmetka/core/contracts/live.ts";
import type { Database } from "../db/db.ts";
import { LIVE_CHANNEL } from "./publish.ts";

/** One open live stream, as the hub sees it. */
export interface LiveSubscriber {
  readonly userId: string;
  /** The school whose events the subscriber may get; null (a user with no school yet) gets none. */
  readonly schoolId: string | null;
  /** Every event of the subscriber's school: the subscriber decides, from its scope, what to pass on. */
  receive(event: LiveEvent): void;
  /** The hub is shutting down: end the stream. */
  close(): void;
  /** Events may have been missed (the LISTEN connection was down): tell the client to refetch. */
  resync(): void;
}

/**
 * The one LISTEN of an app instance, fanned out to its open streams. NOTIFY reaches every
 * instance connected to the database, so each instance only serves its own subscribers and no
 * instance needs to know about another. Started by the first subscriber, ended by `close`.
 */
export class LiveHub {
  readonly #db: Database;
  readonly #bySchool = new Map<string, Set<LiveSubscriber>>();
  readonly #all = new Set<LiveSubscriber>();
  #listening: Promise<() => Promise<void>> | null = null;
  #closed = false;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Open streams on this instance. */
  get size(): number {
    return this.#all.size;
  }

  /** Open streams of one user on this instance (the per-user cap counts these). */
  connectionsOf(userId: string): number {
    let n = 0;
    for (const s of this.#all) if (s.userId === userId) n++;
    return n;
  }

  async add(subscriber: LiveSubscriber): Promise<void> {
    if (this.#closed) throw new Error("The live hub is closed");
    await this.#listen();
    this.#all.add(subscriber);
    if (subscriber.schoolId === null) return;
    const school = this.#bySchool.get(subscriber.schoolId) ?? new Set();
    this.#bySchool.set(subscriber.schoolId, school);
    school.add(subscriber);
  }

  remove(subscriber: LiveSubscriber): void {
    this.#all.delete(subscriber);
    if (subscriber.schoolId === null) return;
    const school = this.#bySchool.get(subscriber.schoolId);
    school?.delete(subscriber);
    if (school?.size === 0) this.#bySchool.delete(subscriber.schoolId);
  }

  /** Ends every stream and the LISTEN; called before the HTTP server closes (an open stream would hold it). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const subscriber of [...this.#all]) subscriber.close();
    const listening = this.#listening;
    this.#listening = null;
    if (listening) await (await listening.catch(() => null))?.();
  }

  #listen(): Promise<() => Promise<void>> {
    if (!this.#listening) {
      this.#listening = this.#db.listen(
        LIVE_CHANNEL,
        (payload) => this.#deliver(payload),
        () => {
          for (const subscriber of this.#all) subscriber.resync();
        },
      );
      // A failed LISTEN is retried by the next subscriber rather than remembered.
      this.#listening.catch(() => {
        this.#listening = null;
      });
    }
    return this.#listening;
  }

  #deliver(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      parsed = undefined;
    }
    // Only publishLive writes to the channel, through the same schema; what does not parse (a
    // kind added by a newer instance during a rolling upgrade, a hand-made NOTIFY) is skipped.
    const event = LiveEvent.safeParse(parsed);
    if (!event.success) return;
    for (const subscriber of this.#bySchool.get(event.data.schoolId) ?? []) subscriber.receive(event.data);
  }
}
