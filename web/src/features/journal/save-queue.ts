import type { OutputOf } from "@otmetka/core/api.ts";
import { type JournalCell, journalEndpoints } from "@otmetka/core/contracts/journal.ts";
import { ApiError, call } from "../../lib/api.ts";
import { onSessionEnd } from "../../lib/session-end.ts";
import type { CellValue } from "./cell-value.ts";
import { ValueStore } from "./keyed-store.ts";

export type SaveCellResult = OutputOf<typeof journalEndpoints.saveCell>;

/** One cell change not yet confirmed by the server; kept in localStorage until it is. */
export interface QueuedSave {
  key: string;
  lessonId: string;
  studentId: string;
  value: CellValue;
  /** The cell version the change is based on; a stale one gets a conflict, never an overwrite. */
  baseVersion: number;
  reason?: string;
  /** Waiting for the teacher rather than for the network: a conflict or a missing reason. */
  blocked: "conflict" | "reason" | null;
  attempts: number;
}

export type SaveEvent =
  | { type: "sending"; key: string }
  /** `done`: nothing newer for the cell waits; otherwise the newer value is sent next. */
  | { type: "saved"; key: string; result: SaveCellResult; done: boolean }
  | { type: "retrying"; key: string; error: ApiError; retryAt: number }
  | { type: "conflict"; key: string; current: JournalCell | null; mine: CellValue }
  | { type: "needsReason"; key: string }
  /**
   * The session ended (expired, signed out elsewhere): the queue stops, and the change stays
   * stored for this user's next sign-in.
   */
  | { type: "signedOut"; key: string }
  /** Refused for good (locked, forbidden, invalid): the change is dropped. */
  | { type: "rejected"; key: string; error: ApiError };

type Sender = (entry: QueuedSave) => Promise<SaveCellResult>;

const STORAGE_VERSION = 1;

function sendToServer(entry: QueuedSave): Promise<SaveCellResult> {
  return call(journalEndpoints.saveCell, {
    params: { lessonId: entry.lessonId, studentId: entry.studentId },
    body: { ...entry.value, version: entry.baseVersion, ...(entry.reason ? { reason: entry.reason } : {}) },
  });
}

/** Network trouble and server faults are worth retrying; a 4xx answer will not change by itself. */
function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500 || error.code === "rate_limited";
}

function needsReason(error: ApiError): boolean {
  return error.status === 400 && error.issues.some((issue) => issue.path.at(-1) === "reason");
}

/** 1, 2, 4 … 60 seconds, with a little jitter so many teachers do not retry in step. */
export function backoffMs(attempts: number, error: ApiError): number {
  const serverWait = error.retryAfterSeconds;
  if (serverWait !== undefined) return serverWait * 1000;
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4);
}

/**
 * The journal's outbox: every cell change goes through it. A change is sent at once; a network
 * failure or a server fault keeps it here (and in localStorage, per user) and retries it with
 * backoff, so a change survives a reload or a lost connection and is never silently lost.
 * One request per cell at a time: a newer value waits for the one in flight and is then sent on
 * the version that one produced. When the session ends the queue closes: nothing more goes out
 * (the next user's session must never carry these changes), and what waits is sent after the same
 * user signs in again.
 */
export class SaveQueue {
  /** Changes not confirmed yet. */
  readonly unsaved = new ValueStore(0);
  /** Changes that failed at least once or wait for the teacher: the banner shows when any do. */
  readonly failing = new ValueStore(0);
  private readonly entries = new Map<string, QueuedSave>();
  /** Increases with every change of a cell, to tell whether the value sent is still the latest. */
  private readonly revisions = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly retryAt = new Map<string, number>();
  private readonly listeners = new Set<(event: SaveEvent) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly storageKey: string;
  private readonly send: Sender;
  private closed = false;
  private readonly whenOnline = () => this.retryAll();

  constructor(storageKey: string, send: Sender = sendToServer) {
    this.storageKey = storageKey;
    this.send = send;
    for (const entry of this.readStorage()) this.entries.set(entry.key, { ...entry, blocked: null, attempts: 0 });
    this.updateCounts();
    window.addEventListener("online", this.whenOnline);
  }

  /**
   * Stops for good: nothing more is sent, stored or reported. What waits stays in localStorage, and
   * the user's next queue (after signing in again) sends it; a save whose answer this one drops is
   * sent again then, and the server takes a repeated save of the same content as done.
   */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    window.removeEventListener("online", this.whenOnline);
    this.listeners.clear();
    for (const [userId, queue] of queues) if (queue === this) queues.delete(userId);
  }

  get(key: string): QueuedSave | undefined {
    return this.entries.get(key);
  }

  all(): QueuedSave[] {
    return [...this.entries.values()];
  }

  onEvent(listener: (event: SaveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends whatever waits (after a reload, say). */
  start(): void {
    for (const key of this.entries.keys()) this.kick(key);
  }

  enqueue(change: { key: string; lessonId: string; studentId: string; value: CellValue; baseVersion: number }): void {
    const existing = this.entries.get(change.key);
    if (existing) {
      existing.value = change.value;
      existing.reason = undefined;
      existing.attempts = 0;
    } else {
      this.entries.set(change.key, { ...change, blocked: null, attempts: 0 });
    }
    this.revisions.set(change.key, (this.revisions.get(change.key) ?? 0) + 1);
    this.retryAt.delete(change.key);
    if (this.closed) {
      // Typed in the moment between the end of the session and the page leaving: straight to
      // storage, where the next queue of this user finds it.
      this.store([...this.readStorage().filter((e) => e.key !== change.key), this.entries.get(change.key) as QueuedSave]);
      return;
    }
    this.persist();
    this.kick(change.key);
  }

  /** «Записать моё»: send again on top of the version now on the server. */
  overwrite(key: string, currentVersion: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.baseVersion = currentVersion;
    entry.blocked = null;
    this.persist();
    this.kick(key);
  }

  provideReason(key: string, reason: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.reason = reason;
    entry.blocked = null;
    this.persist();
    this.kick(key);
  }

  /** Gives a change up («Оставить текущее», a cancelled reason). */
  drop(key: string): void {
    if (!this.entries.delete(key)) return;
    this.retryAt.delete(key);
    this.persist();
  }

  /** «Повторить»: send every waiting change now. */
  retryAll(): void {
    this.retryAt.clear();
    for (const key of this.entries.keys()) this.kick(key);
  }

  private kick(key: string): void {
    const entry = this.entries.get(key);
    if (this.closed || !entry || entry.blocked || this.inFlight.has(key)) return;
    const at = this.retryAt.get(key);
    if (at !== undefined && at > Date.now()) return;
    void this.sendOne(entry);
  }

  private async sendOne(entry: QueuedSave): Promise<void> {
    const { key } = entry;
    const revision = this.revisions.get(key) ?? 0;
    this.inFlight.add(key);
    this.emit({ type: "sending", key });
    let result: SaveCellResult;
    try {
      result = await this.send({ ...entry, value: { ...entry.value } });
    } catch (error) {
      this.inFlight.delete(key);
      if (this.closed) return;
      this.fail(key, error instanceof ApiError ? error : new ApiError({ status: 0, code: "network", message: String(error) }));
      return;
    }
    this.inFlight.delete(key);
    if (this.closed) return;
    const current = this.entries.get(key);
    if (!current) return;
    if ((this.revisions.get(key) ?? 0) === revision) {
      this.entries.delete(key);
      this.persist();
      this.emit({ type: "saved", key, result, done: true });
      return;
    }
    current.baseVersion = result.cell.version;
    current.reason = undefined;
    this.persist();
    this.emit({ type: "saved", key, result, done: false });
    this.kick(key);
  }

  private fail(key: string, error: ApiError): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (error.status === 401) {
      this.emit({ type: "signedOut", key });
      this.close();
    } else if (isTransient(error)) {
      entry.attempts += 1;
      const at = Date.now() + backoffMs(entry.attempts, error);
      this.retryAt.set(key, at);
      this.persist();
      this.emit({ type: "retrying", key, error, retryAt: at });
      this.scheduleRetry();
    } else if (error.code === "conflict") {
      entry.blocked = "conflict";
      this.updateCounts();
      const current = (error.details.current ?? null) as JournalCell | null;
      this.emit({ type: "conflict", key, current, mine: entry.value });
    } else if (needsReason(error)) {
      entry.blocked = "reason";
      this.updateCounts();
      this.emit({ type: "needsReason", key });
    } else {
      this.drop(key);
      this.emit({ type: "rejected", key, error });
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.timer);
    const next = Math.min(...this.retryAt.values());
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(
      () => {
        const now = Date.now();
        for (const [key, at] of this.retryAt) {
          if (at > now) continue;
          this.retryAt.delete(key);
          this.kick(key);
        }
        this.scheduleRetry();
      },
      Math.max(0, next - Date.now()),
    );
  }

  private emit(event: SaveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private updateCounts(): void {
    this.unsaved.set(this.entries.size);
    let failing = 0;
    for (const entry of this.entries.values()) if (entry.attempts > 0 || entry.blocked) failing += 1;
    this.failing.set(failing);
  }

  private persist(): void {
    if (this.closed) return;
    this.updateCounts();
    this.store([...this.entries.values()]);
  }

  private store(entries: QueuedSave[]): void {
    try {
      if (entries.length === 0) localStorage.removeItem(this.storageKey);
      else localStorage.setItem(this.storageKey, JSON.stringify({ v: STORAGE_VERSION, entries }));
    } catch {
      // Storage full or disabled: the change still waits in memory and the banner counts it.
    }
  }

  private readStorage(): QueuedSave[] {
    try {
      const data = JSON.parse(localStorage.getItem(this.storageKey) ?? "null") as { v?: number; entries?: QueuedSave[] } | null;
      if (data?.v !== STORAGE_VERSION || !Array.isArray(data.entries)) return [];
      return data.entries.filter((e) => typeof e?.key === "string" && typeof e.lessonId === "string" && Array.isArray(e.value?.marks));
    } catch {
      return [];
    }
  }
}

const queues = new Map<string, SaveQueue>();
onSessionEnd(() => {
  for (const queue of [...queues.values()]) queue.close();
});

/** The signed-in user's queue: one per user, so another account on this device never sends it. */
export function saveQueueFor(userId: string): SaveQueue {
  let queue = queues.get(userId);
  if (!queue) {
    queue = new SaveQueue(`otmetka.journal.unsaved.${userId}`);
    queues.set(userId, queue);
  }
  return queue;
}
