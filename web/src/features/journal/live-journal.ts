import type { JournalGrid } from "@otmetka/core/contracts/journal.ts";
import type { LiveEvent } from "@otmetka/core/contracts/live.ts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useLiveEvents } from "../../lib/live.ts";
import { cellKey } from "./cell-value.ts";
import { journalKeys, readGridFresh } from "./journal-api.ts";
import type { JournalController } from "./journal-controller.ts";

/** A burst of changes (a colleague filling a lesson) becomes one read of the grid. */
const REFETCH_DELAY_MS = 150;

/** Whether the grid already shows the change (our own save, echoed back), or it is not in this grid. */
function isShownOrElsewhere(c: JournalController, event: LiveEvent): boolean {
  const known = (version: number | undefined) =>
    event.version !== undefined && event.version > 0 && version !== undefined && version >= event.version;
  if (event.lessonId && !c.hasLesson(event.lessonId)) return true;
  if (event.kind === "journal.cell" && event.lessonId && event.studentId)
    return known(c.cells.get(cellKey(event.lessonId, event.studentId))?.version);
  if (event.kind === "journal.period_mark" && event.studentId) return known(c.periodMarks.rows.get(event.studentId)?.view.version);
  if (event.kind === "journal.lesson" && event.lessonId) return known(c.lessons.get().find((l) => l.id === event.lessonId)?.version);
  return false;
}

/**
 * Changes made elsewhere (a colleague, the class teacher, another tab) appear without a reload:
 * a live event for this class and subject rereads the grid, and the controller merges the new
 * values in, leaving alone the cell being edited and changes not saved yet.
 */
export function useJournalLive(c: JournalController, grid: JournalGrid): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const query = {
    classId: grid.class.id,
    subjectId: grid.subject.id,
    periodId: grid.period.id,
    ...(grid.group ? { groupId: grid.group.id } : {}),
  };
  const refetch = () => {
    timer.current ??= setTimeout(() => {
      timer.current = null;
      // The change is committed; a grid kept by another server instance may not know it yet.
      readGridFresh(query);
      void queryClient.invalidateQueries({ queryKey: journalKeys.grid(query) });
    }, REFETCH_DELAY_MS);
  };
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  useLiveEvents(
    { kinds: ["journal.cell", "journal.lesson", "journal.period_mark", "timetable.lesson"], classId: grid.class.id },
    (event) => {
      if (event.subjectId !== undefined && event.subjectId !== grid.subject.id) return;
      if (!isShownOrElsewhere(c, event)) refetch();
    },
    refetch,
  );
}
