// Builds the web app when web/dist is missing or older than its sources, so `npm start` and
// `npm test` work on a fresh clone without a separate build step.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "web/dist/index.html");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestMtime(join(root, "web")), newestMtime(join(root, "core/src")));
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log("Building the web app…");
  execFileSync("npm", ["run", "build", "-w", "web", "--silent"], { cwd: root, stdio: "inherit" });
}
