import { type JournalQuery, journalEndpoints } from "@otmetka/core/contracts/journal.ts";
import { staffEndpoints } from "@otmetka/core/contracts/staff.ts";
import { structureEndpoints } from "@otmetka/core/contracts/structure.ts";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../lib/api.ts";
import { defaultPeriodId } from "./grid-model.ts";

export const journalKeys = {
  all: ["journal"] as const,
  grid: (query: JournalQuery) => ["journal", "grid", query] as const,
  defaultPeriod: (classId: string) => ["journal", "defaultPeriod", classId] as const,
  classAssignments: (classId: string) => ["journal", "assignments", classId] as const,
};

/** Grids whose next read must be built anew by the server (a live event said they changed). */
const freshReads = new Set<string>();

/** The next read of this grid asks the server for a grid built now, not one it kept. */
export function readGridFresh(query: JournalQuery): void {
  freshReads.add(JSON.stringify(journalKeys.grid(query)));
}

export function useJournalGrid(query: JournalQuery | null) {
  return useQuery({
    queryKey: query ? journalKeys.grid(query) : ["journal", "grid", "none"],
    // When the read began: a cell missing from it was cleared, unless we saved it after that.
    queryFn: async ({ signal, queryKey }) => {
      const requestedAt = Date.now();
      const fresh = freshReads.delete(JSON.stringify(queryKey));
      return { grid: await call(journalEndpoints.grid, { query: query!, signal, fresh }), requestedAt };
    },
    enabled: query !== null,
    // The grid merges newer reads into what is on screen, so a refetch never disturbs typing.
    staleTime: 10_000,
  });
}

/** Today on this device, `YYYY-MM-DD` (the server's `today` is known only once a grid is read). */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** The period a journal opens on: the class's period containing today, else the latest begun. */
export function useDefaultPeriod(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: journalKeys.defaultPeriod(classId),
    enabled,
    queryFn: async ({ signal }) => {
      const cls = await call(structureEndpoints.getClass, { params: { classId }, query: {}, signal });
      const periods = await call(structureEndpoints.listPeriods, { params: { yearId: cls.academicYearId }, query: {}, signal });
      const own = periods.items.filter((p) => !p.archived && p.gradeFrom <= cls.grade && cls.grade <= p.gradeTo);
      return defaultPeriodId(own, localToday()) ?? null;
    },
  });
}

/** An admin's view of a class: its teaching assignments (subject × whole class or subgroup). */
export function useClassAssignments(classId: string | null) {
  return useQuery({
    queryKey: journalKeys.classAssignments(classId ?? ""),
    enabled: classId !== null,
    queryFn: ({ signal }) => call(staffEndpoints.listAssignments, { query: { classId: classId! }, signal }),
    select: (data) => data.items.filter((a) => !a.archived),
  });
}

/** The address of a journal grid. */
export function journalPath(classId: string, subjectId: string, options: { periodId?: string; groupId?: string | null } = {}): string {
  const search = new URLSearchParams();
  if (options.periodId) search.set("period", options.periodId);
  if (options.groupId) search.set("group", options.groupId);
  const text = search.toString();
  return `/journal/${classId}/${subjectId}${text ? `?${text}` : ""}`;
}
