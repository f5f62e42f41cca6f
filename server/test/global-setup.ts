import { ensureTemplate } from "./pglite-template.ts";

/** Runs once before the server tests: makes the migrated PGlite template they start from. */
export default async function setup(): Promise<void> {
  await ensureTemplate();
}
