import type { Database } from "../db/db.ts";
import { SEAL_CHANNEL, sealEvents } from "./events.ts";

interface SealerLog {
  error(details: object, message: string): void;
}

export interface AuditSealerOptions {
  /** Milliseconds between sweeps for events no notification announced (default 5,000). */
  sweepMs?: number;
  /**
   * Milliseconds a notification waits before its school is sealed (default 50): the events of
   * a burst of saves go into one sealing transaction instead of one each.
   */
  delayMs?: number;
}

/**
 * Links recorded events into their schools' hash chains soon after they commit. Runs on the
 * instances that do background work (`serve`, `worker`). A commit that recorded events notifies
 * SEAL_CHANNEL with the school's id; the sealer then seals that school after a short delay that
 * gathers a burst into one batch, once at a time per school on this instance, again if more
 * arrived while it sealed. A periodic sweep seals what no notification
 * announced (an instance that stopped between commit and sealing, a dropped LISTEN connection).
 * Sealers of several instances take turns through the chain's advisory lock.
 */
export class AuditSealer {
  readonly #db: Database;
  readonly #log: SealerLog;
  readonly #sweepMs: number;
  readonly #delayMs: number;
  /** Schools waiting for their delay or being sealed; "again": notified while being sealed. */
  readonly #state = new Map<string, "waiting" | "sealing" | "again">();
  readonly #inFlight = new Set<Promise<void>>();
  #unlisten: (() => Promise<void>) | null = null;
  #timer: NodeJS.Timeout | null = null;
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(db: Database, log: SealerLog, options: AuditSealerOptions = {}) {
    this.#db = db;
    this.#log = log;
    this.#sweepMs = options.sweepMs ?? 5_000;
    this.#delayMs = options.delayMs ?? 50;
  }

  async start(): Promise<void> {
    this.#unlisten = await this.#db.listen(
      SEAL_CHANNEL,
      (schoolId) => this.request(schoolId),
      () => this.#sweep(),
    );
    this.#sweep();
  }

  /** Seals one school's waiting events soon; joins a sealing already due or under way. */
  request(schoolId: string): void {
    if (this.#closed) return;
    const state = this.#state.get(schoolId);
    if (state === "waiting" || state === "again") return;
    if (state === "sealing") {
      this.#state.set(schoolId, "again");
      return;
    }
    this.#schedule(schoolId);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const timer of this.#timers) clearTimeout(timer);
    await this.#unlisten?.().catch(() => {});
    await Promise.all([...this.#inFlight]);
  }

  #schedule(schoolId: string): void {
    this.#state.set(schoolId, "waiting");
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#track(this.#seal(schoolId));
    }, this.#delayMs);
    this.#timers.add(timer);
    timer.unref();
  }

  async #seal(schoolId: string): Promise<void> {
    this.#state.set(schoolId, "sealing");
    try {
      await sealEvents(this.#db, schoolId);
    } catch (error) {
      // The events stay waiting: the next notification or sweep tries again.
      this.#log.error({ err: error, schoolId }, "sealing audit events failed");
    }
    const again = this.#state.get(schoolId) === "again";
    this.#state.delete(schoolId);
    if (again && !this.#closed) this.#schedule(schoolId);
  }

  #sweep(): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#track(
      sealEvents(this.#db)
        .then(() => undefined)
        .catch((error) => this.#log.error({ err: error }, "sealing audit events failed"))
        .finally(() => {
          if (!this.#closed) this.#timer = setTimeout(() => this.#sweep(), this.#sweepMs);
        }),
    );
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }
}
