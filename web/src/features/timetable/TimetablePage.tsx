import { Alert, Group, Select, Stack, Tabs, Text, Title } from "@mantine/core";
import type { TimetableEntryView } from "@otmetka/core/contracts/timetable.ts";
import { studyDaysOf } from "@otmetka/core/rules/timetable.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { useSchoolSettings } from "../schools/schools-api.ts";
import { defaultYearId, useClassList, useSubjectList, useTeacherCandidates, useYears } from "../structure/structure-api.ts";
import { BellTimesEditor } from "./BellTimesEditor.tsx";
import { EntryGrid } from "./EntryGrid.tsx";
import { EntryModal } from "./EntryModal.tsx";
import { GeneratePanel } from "./GeneratePanel.tsx";
import { localToday, useBellTimes, useClassEntries, useInvalidateTimetable } from "./timetable-api.ts";

type Dialog = { entry: TimetableEntryView | null; slot: { weekday: number; lessonNumber: number } } | null;

/** «Расписание»: the weekly timetable of a class, the bell times of each shift, and generating dated lessons. */
export function TimetablePage() {
  const { t } = useTranslation();
  usePageTitle(t("timetable.admin.title"));
  const today = localToday();
  const years = useYears(false);
  const [chosenYear, setChosenYear] = useState<string | null>(null);
  const yearId = chosenYear ?? defaultYearId(years.data?.items ?? [], today);
  const year = years.data?.items.find((y) => y.id === yearId) ?? null;
  const classes = useClassList(yearId, false);
  const [chosenClass, setChosenClass] = useState<string | null>(null);
  const classItems = classes.data?.items ?? [];
  const klass = classItems.find((c) => c.id === chosenClass) ?? classItems[0] ?? null;
  const entries = useClassEntries(klass?.id ?? null);
  const bellTimes = useBellTimes(yearId);
  const settings = useSchoolSettings();
  const subjects = useSubjectList(false);
  const teachers = useTeacherCandidates();
  const invalidate = useInvalidateTimetable();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (years.isError) return <Alert color="red">{errorMessage(t, years.error)}</Alert>;
  if (!years.data) return <CenteredLoader />;
  const studyDays = klass && settings.data ? studyDaysOf(settings.data.settings.studyWeek, klass.grade) : 5;
  const shiftTimes = bellTimes.data?.shifts.find((s) => s.shift === klass?.shift)?.lessons ?? [];

  return (
    <Stack gap="md" maw={1200}>
      <Title order={1}>{t("timetable.admin.title")}</Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("timetable.admin.year")}
          data={years.data.items.map((y) => ({ value: y.id, label: y.name }))}
          value={yearId}
          onChange={(v) => {
            setChosenYear(v);
            setChosenClass(null);
          }}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t("timetable.admin.class")}
          data={classItems.map((c) => ({ value: c.id, label: c.name }))}
          value={klass?.id ?? null}
          onChange={setChosenClass}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t("timetable.nothingFound")}
          w={140}
        />
        {klass && (
          <Text size="sm" c="dimmed" mb={8}>
            {t("timetable.admin.classInfo", { shift: klass.shift, days: studyDays })}
          </Text>
        )}
      </Group>
      {years.data.items.length === 0 && <Alert variant="light">{t("timetable.admin.noYear")}</Alert>}
      {classes.isSuccess && classItems.length === 0 && yearId && <Alert variant="light">{t("timetable.admin.noClasses")}</Alert>}

      <Tabs defaultValue="week" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="week">{t("timetable.admin.tabWeek")}</Tabs.Tab>
          <Tabs.Tab value="bells">{t("timetable.admin.tabBells")}</Tabs.Tab>
          <Tabs.Tab value="generate">{t("timetable.admin.tabGenerate")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="week" pt="md">
          {entries.isError && <Alert color="red">{errorMessage(t, entries.error)}</Alert>}
          {klass && year && entries.data && (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t("timetable.admin.gridHint")}
              </Text>
              <EntryGrid
                entries={entries.data.items}
                studyDays={studyDays}
                bellTimes={shiftTimes}
                year={year}
                canEdit={!year.archived}
                onAdd={(slot) => setDialog({ entry: null, slot })}
                onEdit={(entry) => setDialog({ entry, slot: entry })}
              />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="bells" pt="md">
          {bellTimes.data && <BellTimesEditor view={bellTimes.data} />}
        </Tabs.Panel>
        <Tabs.Panel value="generate" pt="md">
          {yearId && <GeneratePanel yearId={yearId} klass={klass} today={today} />}
        </Tabs.Panel>
      </Tabs>

      {dialog && klass && year && (
        <EntryModal
          klass={klass}
          year={year}
          entry={dialog.entry}
          slot={dialog.slot}
          studyDays={studyDays}
          subjects={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          teachers={(teachers.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void invalidate();
          }}
        />
      )}
    </Stack>
  );
}
