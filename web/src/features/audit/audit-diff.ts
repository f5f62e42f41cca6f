/** One field of a change: its value before and after, as text (absent: the field did not exist). */
export interface DiffRow {
  /** Dotted path, e.g. "document.series"; "" for a value that is not an object. */
  field: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Leaves of a JSON value by dotted path; arrays and empty objects are leaves. */
function flatten(value: unknown, prefix: string, into: Map<string, string>): Map<string, string> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix || value !== null) {
    into.set(prefix, show(value));
  }
  return into;
}

/**
 * The fields of an event's before and after, side by side, changed ones first (in the order the
 * fields appear). A creation has only "after" values, a deletion only "before" ones.
 */
export function diffOf(before: unknown, after: unknown): DiffRow[] {
  const b = flatten(before ?? null, "", new Map());
  const a = flatten(after ?? null, "", new Map());
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  const rows = fields.map((field) => ({ field, before: b.get(field), after: a.get(field), changed: b.get(field) !== a.get(field) }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
