/**
 * Fills a database with generated schools.
 *
 *   node bench/generate.ts --students 100000 --schools 50 [--seed 1] [--preset compare]
 *
 * Writes into DATABASE_URL (PostgreSQL) or the PGlite data directory OTMETKA_DATA_DIR (./data).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../server/src/platform/config.ts";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { openDatabase } from "../server/src/platform/db/open.ts";
import { hashPassword } from "../server/src/platform/auth/password.ts";
import { academicYearOf, CITIES, COMPARE_PRESET, loadTakenIdentifiers, planSchool, type RowCounts } from "./generator/index.ts";
import { writeSchoolPlan } from "./generator/write.ts";
import { Random } from "./generator/random.ts";

const USAGE = `Usage: node bench/generate.ts [options]

  --students N      students in all (default 600 per school; compare: 1000)
  --schools N       schools to share them (default 1)
  --seed S          seed (default 1): the same seed gives the same data
  --preset compare  the comparison dataset of DESIGN.md §9 (1 school, 1,000 students, 40 classes,
                    60 teachers, 1,000 parents, 12 subjects, 480 class × subject sections)
  --year YYYY       academic year start (default: the current academic year)
  --today DATE      fill the journal (lessons, marks, attendance) up to this YYYY-MM-DD (default: today)
  --teachers N      teachers per school (default: ~1 per 13 students)
  --classes N       classes per school (default: ~24 students per class)
  --password P      give every generated account this password (one argon2 hash shared by all)
  --concurrency N   schools written at once (default 2 on PostgreSQL, 1 on PGlite)

Database: DATABASE_URL=postgres://… or OTMETKA_DATA_DIR (PGlite, default ./data).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      students: { type: "string" },
      schools: { type: "string", default: "1" },
      seed: { type: "string", default: "1" },
      preset: { type: "string" },
      year: { type: "string" },
      today: { type: "string" },
      teachers: { type: "string" },
      classes: { type: "string" },
      password: { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const compare = values.preset === "compare";
  if (values.preset !== undefined && !compare) throw new Error(`unknown preset "${values.preset}" (known: compare)`);
  const int = (raw: string | undefined, name: string): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  const schools = int(values.schools, "schools")!;
  const students = int(values.students, "students") ?? (compare ? COMPARE_PRESET.students : 600) * schools;
  const year = int(values.year, "year") ?? academicYearOf(new Date());
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new Error("--today must be a date YYYY-MM-DD");
  const config = loadConfig();
  const started = performance.now();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const taken = await loadTakenIdentifiers(db);
    const passwordHash = values.password ? await hashPassword(values.password) : null;
    const run = new Random(`run:${values.seed}`);
    const city = run.pick(CITIES);
    // Distinct school numbers within the run, as in one city.
    const numbers = run.shuffle(Array.from({ length: Math.max(180, schools * 3) }, (_, i) => i + 1));
    const share = (i: number) => Math.floor(students / schools) + (i < students % schools ? 1 : 0);
    const where = config.databaseUrl ? "PostgreSQL" : `PGlite in ${config.dataDir}`;
    console.log(`Database opened and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    const generating = performance.now();
    console.log(`Generating ${schools} school(s), ${students} students, seed ${values.seed}, year ${year}/${year + 1}, into ${where}`);

    const totals: RowCounts = {};
    const concurrency = int(values.concurrency, "concurrency") ?? (config.databaseUrl ? 2 : 1);
    const writing = new Set<Promise<void>>();
    let done = 0;
    for (let i = 0; i < schools; i++) {
      // Plans are made one after another in school order (so e-mail de-duplication across schools
      // is deterministic); up to `concurrency` of them are written at once.
      const planStarted = performance.now();
      const plan = planSchool({
        seed: schools === 1 ? values.seed : `${values.seed}:${i + 1}`,
        students: share(i),
        year,
        city,
        number: numbers[i]!,
        taken,
        passwordHash,
        ...(values.today ? { today: values.today } : {}),
        ...(compare ? { preset: "compare" as const } : {}),
        ...(values.teachers ? { teachers: int(values.teachers, "teachers")! } : {}),
        ...(values.classes ? { classes: int(values.classes, "classes")! } : {}),
      });
      const write = db
        .transaction((tx) => writeSchoolPlan(tx, plan, { reason: `generated data (seed ${values.seed})` }))
        .then((rows) => {
          for (const [table, n] of Object.entries(rows)) totals[table] = (totals[table] ?? 0) + n;
          done++;
          console.log(
            `  [${done}/${schools}] ${plan.school.shortName} (${city.name}): ${rows.people} students, ${rows.classes} classes, ` +
              `${plan.teachers.length} teachers, ${rows.users} accounts, ${rows.teaching_assignments} sections, ` +
              `${rows.lessons} lessons, ${rows.journal_cells} journal cells — ` +
              `${((performance.now() - planStarted) / 1000).toFixed(1)} s`,
          );
        });
      const tracked: Promise<void> = write.finally(() => writing.delete(tracked));
      writing.add(tracked);
      if (writing.size >= concurrency) await Promise.race(writing);
    }
    await Promise.all(writing);

    const seconds = (performance.now() - generating) / 1000;
    console.log(`\nGenerated in ${seconds.toFixed(1)} s (${Math.round(students / seconds)} students/s). Rows written:`);
    for (const [table, n] of Object.entries(totals)) console.log(`  ${table.padEnd(22)} ${String(n).padStart(9)}`);
    if (!passwordHash) console.log("Generated accounts have no password (they would be invited); use --password to set one for all.");
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message.startsWith("--") || error.message.startsWith("unknown") ? `${error.message}\n\n${USAGE}` : error);
    process.exit(1);
  },
);
