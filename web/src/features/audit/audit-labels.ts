import type { TFunction } from "i18next";
import { i18n, type TranslationKey } from "../../lib/i18n.ts";

/** Kinds of records the log names, in the order the filter lists them. */
export const KNOWN_ENTITIES = [
  "grade",
  "person",
  "enrolment",
  "guardianship",
  "membership",
  "staff",
  "class",
  "class_group",
  "subject",
  "teaching_assignment",
  "academic_year",
  "period",
  "holiday",
  "school",
  "school_settings",
  "user",
] as const;

export const KNOWN_ACTIONS = [
  "create",
  "update",
  "archive",
  "restore",
  "delete",
  "link",
  "unlink",
  "end",
  "invite",
  "grant",
  "revoke",
] as const;

function labelOr(t: TFunction, key: string, fallback: string): string {
  return i18n.exists(key) ? t(key as TranslationKey) : fallback;
}

/** «Отметка» for "grade"; the code itself for a kind this version does not know. */
export function entityLabel(t: TFunction, entity: string): string {
  return labelOr(t, `audit.entity.${entity}`, entity);
}

export function actionLabel(t: TFunction, action: string): string {
  return labelOr(t, `audit.action.${action.replaceAll(".", "_")}`, action);
}

/** Options of a filter select: the known values and any others seen in the loaded events. */
export function optionsOf(known: readonly string[], seen: Iterable<string>, label: (value: string) => string) {
  const values = [...new Set([...known, ...seen])];
  return values.map((value) => ({ value, label: label(value) }));
}

export function formatEventTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "ru-RU", { dateStyle: "short", timeStyle: "medium" }).format(new Date(iso));
}

/** The first block of a uuid: enough to tell records apart in a list; the full id is in the details. */
export function shortId(id: string): string {
  return /^[0-9a-f]{8}-/.test(id) ? `${id.slice(0, 8)}…` : id;
}
