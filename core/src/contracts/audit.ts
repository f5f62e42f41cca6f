import { z } from "zod";
import { endpoint } from "../api.ts";
import { IsoDate, Uuid } from "./common.ts";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;

/** Who made a change; null for the system (imports, demo data, scheduled jobs). */
export const AuditActor = z.strictObject({
  /** The user's id. */
  id: Uuid,
  /** Full name as shown in the interface; empty when the account no longer exists. */
  displayName: z.string(),
});
export type AuditActor = z.infer<typeof AuditActor>;

/** One entry of a school's audit log (a row of `events`). */
export const AuditEventView = z.strictObject({
  /** Position in the school's hash chain: 1, 2, 3… without gaps. */
  seq: z.number().int().positive(),
  /** When the change was committed (ISO 8601, UTC). */
  occurredAt: z.iso.datetime(),
  /** Who made the change. */
  actor: AuditActor.nullable(),
  /** Kind of thing changed, e.g. "membership", "grade". */
  entity: z.string(),
  /** Id of the thing changed. */
  entityId: z.string(),
  /** What happened, e.g. "create", "update", "login.failed". */
  action: z.string(),
  /** The thing before the change (JSON), null for a creation. */
  before: z.unknown(),
  /** The thing after the change (JSON), null for a deletion. */
  after: z.unknown(),
  /** Why, as the user wrote it (required for some changes, e.g. correcting a mark). */
  reason: z.string().nullable(),
  /** Id of the HTTP request that made the change, to find it in the server log. */
  requestId: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

/** Query-string numbers arrive as text; empty means "not given". */
const QueryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const AuditEventsQuery = z.strictObject({
  /** Only events about this kind of thing, e.g. "grade". */
  entity: z.string().trim().min(1).max(100).optional(),
  /** Only events about this one thing. */
  entityId: z.string().trim().min(1).max(200).optional(),
  /** Only this action, e.g. "update". */
  action: z.string().trim().min(1).max(100).optional(),
  /** Only changes made by this user. */
  actorUserId: Uuid.optional(),
  /** From this day on (inclusive), in the school's time zone. */
  from: IsoDate.optional(),
  /** Up to this day (inclusive), in the school's time zone. */
  to: IsoDate.optional(),
  /** Words the reason contains (case-insensitive). */
  q: z.string().trim().min(1).max(200).optional(),
  /** Keyset page: events with seq below this one (the `nextBefore` of the previous page). */
  before: QueryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  /** Page size, 50 unless given; at most 200. */
  limit: QueryInt(1, AUDIT_MAX_PAGE_SIZE).default(AUDIT_PAGE_SIZE),
});
export type AuditEventsQuery = z.infer<typeof AuditEventsQuery>;

export const AuditEventsPage = z.strictObject({
  /** Newest first. */
  events: z.array(AuditEventView),
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: z.number().int().positive().nullable(),
});
export type AuditEventsPage = z.infer<typeof AuditEventsPage>;

export const AuditVerifyResult = z.strictObject({
  /** Events whose hashes were recomputed. */
  checked: z.number().int().nonnegative(),
  /** Whether the whole chain is unchanged since it was written. */
  intact: z.boolean(),
  /** The first event that does not match, when the chain is broken. */
  firstBroken: z
    .strictObject({
      /** Its position in the chain. */
      seq: z.number().int().positive(),
      /** hash_mismatch: the row was edited; prev_hash_mismatch: rows were reordered or replaced; gap: rows were deleted. */
      problem: z.enum(["hash_mismatch", "prev_hash_mismatch", "gap"]),
    })
    .optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const auditEndpoints = {
  listEvents: endpoint({
    method: "GET",
    path: "/api/v1/audit/events",
    summary: "The school's audit log, newest first, with filters and keyset pages",
    tag: "audit",
    query: AuditEventsQuery,
    output: AuditEventsPage,
  }),
  verify: endpoint({
    method: "GET",
    path: "/api/v1/audit/verify",
    summary: "Recompute the school's audit hash chain and report the first broken event",
    tag: "audit",
    output: AuditVerifyResult,
  }),
};
