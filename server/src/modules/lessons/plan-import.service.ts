/**
 * Importing a thematic plan: the file replaces the plan's rows. Every row is checked first (a
 * dry run writes nothing); a file with any error imports nothing; otherwise rows are matched to
 * the plan's by their number — new ones added, changed ones updated (lessons keep their links),
 * rows the file no longer has removed.
 */
import { createHash } from "node:crypto";
import { type LessonPlanItem, PLAN_COLUMNS, PLAN_MAX_ROWS, type PlanImportReport } from "@otmetka/core/contracts/lesson-plans.ts";
import type { ImportIssue } from "@otmetka/core/contracts/imports.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { fileIssue, RowCheck, summarize } from "../imports/imports.row.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { findPlanHeader } from "./plan-header.ts";
import { type PlanRowValues, readPlanRow } from "./plan-row.ts";
import { readPlanFile } from "./plan-file.ts";
import { planItems, requirePlan } from "./plans.queries.ts";

interface Checked {
  check: RowCheck;
  values: PlanRowValues | null;
}

type Format = PlanImportReport["format"];
type Encoding = PlanImportReport["encoding"];
type Delimiter = PlanImportReport["delimiter"];

function reportOf(
  fileIssues: ImportIssue[],
  checked: Checked[],
  meta: { format: Format; encoding: Encoding; delimiter: Delimiter; dryRun: boolean; removed: number },
) {
  const rows = checked.map((c) => c.check.toReport());
  return { ...meta, imported: false, fileIssues, rows, summary: summarize(rows) } satisfies PlanImportReport;
}

function rejected(report: PlanImportReport): AppError {
  const fileErrors = report.fileIssues.filter((i) => i.severity === "error");
  const message = fileErrors.length
    ? "The file cannot be read as a thematic plan; see error.details.report.fileIssues"
    : `${report.summary.errors} row(s) have errors; nothing was imported. See error.details.report`;
  const issues = [
    ...fileErrors.map((i) => ({ path: ["body", 1, i.column ?? ""], code: i.code, message: i.message })),
    ...report.rows.flatMap((r) =>
      r.issues
        .filter((i) => i.severity === "error")
        .map((i) => ({ path: ["body", r.line, i.column ?? ""], code: i.code, message: i.message })),
    ),
  ].slice(0, 200);
  return new AppError("validation_failed", message, {
    issues,
    details: { reason: fileErrors.length ? "file_invalid" : "rows_invalid", report },
  });
}

/** What a row does to the plan: add a row, change one (listing the changes), or nothing. */
function planAction(check: RowCheck, values: PlanRowValues, existing: LessonPlanItem | undefined): void {
  if (!existing) {
    check.action = "create";
    return;
  }
  const shown = (v: string | number | null) => (v === null ? "" : String(v));
  for (const column of PLAN_COLUMNS) {
    if (column.key === "number") continue;
    const from = existing[column.key];
    const to = values[column.key];
    if (from !== to) check.change(column.header, shown(from), shown(to));
  }
  check.action = check.changes.length ? "update" : "skip";
}

export async function importPlan(
  ctx: ChangeContext,
  actor: SchoolActor,
  planId: string,
  bytes: Uint8Array,
  options: { dryRun: boolean },
): Promise<PlanImportReport> {
  await requirePlan(ctx.tx, actor, planId);
  await ctx.tx.execute(sql`select 1 from lesson_plans where school_id = ${ctx.schoolId} and id = ${planId} for update`);
  const grid = await readPlanFile(bytes);
  const empty = { dryRun: options.dryRun, removed: 0 };
  if ("issue" in grid) throw rejected(reportOf([grid.issue], [], { format: null, encoding: null, delimiter: null, ...empty }));
  const meta = { format: grid.format, encoding: grid.encoding, delimiter: grid.delimiter };
  const header = findPlanHeader(grid.rows);
  const fileIssues = [...header.issues];
  const dataRows = grid.rows.slice(header.dataFrom);
  if (!fileIssues.some((i) => i.severity === "error")) {
    if (dataRows.length === 0) fileIssues.push(fileIssue("no_rows", "В файле нет ни одной строки с данными под заголовком"));
    if (dataRows.length > PLAN_MAX_ROWS) {
      fileIssues.push(
        fileIssue("too_many_rows", `В файле ${dataRows.length} строк, а в плане может быть не больше ${PLAN_MAX_ROWS}`, {
          count: String(dataRows.length),
          max: String(PLAN_MAX_ROWS),
        }),
      );
    }
  }
  if (fileIssues.some((i) => i.severity === "error")) throw rejected(reportOf(fileIssues, [], { ...meta, ...empty }));

  const existing = new Map((await planItems(ctx.tx, ctx.schoolId, planId)).map((i) => [i.number, i]));
  const seen = new Map<number, number>();
  const checked: Checked[] = dataRows.map((row) => {
    const check = new RowCheck(row.line);
    const values = readPlanRow(check, (key) => {
      const i = header.indexOf.get(key);
      return i === undefined ? "" : (row.cells[i] ?? "");
    });
    if (values) {
      check.label = `№ ${values.number}. ${values.topic.length > 80 ? `${values.topic.slice(0, 79)}…` : values.topic}`;
      const earlier = seen.get(values.number);
      if (earlier !== undefined) {
        check.error("№ урока", "duplicate_number", `урок № ${values.number} уже есть в строке ${earlier}`, {
          value: String(values.number),
          line: String(earlier),
        });
      } else seen.set(values.number, row.line);
      if (!check.hasErrors) planAction(check, values, existing.get(values.number));
    }
    return { check, values: check.hasErrors ? null : values };
  });
  const removed = [...existing.keys()].filter((n) => !seen.has(n));
  if (removed.length > 0) {
    fileIssues.push(
      fileIssue(
        "rows_removed",
        `В плане есть уроки, которых нет в файле (№ ${removed.slice(0, 10).join(", ")}${removed.length > 10 ? "…" : ""}): импорт удалит их, темы уроков в журнале останутся`,
        { count: String(removed.length) },
        null,
        "warning",
      ),
    );
  }
  const report = reportOf(fileIssues, checked, { ...meta, dryRun: options.dryRun, removed: removed.length });
  if (options.dryRun) return report;
  if (report.summary.errors > 0) throw rejected(report);

  if (removed.length > 0) {
    await ctx.tx.execute(
      sql`delete from lesson_plan_items where school_id = ${ctx.schoolId} and plan_id = ${planId} and number = any(${removed}::int[])`,
    );
  }
  for (const { check, values } of checked) {
    if (!values || check.action === "skip") continue;
    await ctx.tx.execute(sql`
      insert into lesson_plan_items (school_id, plan_id, number, topic, hours, control_hours, practical_hours, planned_on, resources)
      values (${ctx.schoolId}, ${planId}, ${values.number}, ${values.topic}, ${values.hours}, ${values.controlHours},
              ${values.practicalHours}, ${values.plannedOn}, ${values.resources})
      on conflict (school_id, plan_id, number) do update set topic = excluded.topic, hours = excluded.hours,
        control_hours = excluded.control_hours, practical_hours = excluded.practical_hours, planned_on = excluded.planned_on,
        resources = excluded.resources`);
  }
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "lesson_plan",
    entityId: planId,
    action: "import",
    after: {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      format: grid.format,
      removed: removed.length,
      ...report.summary,
    },
    requestId: ctx.requestId,
  });
  return { ...report, imported: true };
}
