/**
 * Importing marks from a file into one journal. The check (dry run) reads the file, checks every
 * row and reports; the import does the same check and, only when no row has an error, saves
 * every changed cell through the grid's own `saveCell` (validation, edit window, reason rule,
 * versioning, audit row, live event) in the request's one transaction. An error found only while
 * saving (a concurrent change, an enrolment gap) throws, and the transaction takes back every
 * row already saved: all or nothing.
 */
import { createHash } from "node:crypto";
import type { GradeImportError, GradeImportReport } from "@otmetka/core/contracts/grade-import.ts";
import { AppError, type ErrorIssue } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { saveCell } from "../journal/cells.service.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { type CheckedRows, checkRows } from "./grade-import.check.ts";
import { type GradeFile, readGradeFile } from "./grade-import.file.ts";
import { type JournalQueryKey, loadImportJournal, loadJournalCells } from "./grade-import.journal.ts";

export interface GradeImportOptions {
  dryRun: boolean;
  /** Why existing marks are replaced ("" for none). */
  reason: string;
}

function reportOf(file: GradeFile, checked: CheckedRows | null, dryRun: boolean): GradeImportReport {
  const errors = [...file.errors, ...(checked?.errors ?? [])];
  return {
    dryRun,
    imported: false,
    ...file.meta,
    rows: file.rows.length,
    valid: checked?.valid ?? 0,
    skipped: checked?.skipped ?? 0,
    unchanged: checked?.unchanged ?? 0,
    errors,
    warnings: file.warnings,
    changes: (checked?.changes ?? []).map(({ cell: _cell, ...change }) => change),
  };
}

const issuesOf = (errors: readonly GradeImportError[]): ErrorIssue[] =>
  errors.slice(0, 200).map((e) => ({ path: ["body", e.row ?? 1, e.column ?? ""], code: e.code, message: e.message }));

function rejected(report: GradeImportReport): AppError {
  const fileLevel = report.errors.some((e) => e.row === null);
  const message = fileLevel
    ? "The file cannot be read as a grade import; see error.details.report.errors"
    : `${new Set(report.errors.map((e) => e.row)).size} row(s) have errors; nothing was imported. See error.details.report`;
  return new AppError("validation_failed", message, {
    issues: issuesOf(report.errors),
    details: { reason: fileLevel ? "file_invalid" : "rows_invalid", report },
  });
}

/** A save refused while importing: the whole import is refused, with that row named in the report. */
function rowFailed(report: GradeImportReport, row: number, error: AppError): AppError {
  const issue = error.issues?.[0];
  const failure: GradeImportError = {
    row,
    column: null,
    code: issue?.code ?? (typeof error.details?.reason === "string" ? error.details.reason : error.code),
    message: `Строка ${row}: ${issue?.message ?? error.message}. Ничего не импортировано`,
    params: {},
  };
  const failed = { ...report, dryRun: false, errors: [failure] };
  return new AppError(error.code, `Row ${row} could not be saved (${failure.code}); nothing was imported`, {
    issues: issuesOf(failed.errors),
    details: { reason: "row_failed", report: failed },
  });
}

export async function importGrades(
  ctx: ChangeContext,
  actor: SchoolActor,
  key: JournalQueryKey,
  bytes: Uint8Array,
  options: GradeImportOptions,
): Promise<GradeImportReport> {
  const journal = await loadImportJournal(ctx.tx, actor, key, ctx.app.now());
  const file = await readGradeFile(bytes);
  if (file.errors.length > 0) throw rejected(reportOf(file, null, options.dryRun));
  const cells = await loadJournalCells(
    ctx.tx,
    actor.schoolId,
    journal.lessons.map((l) => l.id),
  );
  const checked = checkRows(file.rows, journal, cells, options.reason);
  const report = reportOf(file, checked, options.dryRun);
  if (options.dryRun) return report;
  if (report.errors.length > 0) throw rejected(report);

  for (const change of checked.changes) {
    try {
      await saveCell(ctx, actor, change.lessonId, change.studentId, {
        marks: change.after,
        attendance: change.cell.attendance,
        comment: change.commentAfter,
        version: change.cell.version,
        ...(change.changesExisting ? { reason: options.reason } : {}),
      });
    } catch (error) {
      if (error instanceof AppError) throw rowFailed(report, change.row, error);
      throw error;
    }
  }
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "grade_import",
    entityId: [key.classId, key.subjectId, key.periodId, key.groupId].filter(Boolean).join(":"),
    action: "import",
    after: {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      format: file.meta.format,
      rows: report.rows,
      changes: report.changes.length,
      replaced: report.changes.filter((c) => c.changesExisting).length,
      unchanged: report.unchanged,
    },
    reason: report.changes.some((c) => c.changesExisting) ? options.reason : null,
    requestId: ctx.requestId,
  });
  return { ...report, imported: true };
}
