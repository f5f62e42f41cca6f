/**
 * The databases the load benchmarks run on, made by the generator:
 *
 * - the comparison school of DESIGN.md §9 (`--preset compare`, 1,000 students), its journal
 *   filled up to the real today, so the server's clock and edit window agree with the data and
 *   its 50 teachers can save marks in lessons of the last days;
 * - a small "grid" school whose 10th-grade class has 35 students and whose half-year journals of
 *   mathematics and Russian (5 lessons a week) have exactly 70 lessons — the 35 × 70 journal of
 *   the issue — filled up to the day of that 70th lesson;
 * - for the large variant, more schools with a complete previous academic year each (about
 *   650,000 marks a school), written by `node bench/generate.ts` in a process of its own, until
 *   the database holds about 10⁷ marks.
 */
import { spawn } from "node:child_process";
import type { Database, Db } from "../../server/src/platform/db/db.ts";
import { sql } from "../../server/src/platform/db/sql.ts";
import { academicYearOf, generateSchool, planSchool, type SchoolOptions, TakenIdentifiers } from "../generator/index.ts";
import { CITIES } from "../generator/school.ts";

export const GRID = { students: 35, lessons: 70 } as const;
/** Seeds tried for the grid school until its 10th grade has exactly 35 students (class sizes vary by a few). */
const GRID_SEEDS = 30;

export interface GenerationStep {
  what: string;
  seconds: number;
  marks: number;
}

export interface BenchSchools {
  compareSchoolId: string;
  gridSchoolId: string;
}

const COMPARE_SEED = "bench";
const GRID_SEED = "bench-grid";

/**
 * The two schools of an earlier run (`--keep`), found by their audit events, whose reason names
 * the generator's seed ("generated data (seed bench)").
 */
export async function findBenchSchools(db: Db): Promise<BenchSchools> {
  const rows = await db.many<{ school_id: string; reason: string }>(sql`
    select distinct school_id, reason from events where entity = 'demo' and entity_id = 'school'
      and (reason = ${`generated data (seed ${COMPARE_SEED})`} or reason like ${`generated data (seed ${GRID_SEED}-%`})`);
  const compareSchoolId = rows.find((r) => r.reason.endsWith(`(seed ${COMPARE_SEED})`))?.school_id;
  const gridSchoolId = rows.find((r) => r.reason.includes(GRID_SEED))?.school_id;
  if (!compareSchoolId || !gridSchoolId) throw new Error("this database has no benchmark schools: run without --reuse");
  return { compareSchoolId, gridSchoolId };
}

/** Marks (first and second) in the database. */
export async function countMarks(db: Db): Promise<number> {
  const row = await db.one<{ n: number }>(sql`select (count(mark1) + count(mark2))::int as n from journal_cells`);
  return row.n;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The comparison school and the grid school, written in-process. */
export async function generateBaseSchools(db: Database, passwordHash: string): Promise<BenchSchools & { steps: GenerationStep[] }> {
  const taken = new TakenIdentifiers();
  const year = academicYearOf(new Date());
  const city = CITIES.find((c) => c.name === "Ярославль")!;
  const steps: GenerationStep[] = [];

  let started = performance.now();
  const compare = await generateSchool(db, {
    seed: COMPARE_SEED,
    preset: "compare",
    year,
    number: 1,
    city,
    passwordHash,
    taken,
    today: todayIso(),
  });
  steps.push({ what: "compare school (1,000 students, journal up to today)", seconds: since(started), marks: marksOf(compare.plan) });

  started = performance.now();
  const grid = gridSchoolOptions({ year, city, passwordHash, taken });
  const school = await generateSchool(db, grid);
  steps.push({
    what: `grid school (${GRID.students} × ${GRID.lessons} journals, up to ${grid.today})`,
    seconds: since(started),
    marks: marksOf(school.plan),
  });
  return { steps, compareSchoolId: compare.plan.schoolId, gridSchoolId: school.plan.schoolId };
}

const since = (started: number) => Math.round((performance.now() - started) / 100) / 10;
const marksOf = (plan: { cells: { mark1: string | null; mark2: string | null }[] }) =>
  plan.cells.reduce((n, c) => n + (c.mark1 ? 1 : 0) + (c.mark2 ? 1 : 0), 0);

/**
 * Options of the grid school: the first seed whose 10th grade has 35 students, and "today" on the
 * day of its 70th mathematics lesson of the first half-year (found by planning to the half-year's end).
 */
function gridSchoolOptions(base: Pick<SchoolOptions, "year" | "city" | "passwordHash" | "taken">): SchoolOptions & { today: string } {
  const halfYearEnd = (plan: ReturnType<typeof planSchool>) =>
    plan.calendar.periods.find((p) => p.kind === "half_year" && p.number === 1)!.endsOn;
  for (let k = 1; k <= GRID_SEEDS; k++) {
    const options = {
      ...base,
      seed: `${GRID_SEED}-${k}`,
      preset: "compare" as const,
      students: 11 * GRID.students,
      classes: 11,
      teachers: 30,
      number: 2,
    };
    const probe = planSchool({ ...options, taken: new TakenIdentifiers(), today: `${base.year! + 1}-01-01` });
    const tenth = probe.classes.find((c) => c.grade === 10)!;
    if (probe.people.filter((p) => p.classId === tenth.id).length !== GRID.students) continue;
    const maths = probe.subjects.find((s) => s.code === "math")!;
    const dates = probe.lessons
      .filter((l) => l.entry.classId === tenth.id && l.entry.subjectId === maths.id && l.date <= halfYearEnd(probe))
      .map((l) => l.date)
      .sort();
    if (dates.length < GRID.lessons) throw new Error(`the first half-year has only ${dates.length} mathematics lessons`);
    return { ...options, today: dates[GRID.lessons - 1]! };
  }
  throw new Error(`no seed of ${GRID_SEEDS} gives a 10th grade of ${GRID.students} students`);
}

/**
 * Adds schools with a complete previous academic year (via bench/generate.ts in its own process)
 * until the database holds about `targetMarks` marks.
 */
export async function generateMoreSchools(db: Db, databaseUrl: string, targetMarks: number): Promise<GenerationStep | null> {
  const have = await countMarks(db);
  if (have >= targetMarks) return null;
  const year = academicYearOf(new Date()) - 1;
  const perSchool = marksOf(planSchool({ seed: "large:1", preset: "compare", year, today: `${year + 1}-06-01` }));
  const schools = Math.ceil((targetMarks - have) / perSchool);
  const started = performance.now();
  const args = [
    "bench/generate.ts",
    "--preset",
    "compare",
    "--schools",
    String(schools),
    "--seed",
    "large",
    "--year",
    String(year),
    "--today",
    `${year + 1}-06-01`,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`bench/generate.ts exited with ${code}`))));
  });
  return {
    what: `${schools} more schools of 1,000 students, a complete year ${year}/${year + 1} each (node ${args.join(" ")})`,
    seconds: since(started),
    marks: (await countMarks(db)) - have,
  };
}
