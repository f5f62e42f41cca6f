import type { QueryOf } from "@otmetka/core/api.ts";
import type { auditEndpoints } from "@otmetka/core/contracts/audit.ts";

/** The filter form's fields; they live in the page's URL, so a filtered view can be linked to. */
export interface AuditFilterValues {
  q: string;
  entity: string;
  entityId: string;
  action: string;
  actorUserId: string;
  /** Shown on the actor chip only; not sent to the server. */
  actorName: string;
  from: string;
  to: string;
  /** Start the list below this seq (set by "show the broken event"). */
  before: string;
}

export const FILTER_FIELDS = ["q", "entity", "entityId", "action", "actorUserId", "actorName", "from", "to", "before"] as const;

export const NO_FILTERS: AuditFilterValues = {
  q: "",
  entity: "",
  entityId: "",
  action: "",
  actorUserId: "",
  actorName: "",
  from: "",
  to: "",
  before: "",
};

export function filtersFromParams(params: URLSearchParams): AuditFilterValues {
  return Object.fromEntries(FILTER_FIELDS.map((f) => [f, params.get(f) ?? ""])) as unknown as AuditFilterValues;
}

export function filtersToParams(filters: AuditFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const f of FILTER_FIELDS) {
    const value = filters[f].trim();
    if (value) params.set(f, value);
  }
  return params;
}

type ListQuery = QueryOf<typeof auditEndpoints.listEvents>;

/** What the server is asked for; empty fields are left out (the server refuses empty strings). */
export function filtersToQuery(filters: AuditFilterValues): ListQuery {
  const query: Record<string, string> = {};
  for (const f of ["q", "entity", "entityId", "action", "actorUserId", "from", "to", "before"] as const) {
    const value = filters[f].trim();
    if (value) query[f] = value;
  }
  return query as ListQuery;
}

export function hasFilters(filters: AuditFilterValues): boolean {
  return FILTER_FIELDS.some((f) => filters[f].trim() !== "");
}
