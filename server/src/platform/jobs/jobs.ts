import type { z } from "zod";
import type { AppContext } from "../context.ts";
import type { Db } from "../db/db.ts";

/** What a job's handler gets besides its data. */
export interface JobContext {
  app: AppContext;
  jobId: string;
  /** 0 on the first attempt, then 1, 2, … on retries. */
  retryCount: number;
  /** Aborted when the job runs past its expiry or the worker stops. */
  signal: AbortSignal;
}

/**
 * A kind of background work (a pg-boss queue of the same name). Features define theirs with
 * `defineJob` and list them in `jobs` of server/src/modules/index.ts; a handler that throws is
 * retried with growing delays, then the job is kept as failed.
 */
export interface JobDefinition<T extends object = object> {
  /** Letters, digits, `.`, `-`, `_`, `/`: e.g. `notifications.deliver`. */
  name: string;
  /** Checked when the job is sent (a bad payload fails the business transaction) and before it runs. */
  data: z.ZodType<T>;
  /** Retries after a failed attempt (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 10); later retries wait longer (exponential backoff). */
  retryDelaySeconds?: number;
  /** Longest a retry waits, in seconds (default 1 hour). */
  retryDelayMaxSeconds?: number;
  /** Longest one attempt may run before it counts as failed (default 15 minutes). */
  expireInSeconds?: number;
  handler(data: T, context: JobContext): Promise<void>;
}

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

export interface SendJobOptions {
  /** Run no earlier than this moment. */
  startAfter?: Date;
  /** Higher runs first among waiting jobs of the queue (default 0). */
  priority?: number;
}

/** A started job queue that can enqueue (runner.ts); one per app, so one or two per process. */
export interface JobSender {
  has(name: string): boolean;
  send(tx: Db, name: string, data: object, options: SendJobOptions): Promise<string>;
}

const senders = new Set<JobSender>();

/** Called by the runner when it starts and stops. */
export function registerSender(sender: JobSender): () => void {
  senders.add(sender);
  return () => senders.delete(sender);
}

/**
 * Enqueues a job in the caller's transaction `tx`: it exists once the transaction commits and
 * never if it rolls back, so a change and the work it triggers are all or nothing. Returns the
 * job id. Any started queue of the process can write it: the insert itself goes through `tx`.
 */
export async function sendJob(tx: Db, name: string, data: object, options: SendJobOptions = {}): Promise<string> {
  for (const sender of senders) if (sender.has(name)) return sender.send(tx, name, data, options);
  throw new Error(`No job "${name}" is registered: define it with defineJob and list it in the jobs of server/src/modules/index.ts`);
}
