import { Alert, Anchor, Badge, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import type { JournalGrid as JournalGridData } from "@otmetka/core/contracts/journal.ts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { forgetSession, useCurrentUser } from "../../app/session.tsx";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { GradeImportButton } from "./GradeImportDialog.tsx";
import { JournalGrid } from "./JournalGrid.tsx";
import { journalKeys, useDefaultPeriod, useJournalGrid } from "./journal-api.ts";
import { JournalController } from "./journal-controller.ts";
import { KeysHelp } from "./KeysHelp.tsx";
import { buildKeymap } from "./keymap.ts";
import { useJournalLive } from "./live-journal.ts";
import { type SaveQueue, saveQueueFor } from "./save-queue.ts";
import { UnsavedBanner } from "./UnsavedBanner.tsx";

/** `/journal/:classId/:subjectId?period=…&group=…`: one class (or subgroup) × subject × period. */
export function JournalPage() {
  const { t } = useTranslation();
  const { classId = "", subjectId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const periodId = search.get("period");
  const groupId = search.get("group");
  const me = useCurrentUser();
  const queue = saveQueueFor(me.userId);
  const queryClient = useQueryClient();
  // A save refused with 401 means the session is over, as for any other call: to the sign-in
  // page, and back here afterwards, where the waiting changes are sent.
  useEffect(() => {
    const stop = queue.onEvent((event) => {
      if (event.type === "signedOut") forgetSession(queryClient);
    });
    return () => {
      stop();
    };
  }, [queue, queryClient]);
  useLeaveWarning(queue);
  const defaultPeriod = useDefaultPeriod(classId, !periodId);
  useEffect(() => {
    if (periodId || !defaultPeriod.data) return;
    const next = new URLSearchParams(search);
    next.set("period", defaultPeriod.data);
    setSearch(next, { replace: true });
  }, [periodId, defaultPeriod.data, search, setSearch]);
  const query = periodId ? { classId, subjectId, periodId, ...(groupId ? { groupId } : {}) } : null;
  const grid = useJournalGrid(query);
  const data = grid.data?.grid;
  usePageTitle(data ? title(t, data) : t("journal.list.title"));

  const setPeriod = (id: string) => {
    const next = new URLSearchParams(search);
    next.set("period", id);
    setSearch(next);
  };
  const failure = grid.error ?? defaultPeriod.error;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/journal" size="sm" underline="always">
        {t("journal.page.back")}
      </Anchor>
      {failure ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, failure)}
        </Alert>
      ) : defaultPeriod.data === null && !periodId ? (
        <Alert variant="light">{t("journal.page.noPeriod")}</Alert>
      ) : !data ? (
        <CenteredLoader />
      ) : (
        <>
          <Group justify="space-between" align="flex-end" gap="sm">
            <Title order={1}>{title(t, data)}</Title>
            <NativeSelect
              label={t("journal.page.period")}
              value={data.period.id}
              onChange={(e) => setPeriod(e.currentTarget.value)}
              data={data.periods.map((p) => ({ value: p.id, label: p.name }))}
              w={{ base: "100%", xs: 200 }}
            />
            <Group gap="sm">
              <Anchor component={Link} to={`/journal/${classId}/${subjectId}/year${groupId ? `?group=${groupId}` : ""}`} size="sm">
                {t("journal.year.link")}
              </Anchor>
              <GradeImportButton grid={data} />
            </Group>
          </Group>
          <JournalNotices grid={data} />
          <UnsavedBanner queue={queue} />
          {data.lessons.length === 0 ? (
            <Text c="dimmed">{t("journal.page.noLessons")}</Text>
          ) : data.students.length === 0 ? (
            <Text c="dimmed">{t("journal.page.noStudents")}</Text>
          ) : (
            <JournalView
              key={structureKey(data)}
              grid={data}
              requestedAt={grid.data?.requestedAt ?? 0}
              queue={queue}
              label={t("journal.page.gridLabel", { journal: title(t, data), period: data.period.name })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * While changes wait to be saved, closing or reloading the tab asks first (the browser's own
 * question). They would not be lost: they are kept on this device and sent when the journal is
 * opened again, but the school sees them only then.
 */
function useLeaveWarning(queue: SaveQueue): void {
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (queue.unsaved.get() > 0) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [queue]);
}

function title(t: TFunction, grid: JournalGridData): string {
  return grid.group
    ? t("journal.page.titleGroup", { class: grid.class.name, group: grid.group.name, subject: grid.subject.name })
    : t("journal.page.title", { class: grid.class.name, subject: grid.subject.name });
}

/** A new controller when the columns or rows change; values alone are merged into the old one. */
function structureKey(grid: JournalGridData): string {
  return [grid.period.id, grid.group?.id ?? "", grid.lessons.map((l) => l.id).join(","), grid.students.map((s) => s.id).join(",")].join(
    "|",
  );
}

function JournalNotices({ grid }: { grid: JournalGridData }) {
  const { t } = useTranslation();
  const { abilities } = grid;
  return (
    <>
      {!abilities.edit && !abilities.editAttendanceOnly && <Badge variant="outline">{t("journal.page.readOnly")}</Badge>}
      {!abilities.edit && abilities.editAttendanceOnly && <Text size="sm">{t("journal.page.attendanceOnly")}</Text>}
      {grid.unlockedUntil && (
        <Text size="sm">{t("journal.page.unlockedUntil", { until: new Date(grid.unlockedUntil).toLocaleString() })}</Text>
      )}
    </>
  );
}

function JournalView({ grid, requestedAt, queue, label }: { grid: JournalGridData; requestedAt: number; queue: SaveQueue; label: string }) {
  const queryClient = useQueryClient();
  const [c] = useState(
    () => new JournalController(grid, queue, { onStale: () => void queryClient.invalidateQueries({ queryKey: journalKeys.all }) }),
  );
  const keymap = useMemo(() => buildKeymap(grid.settings.attendanceLetters), [grid.settings.attendanceLetters]);
  useEffect(() => c.connect(), [c]);
  useEffect(() => c.merge(grid, requestedAt), [c, grid, requestedAt]);
  useJournalLive(c, grid);
  return (
    <Stack gap="xs">
      <KeysHelp keymap={keymap} letters={grid.settings.attendanceLetters} />
      <JournalGrid c={c} grid={grid} keymap={keymap} label={label} />
    </Stack>
  );
}
