import { structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../lib/api.ts";

/**
 * Query keys of the structure pages. Every change invalidates the "structure" prefix and the
 * people pages' copies of classes and subjects, so no page shows a stale list.
 */
export const structureKeys = {
  all: ["structure"] as const,
  years: (includeArchived: boolean) => ["structure", "years", includeArchived] as const,
  periods: (yearId: string, includeArchived: boolean) => ["structure", "periods", yearId, includeArchived] as const,
  holidays: (yearId: string) => ["structure", "holidays", yearId] as const,
  subjects: (includeArchived: boolean) => ["structure", "subjects", includeArchived] as const,
  classes: (yearId: string | null, includeArchived: boolean) => ["structure", "classes", yearId, includeArchived] as const,
  teacherCandidates: ["structure", "teacherCandidates"] as const,
};

export function useInvalidateStructure() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: structureKeys.all }),
      queryClient.invalidateQueries({ queryKey: ["people"] }),
    ]);
  };
}

const flag = (on: boolean) => (on ? { includeArchived: "true" } : {});

export function useYears(includeArchived = false) {
  return useQuery({ queryKey: structureKeys.years(includeArchived), queryFn: () => call(e.listYears, { query: flag(includeArchived) }) });
}

export function usePeriods(yearId: string | null, includeArchived: boolean) {
  return useQuery({
    queryKey: structureKeys.periods(yearId ?? "", includeArchived),
    queryFn: () => call(e.listPeriods, { params: { yearId: yearId ?? "" }, query: flag(includeArchived) }),
    enabled: yearId !== null,
  });
}

export function useHolidays(yearId: string | null) {
  return useQuery({
    queryKey: structureKeys.holidays(yearId ?? ""),
    queryFn: () => call(e.listHolidays, { params: { yearId: yearId ?? "" } }),
    enabled: yearId !== null,
  });
}

export function useSubjectList(includeArchived: boolean) {
  return useQuery({
    queryKey: structureKeys.subjects(includeArchived),
    queryFn: () => call(e.listSubjects, { query: flag(includeArchived) }),
  });
}

export function useClassList(yearId: string | null, includeArchived: boolean) {
  return useQuery({
    queryKey: structureKeys.classes(yearId, includeArchived),
    queryFn: () => call(e.listClasses, { query: { ...(yearId ? { academicYearId: yearId } : {}), ...flag(includeArchived) } }),
  });
}

export function useTeacherCandidates() {
  return useQuery({ queryKey: structureKeys.teacherCandidates, queryFn: () => call(e.classTeacherCandidates) });
}

/** The year a page opens on: the one running today, else the latest. */
export function defaultYearId(
  years: { id: string; startsOn: string; endsOn: string }[],
  today = new Date().toISOString().slice(0, 10),
): string | null {
  return years.find((y) => y.startsOn <= today && today <= y.endsOn)?.id ?? years[0]?.id ?? null;
}

/** `2026-09-01` → `01.09.2026` (ru) or `1 Sep 2026` (en). */
export function formatDate(iso: string, language: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "ru-RU", {
    timeZone: "UTC",
    day: "2-digit",
    month: language === "en" ? "short" : "2-digit",
    year: "numeric",
  }).format(date);
}

export function formatRange(from: string, to: string, language: string): string {
  return from === to ? formatDate(from, language) : `${formatDate(from, language)} – ${formatDate(to, language)}`;
}

/** «1–9», or «5» for a single grade. */
export function formatGrades(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}
