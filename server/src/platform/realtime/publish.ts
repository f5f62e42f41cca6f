import { LiveEvent } from "@otmetka/core/contracts/live.ts";
import type { Notification } from "../audit/events.ts";
import type { Db } from "../db/db.ts";
import { sql } from "../db/sql.ts";

export type { LiveEvent } from "@otmetka/core/contracts/live.ts";

/** The NOTIFY channel every app instance LISTENs on (live-hub.ts). */
export const LIVE_CHANNEL = "otmetka_live";

/** A live event as a service publishes it; `at` defaults to now. */
export type LiveEventInput = Omit<LiveEvent, "at"> & { at?: string };

/**
 * Tells every app instance that something changed, from inside the business transaction `tx`:
 * PostgreSQL delivers a NOTIFY only when its transaction commits, so a rolled-back change is
 * never announced and a committed one always is. Ids only (the strict schema has no room for
 * anything else, which also keeps the payload far below NOTIFY's 8000-byte limit): subscribers
 * refetch through the access-checked endpoints.
 */
export async function publishLive(tx: Db, event: LiveEventInput): Promise<void> {
  const { channel, payload } = liveNotification(event);
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** The live event as a notification to send with an audit event (`recordEvent(tx, event, also)`): same rules. */
export function liveNotification(event: LiveEventInput): Notification {
  return { channel: LIVE_CHANNEL, payload: JSON.stringify(LiveEvent.parse({ ...event, at: event.at ?? new Date().toISOString() })) };
}
