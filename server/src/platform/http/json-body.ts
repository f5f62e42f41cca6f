import { AppError } from "@otmetka/core/errors.ts";

/** A UTF-16 half of a pair without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text cannot be stored, or null when it can. */
export function unstorableText(text: string): string | null {
  // PostgreSQL text and jsonb cannot hold U+0000: the insert would fail with a 500.
  if (text.includes("\u0000")) return "contains the NUL character (\\u0000)";
  // Drivers would silently store U+FFFD instead.
  if (LONE_SURROGATE.test(text)) return "contains an unpaired surrogate (\\ud800–\\udfff)";
  return null;
}

/**
 * Parses a JSON request body strictly: valid UTF-8 only (a lossy decode would store U+FFFD where
 * the user typed text), no strings PostgreSQL cannot store, and no `__proto__` or
 * `constructor.prototype` keys (prototype poisoning; Fastify's own parser refuses them too).
 */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8");
  }
  if (text.length === 0) return undefined;
  let problem: string | null = null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value) => {
      if (problem) return value;
      if (key === "__proto__" || (key === "constructor" && value && typeof value === "object" && "prototype" in value)) {
        problem = `has the forbidden key "${key}"`;
      } else {
        const reason = unstorableText(key) ?? (typeof value === "string" ? unstorableText(value) : null);
        if (reason) problem = `has a text that ${reason}`;
      }
      return value;
    });
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
  if (problem) throw new AppError("bad_request", `The request body ${problem}`);
  return parsed;
}

/** The first query or path value that cannot be stored, as an issue path, or null. */
export function findUnstorableValue(values: unknown, location: "querystring" | "params"): { path: string[]; reason: string } | null {
  if (!values || typeof values !== "object") return null;
  for (const [key, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const reason = typeof v === "string" ? (unstorableText(v) ?? unstorableText(key)) : unstorableText(key);
      if (reason) return { path: [location, key], reason };
    }
  }
  return null;
}
