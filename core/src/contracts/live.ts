import { z } from "zod";
import { endpoint } from "../api.ts";
import { Uuid } from "./common.ts";

/** What changed. A client refetches what it shows for the ids in the event. */
export const LIVE_EVENT_KINDS = ["journal.cell", "journal.lesson", "journal.period_mark", "timetable.lesson"] as const;
export const LiveEventKind = z.enum(LIVE_EVENT_KINDS);
export type LiveEventKind = z.infer<typeof LiveEventKind>;

/** Kinds that concern one student (a mark, attendance, a period mark) and must name them. */
const PER_STUDENT_KINDS: readonly LiveEventKind[] = ["journal.cell", "journal.period_mark"];

/**
 * A change pushed to open views. Ids only, never names, marks or text: it travels through
 * PostgreSQL NOTIFY (8000-byte limit) to every app instance, and the client refetches through
 * the normal, access-checked endpoints.
 */
export const LiveEvent = z
  .strictObject({
    /** The school the change belongs to; a subscriber only ever gets events of its current school. */
    schoolId: Uuid,
    kind: LiveEventKind,
    /** The class of the lesson, cell or period mark. */
    classId: Uuid,
    subjectId: Uuid.optional(),
    lessonId: Uuid.optional(),
    /** The student (people.id) of a cell or period mark. */
    studentId: Uuid.optional(),
    /** The changed row's version after the change, so a client can skip what it already shows. */
    version: z.number().int().nonnegative().optional(),
    /** When the change was committed (ISO 8601). */
    at: z.iso.datetime({ offset: true }),
  })
  .refine((e) => !PER_STUDENT_KINDS.includes(e.kind) || e.studentId !== undefined, {
    message: "journal.cell and journal.period_mark events name the student",
    path: ["studentId"],
  });
export type LiveEvent = z.infer<typeof LiveEvent>;

export const liveEndpoints = {
  stream: endpoint({
    method: "GET",
    path: "/api/v1/live",
    summary:
      "Server-sent events (text/event-stream): one message of LiveEvent JSON per change the caller may see, a `hello` event on connect and a comment heartbeat every 20 s. Missed events are not replayed: a `hello` after the first (the server's own listener reconnected) or after a reconnect means refetch.",
    tag: "live",
    output: z.string().meta({
      description:
        "The event stream: `retry: <ms>`, an `event: hello` message, then `data: <LiveEvent JSON>` messages and `: heartbeat` comments",
    }),
  }),
};
