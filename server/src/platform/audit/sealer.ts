import type { Database } from "../db/db.ts";
import { SEAL_CHANNEL, sealEvents } from "./events.ts";

interface SealerLog {
  error(details: object, message: string): void;
}

export interface AuditSealerOptions {
  /** Milliseconds between sweeps for events no notification announced (default 5,000). */
  sweepMs?: number;
}

/**
 * Links recorded events into their schools' hash chains soon after they commit. Runs on the
 * instances that do background work (`serve`, `worker`). A commit that recorded events notifies
 * SEAL_CHANNEL with the school's id; the sealer then seals that school, once at a time per school
 * on this instance, again if more arrived meanwhile. A periodic sweep seals what no notification
 * announced (an instance that stopped between commit and sealing, a dropped LISTEN connection).
 * Sealers of several instances take turns through the chain's advisory lock.
 */
export class AuditSealer {
  readonly #db: Database;
  readonly #log: SealerLog;
  readonly #sweepMs: number;
  /** Schools being sealed now; `true` when another notification came in meanwhile. */
  readonly #running = new Map<string, boolean>();
  readonly #inFlight = new Set<Promise<void>>();
  #unlisten: (() => Promise<void>) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(db: Database, log: SealerLog, options: AuditSealerOptions = {}) {
    this.#db = db;
    this.#log = log;
    this.#sweepMs = options.sweepMs ?? 5_000;
  }

  async start(): Promise<void> {
    this.#unlisten = await this.#db.listen(
      SEAL_CHANNEL,
      (schoolId) => this.request(schoolId),
      () => this.#sweep(),
    );
    this.#sweep();
  }

  /** Seals one school's waiting events soon; coalesces with a sealing already under way. */
  request(schoolId: string): void {
    if (this.#closed) return;
    if (this.#running.has(schoolId)) {
      this.#running.set(schoolId, true);
      return;
    }
    this.#running.set(schoolId, false);
    this.#track(this.#sealWhileAsked(schoolId));
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#unlisten?.().catch(() => {});
    await Promise.all([...this.#inFlight]);
  }

  async #sealWhileAsked(schoolId: string): Promise<void> {
    try {
      do {
        this.#running.set(schoolId, false);
        await sealEvents(this.#db, schoolId);
      } while (this.#running.get(schoolId) && !this.#closed);
    } catch (error) {
      // The events stay waiting: the next notification or sweep tries again.
      this.#log.error({ err: error, schoolId }, "sealing audit events failed");
    } finally {
      this.#running.delete(schoolId);
    }
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
