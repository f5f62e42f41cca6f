import type {
  ImportAction,
  ImportChange,
  ImportIssue,
  ImportRowReport,
  ImportSeverity,
  ImportSummary,
} from "@otmetka/core/contracts/imports.ts";

/** A problem of the file as a whole. */
export function fileIssue(
  code: string,
  message: string,
  params: Record<string, string> = {},
  column: string | null = null,
  severity: ImportSeverity = "error",
): ImportIssue {
  return { column, code, message, params, severity };
}

/**
 * The check of one row: its issues, what it would do, and a label naming who it is about.
 * Messages name the column first («СНИЛС: …»), so they read well outside the table too.
 */
export class RowCheck {
  readonly line: number;
  label = "";
  action: ImportAction | null = null;
  readonly changes: ImportChange[] = [];
  readonly issues: ImportIssue[] = [];

  constructor(line: number) {
    this.line = line;
  }

  error(column: string | null, code: string, message: string, params: Record<string, string> = {}): void {
    this.issues.push({ column, code, message: column ? `${column}: ${message}` : message, params, severity: "error" });
  }

  warn(column: string | null, code: string, message: string, params: Record<string, string> = {}): void {
    this.issues.push({ column, code, message: column ? `${column}: ${message}` : message, params, severity: "warning" });
  }

  change(column: string, from: string | null | undefined, to: string): void {
    this.changes.push({ column, from: from ?? "", to });
  }

  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === "error");
  }

  /** The first error in a column: later checks of the same value would only repeat it. */
  hasErrorIn(column: string): boolean {
    return this.issues.some((i) => i.severity === "error" && i.column === column);
  }

  toReport(): ImportRowReport {
    const status = this.hasErrors ? "error" : this.issues.length > 0 ? "warning" : "ok";
    return {
      line: this.line,
      status,
      action: status === "error" ? null : this.action,
      label: this.label,
      changes: status === "error" ? [] : this.changes,
      issues: this.issues,
    };
  }
}

export function summarize(rows: readonly ImportRowReport[]): ImportSummary {
  const count = (p: (r: ImportRowReport) => boolean) => rows.filter(p).length;
  return {
    rows: rows.length,
    ok: count((r) => r.status === "ok"),
    warnings: count((r) => r.status === "warning"),
    errors: count((r) => r.status === "error"),
    create: count((r) => r.action === "create"),
    update: count((r) => r.action === "update"),
    skip: count((r) => r.action === "skip"),
  };
}
