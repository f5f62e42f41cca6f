import { createApp } from "./app.ts";
import { seedDemoIfEmpty } from "./modules/demo/demo.seed.ts";
import { verifyEventChains } from "./platform/audit/events.ts";
import { loadConfig } from "./platform/config.ts";
import { migrate } from "./platform/db/migrate.ts";
import { openDatabase } from "./platform/db/open.ts";

const USAGE = `Usage: node server/src/main.ts <command>

  serve          apply migrations and serve the web app and API, and run background jobs (default)
  worker         apply migrations and run background jobs only (more workers for PostgreSQL;
                 the embedded database allows one process, which serve already is)
  migrate        apply migrations and exit
  seed           create the demo school if the database is empty
  verify-audit   check the audit log's hash chains; exit 1 and name the first broken row`;

async function main(command: string): Promise<number> {
  const config = loadConfig();
  switch (command) {
    case "serve": {
      const { app, server } = await createApp({ config, jobs: { work: true } });
      if (config.seedDemo) printDemo(await seedDemoIfEmpty(app.db, app.now()));
      await server.listen({ port: config.port, host: config.host });
      const url = `http://localhost:${(server.server.address() as { port: number }).port}`;
      console.log(`\nОтметка is running: ${url}  (database: ${config.databaseUrl ? "PostgreSQL" : `PGlite in ${config.dataDir}`})`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return -1;
    }
    case "worker": {
      const { server } = await createApp({ config, jobs: { work: true } });
      console.log(
        `Отметка worker is running background jobs (database: ${config.databaseUrl ? "PostgreSQL" : `PGlite in ${config.dataDir}`})`,
      );
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return -1;
    }
    case "migrate":
    case "seed":
    case "verify-audit": {
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(db);
        if (command === "migrate") console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
        if (command === "seed") printDemo(await seedDemoIfEmpty(db, new Date()));
        if (command === "verify-audit") {
          const { checked, breaks } = await verifyEventChains(db);
          if (breaks.length === 0) {
            console.log(`Audit log intact: ${checked} events checked.`);
            return 0;
          }
          for (const b of breaks) console.error(`BROKEN: school ${b.schoolId}, event #${b.seq}: ${b.problem}`);
          return 1;
        }
        return 0;
      } finally {
        await db.close();
      }
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

function printDemo(logins: { role: string; login: string; password: string }[] | null): void {
  if (!logins) return;
  console.log("\nA demo school was created. Sign in as:");
  for (const l of logins) console.log(`  ${l.role.padEnd(14)} ${l.login.padEnd(32)} ${l.password}`);
}

main(process.argv[2] ?? "serve").then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: Error) => {
    console.error(error.name === "DataDirectoryLockedError" ? error.message : error);
    process.exit(1);
  },
);
