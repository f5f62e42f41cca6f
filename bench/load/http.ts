/**
 * Signing in and single requests over HTTP, like a browser: the session cookie, the CSRF header
 * of state-changing requests, and a client address of its own (X-Forwarded-For, see server-process.ts).
 */
import { authEndpoints } from "@otmetka/core/contracts/auth.ts";
import type { Endpoint } from "@otmetka/core/api.ts";

export interface Session {
  login: string;
  /** The Cookie header to send. */
  cookie: string;
  /** This client's address. */
  ip: string;
}

/** A loopback address per client number: 127.0.x.y (the header only names it; nothing is sent there). */
export function clientAddress(n: number): string {
  return `127.${1 + ((n >> 16) & 0xff)}.${(n >> 8) & 0xff}.${n & 0xff || 1}`;
}

export function headersOf(session: Session, method: string): Record<string, string> {
  return {
    cookie: session.cookie,
    // What every browser sends; the server compresses kept answers (the journal grid) for it.
    "accept-encoding": "gzip, deflate, br",
    "x-forwarded-for": session.ip,
    ...(method === "GET" ? {} : { "x-otmetka-csrf": "1", "content-type": "application/json" }),
  };
}

/** The endpoint's path with its `:params` filled in, and an optional query string. */
export function pathOf(endpoint: Endpoint, params: Record<string, string> = {}, query: Record<string, string> = {}): string {
  const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${endpoint.path} needs :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

export async function signIn(baseUrl: string, login: string, password: string, ip: string): Promise<Session> {
  const e = authEndpoints.login;
  const response = await fetch(baseUrl + e.path, {
    method: e.method,
    headers: { "content-type": "application/json", "x-otmetka-csrf": "1", "x-forwarded-for": ip },
    body: JSON.stringify({ login, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${login} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  return { login, cookie, ip };
}

/** One request with a session; throws unless the status is 2xx. */
export async function call<T>(baseUrl: string, session: Session, endpoint: Endpoint, path: string, body?: unknown): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method: endpoint.method,
    headers: headersOf(session, endpoint.method),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint.method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
