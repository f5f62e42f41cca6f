import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Two test files at a time on this 2-core machine: vitest's default (one fewer than the
    // cores) runs them one by one, and most files spend much of their time waiting on
    // PostgreSQL, the browser or the server process of an e2e test.
    maxWorkers: 2,
    projects: [
      { test: { name: "core", include: ["core/src/**/*.test.ts"] } },
      {
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts", "server/test/**/*.test.ts", "bench/**/*.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
