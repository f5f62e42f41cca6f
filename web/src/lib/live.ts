import { type LiveEvent, type LiveEventKind, liveEndpoints } from "@otmetka/core/contracts/live.ts";
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useSyncExternalStore } from "react";

/**
 * Live updates: one EventSource per tab on GET /api/v1/live, shared by every view that listens.
 * It opens with the first listener and closes with the last. Events carry ids only; views
 * refetch what they show. The server does not replay missed events, so after a reconnect, and
 * on any `hello` after the first (the server's own LISTEN was down), every listener is asked to
 * resync (refetch) once.
 */

/** "idle": nobody listens; "connecting": the first connection; "reconnecting": it dropped and is retried. */
export type LiveStatus = "idle" | "connecting" | "open" | "reconnecting";

/** What a view listens for: every field given must match the event; `kinds` absent means all kinds. */
export interface LiveFilter {
  kinds?: readonly LiveEventKind[];
  classId?: string;
  subjectId?: string;
  lessonId?: string;
  studentId?: string;
}

export function matchesLiveFilter(filter: LiveFilter, event: LiveEvent): boolean {
  return (
    (filter.kinds === undefined || filter.kinds.includes(event.kind)) &&
    (filter.classId === undefined || filter.classId === event.classId) &&
    (filter.subjectId === undefined || filter.subjectId === event.subjectId) &&
    (filter.lessonId === undefined || filter.lessonId === event.lessonId) &&
    (filter.studentId === undefined || filter.studentId === event.studentId)
  );
}

interface Listener {
  filter(): LiveFilter;
  onEvent(event: LiveEvent): void;
  /** Events may have been missed (the stream was down): refetch. */
  onResync(): void;
}

/** Waits before reconnect attempts 1, 2, 3…; the last repeats. Jittered so a restarted server is not hit by every tab at once. */
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

class LiveConnection {
  #source: EventSource | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  #hasBeenOpen = false;
  #status: LiveStatus = "idle";
  readonly #listeners = new Set<Listener>();
  readonly #statusListeners = new Set<() => void>();

  get status(): LiveStatus {
    return this.#status;
  }

  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#connect();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#disconnect();
    };
  }

  watchStatus(onChange: () => void): () => void {
    this.#statusListeners.add(onChange);
    return () => this.#statusListeners.delete(onChange);
  }

  /** Back online: skip the rest of the wait. */
  retryNow(): void {
    if (this.#retryTimer === null) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#connect();
  }

  #setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const notify of this.#statusListeners) notify();
  }

  #connect(): void {
    this.#setStatus(this.#hasBeenOpen ? "reconnecting" : "connecting");
    const source = new EventSource(liveEndpoints.stream.path);
    this.#source = source;
    source.addEventListener("hello", () => {
      const resync = this.#hasBeenOpen;
      this.#hasBeenOpen = true;
      this.#attempt = 0;
      this.#setStatus("open");
      if (resync) for (const l of this.#listeners) l.onResync();
    });
    source.onmessage = (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return;
      }
      for (const l of this.#listeners) if (matchesLiveFilter(l.filter(), event)) l.onEvent(event);
    };
    // The browser would retry a dropped stream by itself, but not a refused one (401, 429, 503):
    // retry both here, with a growing wait.
    source.onerror = () => {
      source.close();
      if (this.#source !== source) return;
      this.#source = null;
      const base = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)] ?? 30_000;
      this.#attempt++;
      this.#setStatus("reconnecting");
      this.#retryTimer = setTimeout(
        () => {
          this.#retryTimer = null;
          this.#connect();
        },
        base * (0.75 + Math.random() / 2),
      );
    };
  }

  #disconnect(): void {
    this.#source?.close();
    this.#source = null;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#attempt = 0;
    this.#hasBeenOpen = false;
    this.#setStatus("idle");
  }
}

const connection = new LiveConnection();
if (typeof window !== "undefined") window.addEventListener("online", () => connection.retryNow());

/**
 * Calls `onEvent` for each live event matching `filter` while the component is mounted, and
 * `onResync` (if given) after the stream was down and may have missed some. The latest
 * `filter` and callbacks are used without resubscribing.
 */
export function useLiveEvents(filter: LiveFilter, onEvent: (event: LiveEvent) => void, onResync?: () => void): void {
  const latest = useRef({ filter, onEvent, onResync });
  latest.current = { filter, onEvent, onResync };
  useEffect(
    () =>
      connection.listen({
        filter: () => latest.current.filter,
        onEvent: (event) => latest.current.onEvent(event),
        onResync: () => latest.current.onResync?.(),
      }),
    [],
  );
}

/** Refetches of a burst of events (a bulk import, a whole lesson marked) are merged into one. */
const INVALIDATE_DELAY_MS = 150;

/**
 * Keeps TanStack Query data fresh: invalidates `queryKeys` (refetching the active ones) when a
 * matching event arrives, and after a reconnect. `queryKeys` may depend on the event.
 */
export function useLiveInvalidation(
  filter: LiveFilter,
  queryKeys: readonly QueryKey[] | ((event: LiveEvent | null) => readonly QueryKey[]),
): void {
  const queryClient = useQueryClient();
  const pending = useRef<{ keys: Map<string, QueryKey>; timer: ReturnType<typeof setTimeout> | null }>({ keys: new Map(), timer: null });
  const schedule = (event: LiveEvent | null) => {
    const keys = typeof queryKeys === "function" ? queryKeys(event) : queryKeys;
    for (const key of keys) pending.current.keys.set(JSON.stringify(key), key);
    pending.current.timer ??= setTimeout(() => {
      const batch = [...pending.current.keys.values()];
      pending.current = { keys: new Map(), timer: null };
      for (const queryKey of batch) void queryClient.invalidateQueries({ queryKey });
    }, INVALIDATE_DELAY_MS);
  };
  useEffect(() => () => void (pending.current.timer !== null && clearTimeout(pending.current.timer)), []);
  useLiveEvents(filter, schedule, () => schedule(null));
}

/** The tab's live connection state, for an indicator (ui/LiveStatus.tsx). */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (onChange) => connection.watchStatus(onChange),
    () => connection.status,
  );
}
