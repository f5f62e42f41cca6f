import { formatPassport, formatSnils } from "@otmetka/core/rules/identifiers.ts";

/** A calendar date (`YYYY-MM-DD`) as the reader writes it: 20.05.2014 in Russian. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "ru-RU", { timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "ru-RU", { dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
}

/** Today in the browser's time zone, `YYYY-MM-DD` (the default date of date inputs). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function formatDocument(doc: { type: string; series: string | null; number: string }): string {
  if (doc.type === "RF_PASSPORT") return formatPassport(`${doc.series ?? ""}${doc.number}`);
  return [doc.series, doc.number].filter(Boolean).join(" ");
}

export { formatSnils };

/** `+79165078599` → `+7 916 507-85-99`; anything else unchanged. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return "";
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : e164;
}
