/**
 * The server under test runs in a process of its own (`node server/src/main.ts serve`), as in
 * production, so the load generator and the server do not share an event loop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the server on a free port of 127.0.0.1. TRUST_PROXY=1 makes it take the client address
 * from X-Forwarded-For, so each simulated client (a teacher's browser) gets its own address and
 * the per-address rate limits apply per client, as behind a real proxy.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "otmetka-bench-"));
  const child = spawn(process.execPath, ["server/src/main.ts", "serve"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      OTMETKA_DATA_DIR: dataDir,
      OTMETKA_SEED_DEMO: "0",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      TRUST_PROXY: "1",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s:\n${output}`)), 120_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  child.stdout!.resume();
  return {
    baseUrl,
    pid: child.pid!,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
