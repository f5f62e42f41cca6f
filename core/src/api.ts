import type { z } from "zod";

/**
 * One HTTP endpoint: its method, path and the schemas of what goes in and out. The server binds
 * a handler to it, the web client calls it with types inferred from it, and OpenAPI is generated
 * from it. The output schema is the only way fields leave the server.
 */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify-style path, e.g. `/api/v1/classes/:classId`. */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  output: O;
  /** HTTP status of a successful answer; 200 unless set. */
  status?: 200 | 201 | 204;
}

export function endpoint<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  O extends z.ZodType = z.ZodType,
>(e: Endpoint<P, Q, B, O>): Endpoint<P, Q, B, O> {
  return e;
}

export type OutputOf<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer O> ? z.output<O> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.input<Q> : never;
export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.input<P> : never;
