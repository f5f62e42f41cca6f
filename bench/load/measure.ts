/**
 * One load measurement with autocannon: a number of connections kept busy for a while, each
 * request built by `next()` (its own session, path and body). Every response time is recorded,
 * so p50/p95/p99 are exact (autocannon's own summary has no p95). Before it, the server is let
 * finish what the previous benchmark left queued, then a short warm-up run is not counted.
 */
import { Agent, request as httpRequest } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";

export interface NextRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  name: string;
  connections: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  warmupSeconds: number;
  /**
   * Requests a second per connection, an open pace like a person typing: each connection sends
   * on its own schedule, with a random phase, whether or not the server keeps up (see runPaced).
   * Unset: as fast as answered (autocannon).
   */
  ratePerConnection?: number;
  next: () => NextRequest;
  /** Sees each response body (e.g. to learn a saved cell's new version). */
  onBody?: (status: number, body: string) => void;
}

export interface LoadResult {
  name: string;
  connections: number;
  ratePerConnection: number | null;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses by status, e.g. { 200: 12000 }. */
  statuses: Record<string, number>;
  errors: number;
  /**
   * How late the load generator's own event loop ran during the run (p99 and max, ms): a late
   * loop sends late, and an open workload counts that against the server's latency.
   */
  clientDelay: { p99: number; max: number };
}

export async function measure(baseUrl: string, spec: LoadSpec & { idle: NextRequest }): Promise<LoadResult> {
  await waitUntilIdle(baseUrl, spec.idle);
  if (spec.warmupSeconds > 0) await run(baseUrl, spec, spec.warmupSeconds);
  return run(baseUrl, spec, spec.seconds);
}

async function run(baseUrl: string, spec: LoadSpec, seconds: number): Promise<LoadResult> {
  // The generator's garbage of earlier runs is collected before, not during, this one (with
  // `node --expose-gc`, as `npm run bench` starts it).
  (globalThis as { gc?: () => void }).gc?.();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const result = spec.ratePerConnection
    ? await runPaced(baseUrl, spec, spec.ratePerConnection, seconds)
    : await runClosed(baseUrl, spec, seconds);
  delay.disable();
  return { ...result, clientDelay: { p99: round(delay.percentile(99) / 1e6), max: round(delay.max / 1e6) } };
}

type RunResult = Omit<LoadResult, "clientDelay">;

async function runClosed(baseUrl: string, spec: LoadSpec, seconds: number): Promise<RunResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: spec.connections,
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => {
              const next = spec.next();
              return { ...request, method: next.method, path: next.path, headers: next.headers, ...(next.body ? { body: next.body } : {}) };
            },
            ...(spec.onBody ? { onResponse: (status: number, body: string) => spec.onBody!(status, body) } : {}),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return summarize(spec, seconds, times, statuses, result.errors + result.timeouts);
}

/**
 * An open workload: each connection (a teacher with a keep-alive socket of their own) sends
 * `rate` requests a second on average, at random moments: the gaps are exponential (a Poisson
 * process per teacher, as independent people are modelled), so 50 teachers together are a
 * Poisson stream of 50 × rate a second. Not in step (autocannon's `connectionRate` starts every
 * connection's second at the same moment: 50 saves would arrive together each second), and not
 * at fixed phases either: with a fixed interval, teachers whose phases happened to fall within a
 * few milliseconds collided every second of the run, so the tail depended on the draw of phases.
 * A request due while the connection's previous one is still open waits for it, and its time
 * counts from when it was due (no coordinated omission).
 */
async function runPaced(baseUrl: string, spec: LoadSpec, rate: number, seconds: number): Promise<RunResult> {
  const url = new URL(baseUrl);
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const interval = 1000 / rate;
  const start = performance.now() + 50;
  const end = start + seconds * 1000;
  const send = (agent: Agent, next: NextRequest) =>
    new Promise<void>((resolve) => {
      const req = httpRequest(
        { agent, host: url.hostname, port: url.port, method: next.method, path: next.path, headers: next.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            spec.onBody?.(res.statusCode ?? 0, Buffer.concat(chunks).toString());
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(next.body);
    });
  const teacher = async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const gap = () => -Math.log(1 - Math.random()) * interval;
    for (let due = start + gap(); due < end; due += gap()) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await send(agent, spec.next());
      times.push(performance.now() - due);
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: spec.connections }, teacher));
  return summarize(spec, seconds, times, statuses, errors);
}

function summarize(spec: LoadSpec, seconds: number, times: number[], statuses: Record<string, number>, errors: number): RunResult {
  times.sort((a, b) => a - b);
  const at = (p: number) => round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? Number.NaN);
  return {
    name: spec.name,
    connections: spec.connections,
    ratePerConnection: spec.ratePerConnection ?? null,
    seconds,
    requests: times.length,
    rps: Math.round(times.length / seconds),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: round(times.at(-1) ?? Number.NaN),
    statuses,
    errors,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Requests still queued in the server when a run ends (autocannon stops sending, the server goes
 * on) would slow the next benchmark: wait until a single cheap request is answered about as fast
 * as the fastest seen (at most a minute).
 */
async function waitUntilIdle(baseUrl: string, probe: NextRequest): Promise<void> {
  let fastest = Number.POSITIVE_INFINITY;
  const deadline = Date.now() + 60_000;
  for (let quick = 0; quick < 3 && Date.now() < deadline; ) {
    const started = performance.now();
    await (await fetch(baseUrl + probe.path, { method: probe.method, headers: probe.headers })).arrayBuffer();
    const ms = performance.now() - started;
    fastest = Math.min(fastest, ms);
    quick = ms <= Math.max(2 * fastest, 20) ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
