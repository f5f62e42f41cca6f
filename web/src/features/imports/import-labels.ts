import type { ImportChange, ImportIssue } from "@otmetka/core/contracts/imports.ts";
import type { TFunction } from "i18next";
import { i18n, type TranslationKey } from "../../lib/i18n.ts";

/**
 * An issue in the interface language. The server writes its messages in Russian with the
 * column first; other languages translate the code with the issue's params, and a code this
 * version does not know falls back to the server's text.
 */
export function issueText(t: TFunction, issue: ImportIssue, inRow: boolean): string {
  if (i18n.resolvedLanguage === "ru" || i18n.language === "ru") return issue.message;
  const key = `imports.issue.${issue.code}`;
  if (!i18n.exists(key)) return issue.message;
  const text = t(key as TranslationKey, { ...issue.params, column: issue.params.column ?? issue.column ?? "" });
  return inRow && issue.column ? `${issue.column}: ${text}` : text;
}

/** «Смена: 1 → 2»; a value that was empty reads «—». */
export function changeText(change: ImportChange): string {
  return `${change.column}: ${change.from || "—"} → ${change.to}`;
}
