import type { Database } from "../db/db.ts";
import type { SerializedJson } from "../http/route.ts";
import { PLATFORM_CHAIN, SEAL_CHANNEL } from "../audit/events.ts";

/** An answer as it was sent, with what decides whether it may be sent again. */
export interface CachedAnswer<M> {
  /** The serialised answer. */
  body: SerializedJson;
  /** What the caller needs to check the answer still applies (e.g. the school day it was built on). */
  meta: M;
}

/** Taken before an answer is built: an answer built across a change of its school is not kept. */
export interface BuildTicket {
  readonly schoolId: string;
  readonly school: number;
  readonly everything: number;
}

interface Entry {
  schoolId: string;
  body: SerializedJson;
  meta: unknown;
  expiresAt: number;
  bytes: number;
}

export interface ReadCacheOptions {
  /** Upper bound of the kept answers' size in bytes, default 64 MiB; 0 keeps nothing. */
  maxBytes?: number;
  /** How long an answer is kept at most, default 5 minutes (a backstop; changes end it sooner). */
  ttlMs?: number;
}

/**
 * Answers of expensive reads (the journal grid), kept per viewer until anything in their school
 * changes. The invalidation rides on an invariant of the whole server: every change to a
 * school's data records an audit event in the same transaction (recordEvent), and that insert
 * notifies SEAL_CHANNEL with the school's id, delivered to every instance when the transaction
 * commits and never when it rolls back. So a change on any instance ends this instance's answers
 * for that school; the route layer also drops them at once after a local commit (the
 * notification comes back a moment later). An event without a school (an account's own changes,
 * a name shared by several schools) or a lost LISTEN connection ends every answer. The TTL bounds
 * what a change outside the application (an operator's SQL) could leave behind.
 */
export class ReadCache {
  readonly #db: Database;
  readonly #maxBytes: number;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, Entry>();
  /** Per school, bumped by each change; `#everything` is bumped by a change of all schools. */
  readonly #generations = new Map<string, number>();
  #everything = 0;
  #bytes = 0;
  #listening: Promise<() => Promise<void>> | null = null;
  #closed = false;

  constructor(db: Database, options: ReadCacheOptions = {}) {
    this.#db = db;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
  }

  /** Answers kept now (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  get<M>(key: string, now: number): CachedAnswer<M> | null {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.#delete(key, entry);
      return null;
    }
    // Most recently used last: eviction takes from the front.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return { body: entry.body, meta: entry.meta as M };
  }

  /**
   * Call before reading what the answer is built from. Starts listening first, so no change that
   * commits after the reads began can go unnoticed.
   */
  async begin(schoolId: string): Promise<BuildTicket | null> {
    if (this.#closed || this.#maxBytes === 0) return null;
    try {
      await this.#listen();
    } catch {
      return null;
    }
    return { schoolId, school: this.#generations.get(schoolId) ?? 0, everything: this.#everything };
  }

  /** Keeps an answer, unless its school changed since `ticket` was taken. */
  set<M>(ticket: BuildTicket | null, key: string, answer: CachedAnswer<M>, now: number, expiresAt?: number): void {
    if (!ticket || this.#closed || this.#changedSince(ticket)) return;
    // The compressed copy made later is about a tenth more.
    const bytes = Math.ceil(answer.body.size * 1.1);
    if (bytes > this.#maxBytes / 4) return;
    const old = this.#entries.get(key);
    if (old) this.#delete(key, old);
    this.#entries.set(key, {
      schoolId: ticket.schoolId,
      body: answer.body,
      meta: answer.meta,
      expiresAt: Math.min(now + this.#ttlMs, expiresAt ?? Number.POSITIVE_INFINITY),
      bytes,
    });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#delete(oldest, entry);
    }
  }

  /** Ends every answer of a school (its data changed). */
  invalidate(schoolId: string): void {
    if (schoolId === PLATFORM_CHAIN) {
      this.clear();
      return;
    }
    this.#generations.set(schoolId, (this.#generations.get(schoolId) ?? 0) + 1);
    for (const [key, entry] of this.#entries) if (entry.schoolId === schoolId) this.#delete(key, entry);
  }

  clear(): void {
    this.#everything++;
    this.#entries.clear();
    this.#bytes = 0;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.clear();
    const listening = this.#listening;
    this.#listening = null;
    if (listening) await (await listening.catch(() => null))?.();
  }

  #changedSince(ticket: BuildTicket): boolean {
    return ticket.everything !== this.#everything || ticket.school !== (this.#generations.get(ticket.schoolId) ?? 0);
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  #listen(): Promise<() => Promise<void>> {
    if (!this.#listening) {
      this.#listening = this.#db.listen(
        SEAL_CHANNEL,
        (schoolId) => this.invalidate(schoolId),
        () => this.clear(),
      );
      // A failed LISTEN is retried by the next build rather than remembered; nothing is kept meanwhile.
      this.#listening.catch(() => {
        this.#listening = null;
      });
    }
    return this.#listening;
  }
}
