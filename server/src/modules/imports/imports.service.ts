/**
 * The roster import use case: read the file, check every row against the school's data, and —
 * unless it is a dry run — write every row in the caller's one transaction, or none of them.
 */
import { createHash, randomUUID } from "node:crypto";
import { IMPORT_COLUMNS, type ImportIssue, type ImportKind, type ImportReport } from "@otmetka/core/contracts/imports.ts";
import { AppError, type ErrorIssue } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { schoolToday } from "../people/people.queries.ts";
import { validateClasses } from "./classes.validator.ts";
import type { ImportContext, RowPlan, TargetYear, Validator } from "./imports.context.ts";
import { type ImportRow, type ParsedFile, parseFile } from "./imports.parse.ts";
import { fileIssue, summarize } from "./imports.row.ts";
import { validateParents } from "./parents.validator.ts";
import { validateStudents } from "./students.validator.ts";
import { validateTeachers } from "./teachers.validator.ts";

const VALIDATORS: Record<ImportKind, Validator> = {
  teachers: validateTeachers,
  classes: validateClasses,
  students: validateStudents,
  parents: validateParents,
};

/** Kinds whose rows belong to an academic year. */
const NEEDS_YEAR: readonly ImportKind[] = ["classes", "students"];

/** At most this many issues are copied into `error.issues`; the report in `details` has them all. */
const MAX_WIRE_ISSUES = 200;

export interface ImportOptions {
  dryRun: boolean;
  academicYearId?: string | undefined;
}

/**
 * The year a roster goes into: the one asked for, else the active year holding today, else the
 * next one to start (imports are prepared in summer), else the latest.
 */
async function targetYear(ctx: ChangeContext, today: string, yearId: string | undefined): Promise<TargetYear | ImportIssue> {
  const years = await ctx.tx.many<TargetYear & { archived: boolean }>(sql`
    select id, name, starts_on as "startsOn", ends_on as "endsOn", archived_at is not null as archived
    from academic_years where school_id = ${ctx.schoolId} order by starts_on`);
  if (yearId) {
    const year = years.find((y) => y.id === yearId);
    if (!year) throw new AppError("not_found", "Academic year not found");
    if (year.archived) return fileIssue("year_archived", `Учебный год ${year.name} в архиве — выберите другой`, { year: year.name });
    return year;
  }
  const active = years.filter((y) => !y.archived);
  const year =
    active.find((y) => y.startsOn <= today && today <= y.endsOn) ?? active.find((y) => y.startsOn > today) ?? active[active.length - 1];
  return year ?? fileIssue("no_academic_year", "В школе нет учебного года: сначала создайте его в разделе «Структура»");
}

/** The template's example row left in the file would add a made-up person. */
function isExampleRow(kind: ImportKind, row: ImportRow): boolean {
  return (
    IMPORT_COLUMNS[kind].every((c) => row.cell(c.key) === "" || row.cell(c.key) === c.example) &&
    IMPORT_COLUMNS[kind].filter((c) => c.required).every((c) => row.cell(c.key) === c.example)
  );
}

function reportOf(kind: ImportKind, file: ParsedFile, year: TargetYear | null, plans: RowPlan[], dryRun: boolean): ImportReport {
  const rows = plans.map((p) => p.check.toReport());
  return {
    kind,
    dryRun,
    imported: false,
    encoding: file.encoding,
    delimiter: file.delimiter,
    academicYear: year ? { id: year.id, name: year.name, startsOn: year.startsOn, endsOn: year.endsOn } : null,
    fileIssues: file.issues,
    rows,
    summary: summarize(rows),
  };
}

/** The report's errors as the generic `error.issues` (path: line, column) for clients that read only those. */
function wireIssues(report: ImportReport): ErrorIssue[] {
  const all = [
    ...report.fileIssues.map((i) => ({ ...i, line: 1 })),
    ...report.rows.flatMap((r) => r.issues.map((i) => ({ ...i, line: r.line }))),
  ].filter((i) => i.severity === "error");
  return all.slice(0, MAX_WIRE_ISSUES).map((i) => ({ path: ["body", i.line, i.column ?? ""], code: i.code, message: i.message }));
}

function rejected(report: ImportReport, reason: "file_invalid" | "rows_invalid"): AppError {
  const message =
    reason === "file_invalid"
      ? "The file cannot be read as this roster; see error.details.report.fileIssues"
      : `${report.summary.errors} row(s) have errors; nothing was imported. See error.details.report`;
  return new AppError("validation_failed", message, { issues: wireIssues(report), details: { reason, report } });
}

export async function importRoster(
  ctx: ChangeContext,
  actor: SchoolActor,
  kind: ImportKind,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  // One import of a school at a time: the checks read before the writes.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`imports:${ctx.schoolId}`}))`);
  const today = await schoolToday(ctx.tx, ctx.schoolId, ctx.app.now());
  const file = parseFile(kind, bytes);
  let year: TargetYear | null = null;
  if (NEEDS_YEAR.includes(kind) && !file.issues.some((i) => i.severity === "error")) {
    const found = await targetYear(ctx, today, options.academicYearId);
    if ("code" in found) file.issues.push(found);
    else year = found;
  }
  if (file.issues.some((i) => i.severity === "error")) throw rejected(reportOf(kind, file, year, [], options.dryRun), "file_invalid");

  const ictx: ImportContext = { change: ctx, actor, year, today };
  const plans = await VALIDATORS[kind](ictx, file.rows);
  file.rows.forEach((row, i) => {
    const check = plans[i]?.check;
    if (!check) return;
    if (isExampleRow(kind, row)) check.error(null, "example_row", "Это строка-пример из шаблона: удалите её из файла");
    if (row.hasExtraCells) check.warn(null, "extra_cells", "В строке больше значений, чем столбцов в заголовке; лишние пропущены");
  });
  const report = reportOf(kind, file, year, plans, options.dryRun);
  if (options.dryRun) return report;
  if (report.summary.errors > 0) throw rejected(report, "rows_invalid");

  for (const plan of plans) {
    if (!plan.apply) continue;
    try {
      await plan.apply();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The data changed between the check and the write (another admin at work): report the row.
      plan.check.error(
        null,
        "write_failed",
        `Строку не удалось записать: данные школы изменились во время импорта (${error.message}). Проверьте файл ещё раз`,
        {
          detail: error.message,
        },
      );
      const failed = reportOf(kind, file, year, plans, false);
      throw new AppError("conflict", "A row could not be written; nothing was imported. See error.details.report", {
        issues: wireIssues(failed),
        details: { reason: "write_failed", report: failed },
      });
    }
  }
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "roster_import",
    entityId: randomUUID(),
    action: "import",
    after: {
      kind,
      academicYearId: year?.id ?? null,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      encoding: file.encoding,
      ...report.summary,
    },
    requestId: ctx.requestId,
  });
  return { ...report, dryRun: false, imported: true };
}
