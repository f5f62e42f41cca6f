/**
 * Builds request bodies from a route's zod schema (through the JSON Schema OpenAPI shows too):
 * a valid sample, its leaf fields, wrong values for each, and fast-check arbitraries. Used by
 * the API contract test (server/src/platform/http/contract.test.ts).
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { z } from "zod";
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = string[];
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  enum?: Json[];
  const?: Json;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

// ---------------------------------------------------------------------------------------------
// Building inputs from a route's zod schema (through its JSON Schema, which OpenAPI shows too).

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** Follows `$ref`s and picks the first non-null branch of a union: the shape a valid value most likely has. */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref) return resolve(root.$defs?.[schema.$ref.replace("#/$defs/", "")] ?? {}, root);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return resolve(branches.find((b) => b.type !== "null") ?? branches[0] ?? {}, root);
  if (schema.allOf?.length === 1 && schema.allOf[0]) return resolve(schema.allOf[0], root);
  return schema;
}

export function typesOf(schema: JsonSchema, root: JsonSchema): Set<string> {
  if (schema.$ref) return typesOf(resolve(schema, root), root);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return new Set(branches.flatMap((b) => [...typesOf(b, root)]));
  if (schema.const !== undefined) return new Set([jsonType(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonType));
  if (schema.type === undefined) return new Set(["any"]);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return new Set(types.flatMap((t) => (t === "integer" ? ["number"] : [t])));
}

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Plausible values for fields whose rules live in refinements the JSON Schema cannot show. */
export const HINTS: Record<string, string> = {
  email: "test@example.org",
  phone: "+79161234567",
  snils: "112-233-445 95",
  inn: "7707083893",
  kpp: "773601001",
  ogrn: "1027700132195",
  oktmo: "45382000",
  timeZone: "Europe/Moscow",
  password: "Zebra#Lantern7-long",
  newPassword: "Zebra#Lantern7-long",
};

/** A value of the schema's shape: valid as far as the JSON Schema can tell. */
export function sampleOf(raw: JsonSchema, root: JsonSchema, name = ""): Json {
  const schema = resolve(raw, root);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0] ?? null;
  const type = [...typesOf(schema, root)].find((t) => t !== "null") ?? "null";
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, root, k)]));
    case "array":
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sampleOf(schema.items ?? {}, root, name));
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "string":
      return sampleString(schema, name);
    case "null":
      return null;
    default:
      return "x";
  }
}

export function sampleString(schema: JsonSchema, name: string): string {
  if (schema.format === "uuid") return randomUUID();
  if (schema.format === "date") return "2026-09-01";
  if (schema.format === "date-time") return "2026-09-01T08:30:00.000Z";
  const hint = HINTS[name] ?? (schema.format === "email" ? HINTS.email : undefined);
  if (hint) return hint;
  if (schema.pattern) {
    const [value] = fc.sample(
      fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200)),
      { numRuns: 1, seed: 42 },
    );
    if (value !== undefined) return value;
  }
  return "Тест".padEnd(Math.max(schema.minLength ?? 1, 4), "т").slice(0, schema.maxLength ?? 200);
}

export interface Leaf {
  path: Path;
  schema: JsonSchema;
}

/** Every field of the sample, nested ones too, with its schema. */
export function fieldsOf(raw: JsonSchema, root: JsonSchema, value: Json, path: Path = []): Leaf[] {
  const schema = resolve(raw, root);
  const here: Leaf[] = path.length ? [{ path, schema: raw }] : [];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => fieldsOf(schema.properties?.[k] ?? {}, root, v, [...path, k]))];
  }
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => fieldsOf(schema.items ?? {}, root, v, [...path, String(i)]))];
  return here;
}

/** Paths of the objects in the sample (the body itself is `[]`). */
export function objectsOf(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectsOf(v, [...path, String(i)]));
  if (value && typeof value === "object") return [path, ...Object.entries(value).flatMap(([k, v]) => objectsOf(v, [...path, k]))];
  return [];
}

export function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  let node = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  const last = path[path.length - 1] as string;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

/** A value of a JSON type the field does not accept, or undefined when it accepts anything. */
export function wrongValueFor(leaf: Leaf, root: JsonSchema): Json | undefined {
  const accepted = typesOf(leaf.schema, root);
  if (accepted.has("any")) return undefined;
  const candidates: Json[] = [12345, "не то", true, { unexpected: 1 }, ["x"], null];
  return candidates.find((c) => !accepted.has(jsonType(c)));
}

// ---------------------------------------------------------------------------------------------
// Random input for the fuzzing part.

export const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "😀",
    "'; drop table users; --",
    "%_\\",
    " ",
    "",
    "я".repeat(300),
    "x".repeat(10_240),
  ),
);
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), awkwardString, fc.double(), fc.integer(), fc.constant(null));

export function arbitraryFor(raw: JsonSchema, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw, root);
  const type = [...typesOf(schema, root)].find((t) => t !== "null") ?? "any";
  const fitting: fc.Arbitrary<unknown> =
    schema.enum || schema.const !== undefined
      ? fc.constantFrom(...(schema.enum ?? [schema.const]))
      : type === "object" && depth < 4
        ? fc.record(Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, arbitraryFor(v, root, depth + 1)])), {
            requiredKeys: [],
          })
        : type === "array" && depth < 4
          ? fc.array(arbitraryFor(schema.items ?? {}, root, depth + 1), { maxLength: 3 })
          : type === "number"
            ? fc.oneof(
                fc.integer(),
                fc.double(),
                fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1, (schema.maximum ?? 1) + 1, 2 ** 53, -(2 ** 31)),
              )
            : type === "string"
              ? fc.oneof(fc.constant(sampleOf(schema, root)), awkwardString)
              : anyJson;
  return fc.oneof({ arbitrary: fitting, weight: 4 }, { arbitrary: anyJson, weight: 1 });
}
