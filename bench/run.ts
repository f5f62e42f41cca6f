/**
 * The load benchmarks of DESIGN.md §9 and issue 3 (point 9), on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench [-- --variant small]
 *
 * For each variant it creates a fresh database next to DATABASE_URL's (otmetka_bench_small,
 * otmetka_bench_large), migrates it, generates the data (bench/load/datasets.ts; timed), starts
 * the server in a process of its own, signs teachers in over HTTP and measures in one run, each
 * after a warm-up: the reference endpoint and the 35 × 70 journal grid at 32 connections, the
 * reference and saving a mark at 50 concurrent teachers (as fast as answered, then one mark a
 * second each), then all three from a single client. The report (Markdown) goes to stdout
 * and to --report FILE. A benchmark, not a test: `npm test` never runs it.
 */
import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { hashPassword } from "../server/src/platform/auth/password.ts";
import type { Database } from "../server/src/platform/db/db.ts";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { openDatabase } from "../server/src/platform/db/open.ts";
import { sql } from "../server/src/platform/db/sql.ts";
import {
  type BenchSchools,
  countMarks,
  findBenchSchools,
  generateBaseSchools,
  generateMoreSchools,
  type GenerationStep,
  todayIso,
} from "./load/datasets.ts";
import { measure } from "./load/measure.ts";
import { growthMarkdown, machineLines, type VariantReport, variantMarkdown } from "./load/report.ts";
import { startServer } from "./load/server-process.ts";
import { prepareWorkloads, SAVING_TEACHERS } from "./load/workloads.ts";

const USAGE = `Usage: DATABASE_URL=postgres://… node bench/run.ts [options]

  --variant small|large|both   small: the comparison school and the grid school (≈ 3·10⁵ marks);
                               large: the same plus schools up to --large-marks (default both)
  --large-marks N              marks of the large variant (default 10000000)
  --seconds N                  measured seconds per benchmark (default 10)
  --paced-seconds N            measured seconds of the paced saves (default 45: at one save a
                               second per teacher that is 2,250 saves, so p99 is not a handful)
  --warmup N                   warm-up seconds before each (default 3)
  --report FILE                also write the Markdown report to FILE
  --keep                       keep the benchmark databases (default: drop them at the end)
  --reuse                      measure on the databases a --keep run left, without generating again`;

const PASSWORD = "Bench#Otmetka9";
const READ_CONNECTIONS = 32;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      variant: { type: "string", default: "both" },
      "large-marks": { type: "string", default: "10000000" },
      seconds: { type: "string", default: "10" },
      "paced-seconds": { type: "string", default: "45" },
      warmup: { type: "string", default: "3" },
      report: { type: "string" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl?.startsWith("postgres"))
    throw new Error("set DATABASE_URL to a PostgreSQL server (its database is only used to create the benchmark databases)");
  const variants = values.variant === "both" ? ["small", "large"] : [values.variant!];
  if (!variants.every((v) => v === "small" || v === "large")) throw new Error(`unknown variant "${values.variant}"`);
  const timing = { seconds: Number(values.seconds), warmupSeconds: Number(values.warmup), pacedSeconds: Number(values["paced-seconds"]) };

  const admin = await openDatabase({ databaseUrl: adminUrl, dataDir: "" });
  const postgresVersion = (await admin.one<{ version: string }>(sql`select version()`)).version;
  const reports: VariantReport[] = [];
  try {
    for (const variant of variants) {
      const name = `otmetka_bench_${variant}`;
      const reuse = values.reuse && (await admin.maybeOne(sql`select 1 from pg_database where datname = ${name}`)) !== null;
      if (!reuse) {
        await admin.exec(`drop database if exists ${name} with (force)`);
        await admin.exec(`create database ${name}`);
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      reports.push(await runVariant(variant, url.toString(), { largeMarks: Number(values["large-marks"]), reuse, ...timing }));
      if (!values.keep && !values.reuse) await admin.exec(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.close();
  }

  const report = [
    "## Results",
    "",
    ...machineLines(postgresVersion),
    `- command: \`DATABASE_URL=… npm run bench -- ${process.argv.slice(2).join(" ")}\`; ${timing.seconds} s measured after ${timing.warmupSeconds} s of warm-up per benchmark (${timing.pacedSeconds} s for the paced saves)`,
    "",
    ...reports.flatMap((r) => [variantMarkdown(r), ""]),
    ...(reports.length === 2 ? [growthMarkdown(reports[0]!, reports[1]!), ""] : []),
  ].join("\n");
  console.log(`\n${report}`);
  if (values.report) writeFileSync(values.report, report);
  return 0;
}

async function runVariant(
  variant: string,
  databaseUrl: string,
  options: { largeMarks: number; seconds: number; warmupSeconds: number; pacedSeconds: number; reuse: boolean },
): Promise<VariantReport> {
  const name = new URL(databaseUrl).pathname.slice(1);
  console.log(`\n== ${variant}: ${options.reuse ? "reusing" : "generating into"} ${name}`);
  const db = await openDatabase({ databaseUrl, dataDir: "" });
  let database: VariantReport["database"];
  let generation: GenerationStep[] = [];
  let vacuumSeconds = 0;
  let schools: BenchSchools;
  try {
    await migrate(db);
    if (options.reuse) {
      schools = await findBenchSchools(db);
    } else {
      const base = await generateBaseSchools(db, await hashPassword(PASSWORD));
      generation = base.steps;
      schools = base;
      if (variant === "large") {
        const more = await generateMoreSchools(db, databaseUrl, options.largeMarks);
        if (more) generation.push(more);
      }
      for (const step of generation) console.log(`  ${step.what}: ${step.marks} marks in ${step.seconds} s`);
      const started = performance.now();
      await db.exec("vacuum analyze");
      vacuumSeconds = Math.round((performance.now() - started) / 100) / 10;
    }
    database = await describe(db);
  } finally {
    await db.close();
  }

  const server = await startServer(databaseUrl);
  console.log(`  server (pid ${server.pid}) at ${server.baseUrl}`);
  const check = await openDatabase({ databaseUrl, dataDir: "" });
  try {
    const w = await prepareWorkloads(check, server.baseUrl, { ...schools, password: PASSWORD, today: todayIso() });
    console.log(`  ${w.facts.gridJournals.join("; ")}; ${w.facts.savingTeachers} saving teachers`);
    const spec = (name: string, connections: number) => ({ name, connections, idle: w.reference(), ...options });
    let savedCount = 0;
    const countSaved = (status: number, body: string) => {
      if (status === 200) savedCount++;
      w.onSaved(status, body);
    };
    const results: VariantReport["results"] = [];
    const referenceRead = await measure(server.baseUrl, { ...spec("reference", READ_CONNECTIONS), next: w.reference });
    const grid = await measure(server.baseUrl, { ...spec("journal grid 35 × 70", READ_CONNECTIONS), next: w.grid });
    results.push({ reference: referenceRead, measured: grid });
    const referenceWrite = await measure(server.baseUrl, { ...spec("reference", SAVING_TEACHERS), next: w.reference });
    // The saving teachers' journals are open: each save is pushed live to its teacher's stream.
    const live = await w.openLiveStreams();
    const saved = { before: savedCount, events: live.events() };
    const save = await measure(server.baseUrl, { ...spec("save a mark", SAVING_TEACHERS), next: w.save, onBody: countSaved });
    results.push({ reference: referenceWrite, measured: save });
    // The same teachers at a person's pace (the run above saves as fast as answered): one mark a
    // second each (50 saves a second offered), and one every 3 s (≈ 17 a second).
    for (const [name, rate] of [
      ["save a mark, 1 a second per teacher", 1],
      ["save a mark, 1 every 3 s per teacher", 1 / 3],
    ] as const) {
      const paced = await measure(server.baseUrl, {
        ...spec(name, SAVING_TEACHERS),
        ratePerConnection: rate,
        seconds: options.pacedSeconds,
        next: w.save,
        onBody: countSaved,
      });
      results.push({ reference: referenceWrite, measured: paced });
    }
    live.close();
    const liveSummary = { saves: savedCount - saved.before, events: live.events() - saved.events };
    console.log(`  live: ${liveSummary.events} events pushed to the teachers' streams for ${liveSummary.saves} saves`);
    // One client at a time: the time a request takes when nothing waits in front of it.
    const referenceAlone = await measure(server.baseUrl, { ...spec("reference", 1), next: w.reference });
    for (const [name, next] of [
      ["journal grid 35 × 70", w.grid],
      ["save a mark", w.save],
    ] as const) {
      const alone = await measure(server.baseUrl, { ...spec(name, 1), next, ...(next === w.save ? { onBody: w.onSaved } : {}) });
      results.push({ reference: referenceAlone, measured: alone });
    }
    // The grid above is answered from the kept answer after the first read (nothing in the grid
    // school changes meanwhile); a second server that keeps nothing shows what each rebuild costs.
    const rebuilding = await startServer(databaseUrl, { READ_CACHE_MB: "0" });
    try {
      for (const connections of [READ_CONNECTIONS, 1]) {
        const reference = await measure(rebuilding.baseUrl, {
          ...spec("reference, server keeping nothing", connections),
          next: w.reference,
        });
        const rebuilt = await measure(rebuilding.baseUrl, {
          ...spec("journal grid 35 × 70, rebuilt every read", connections),
          next: w.grid,
        });
        results.push({ reference, measured: rebuilt });
      }
    } finally {
      await rebuilding.stop();
    }
    for (const r of new Set(results.flatMap((x) => [x.reference, x.measured]))) {
      console.log(`  ${r.name} (${r.connections}): ${r.rps} req/s, p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms`, r.statuses);
    }
    return {
      name: variant === "small" ? "Comparison data" : "Large data",
      database,
      generation,
      vacuumSeconds,
      facts: { ...w.facts, live: liveSummary },
      results,
    };
  } finally {
    await check.close();
    await server.stop();
  }
}

async function describe(db: Database): Promise<VariantReport["database"]> {
  const row = await db.one<{ cells: number; lessons: number; students: number; schools: number; bytes: number }>(sql`
    select (select count(*) from journal_cells)::int as cells, (select count(*) from lessons)::int as lessons,
           (select count(*) from people)::int as students, (select count(*) from schools)::int as schools,
           pg_database_size(current_database())::bigint as bytes`);
  return {
    marks: await countMarks(db),
    journalCells: row.cells,
    lessons: row.lessons,
    students: row.students,
    schools: row.schools,
    sizeMb: Math.round(row.bytes / 2 ** 20),
  };
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message.startsWith("unknown") || error.message.startsWith("set ") ? `${error.message}\n\n${USAGE}` : error);
    process.exit(1);
  },
);
