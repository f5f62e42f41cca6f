import pg from "pg";

/** How the LISTEN connection names itself in `pg_stat_activity`: by the process it serves. */
export const LISTENER_APPLICATION_NAME = `otmetka-listen ${process.pid}`;

interface Subscriber {
  channel: string;
  onPayload(payload: string): void;
  onReconnect?: () => void;
}

/**
 * The one LISTEN connection of a database handle, shared by every channel (the read cache, the
 * audit sealer, the live hub). PostgreSQL wakes every listening backend of a database on each
 * commit that notifies, whatever its channels, so each extra LISTEN connection costs a process
 * wake-up per saved mark.
 *
 * The connection exists while someone listens. When it drops, it is replaced every second until
 * the server answers, every channel is listened to again, and every subscriber's `onReconnect`
 * runs: what was notified in between is lost.
 */
export class SharedListener {
  readonly #url: string;
  readonly #applicationName: string;
  readonly #subscribers = new Set<Subscriber>();
  #client: pg.Client | null = null;
  /** The channels the current connection listens to. */
  #listened = new Set<string>();
  /** The connection dropped and no replacement has listened yet. */
  #lost = false;
  #retrying = false;
  /** Connecting, LISTEN, UNLISTEN and closing run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(url: string, applicationName = LISTENER_APPLICATION_NAME) {
    this.#url = url;
    this.#applicationName = applicationName;
  }

  async subscribe(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>> {
    const subscriber: Subscriber = { channel, onPayload, onReconnect };
    this.#subscribers.add(subscriber);
    try {
      await this.#serial(async () => {
        if (!this.#client) return this.#connect();
        if (this.#listened.has(channel)) return;
        await this.#client.query(`LISTEN ${quote(channel)}`);
        this.#listened.add(channel);
      });
    } catch (error) {
      this.#subscribers.delete(subscriber);
      throw error;
    }
    let subscribed = true;
    return async () => {
      if (!subscribed) return;
      subscribed = false;
      this.#subscribers.delete(subscriber);
      await this.#serial(async () => {
        if (this.#subscribers.size === 0) return this.#end();
        if (!this.#client || this.#listensTo(channel)) return;
        this.#listened.delete(channel);
        await this.#client.query(`UNLISTEN ${quote(channel)}`).catch(() => {});
      });
    };
  }

  /** Ends the connection whoever still listens (the database handle is closing). */
  async close(): Promise<void> {
    this.#subscribers.clear();
    await this.#serial(() => this.#end());
  }

  #listensTo(channel: string): boolean {
    for (const s of this.#subscribers) if (s.channel === channel) return true;
    return false;
  }

  #serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(step, step);
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Opens the connection and listens to every channel someone subscribed to. */
  async #connect(): Promise<void> {
    const c = new pg.Client({ connectionString: this.#url, application_name: this.#applicationName });
    c.on("notification", (message) => {
      if (message.payload === undefined) return;
      for (const s of [...this.#subscribers]) if (s.channel === message.channel) s.onPayload(message.payload);
    });
    // A dropped connection emits "error" then "end"; "end" replaces it.
    c.on("error", () => {});
    const channels = new Set([...this.#subscribers].map((s) => s.channel));
    try {
      await c.connect();
      for (const channel of channels) await c.query(`LISTEN ${quote(channel)}`);
    } catch (error) {
      await c.end().catch(() => {});
      throw error;
    }
    this.#client = c;
    this.#listened = channels;
    c.once("end", () => {
      if (this.#client !== c) return;
      this.#client = null;
      this.#listened = new Set();
      this.#lost = true;
      void this.#retry();
    });
    if (this.#lost) {
      this.#lost = false;
      for (const s of [...this.#subscribers]) s.onReconnect?.();
    }
  }

  async #end(): Promise<void> {
    const c = this.#client;
    this.#client = null;
    this.#listened = new Set();
    this.#lost = false;
    await c?.end().catch(() => {});
  }

  async #retry(): Promise<void> {
    if (this.#retrying) return;
    this.#retrying = true;
    try {
      while (this.#lost && this.#subscribers.size > 0) {
        await new Promise((r) => setTimeout(r, 1000));
        await this.#serial(async () => {
          if (!this.#client && this.#subscribers.size > 0) await this.#connect();
        }).catch(() => {});
      }
    } finally {
      this.#retrying = false;
    }
  }
}

/** A channel name as an SQL identifier. */
function quote(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`;
}
