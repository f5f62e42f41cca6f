import { ActionIcon, Button, Paper, Stack, Table, Text, Title, UnstyledButton, VisuallyHidden } from "@mantine/core";
import type { BellTime, TimetableEntryView } from "@otmetka/core/contracts/timetable.ts";
import { useTranslation } from "react-i18next";
import type { TranslationKey } from "../../lib/i18n.ts";
import { useIsPhone } from "../structure/use-is-phone.ts";

/** «Смирнов Андрей Павлович» → «Смирнов А. П.». */
export function shortName(displayName: string): string {
  const [last, ...rest] = displayName.split(" ").filter(Boolean);
  return [last, ...rest.map((n) => `${n[0]}.`)].join(" ");
}

interface Props {
  entries: TimetableEntryView[];
  studyDays: number;
  bellTimes: BellTime[];
  /** The academic year: an entry holding for only part of it shows its dates. */
  year: { startsOn: string; endsOn: string };
  canEdit: boolean;
  onAdd: (slot: { weekday: number; lessonNumber: number }) => void;
  onEdit: (entry: TimetableEntryView) => void;
}

/** Lesson numbers shown: 1–7 at least, more when the bell times or the entries use them (0 only then). */
function rowsOf(entries: TimetableEntryView[], bellTimes: BellTime[]): number[] {
  const used = [...entries.map((e) => e.lessonNumber), ...bellTimes.map((b) => b.lessonNumber)];
  const first = Math.min(1, ...used);
  const last = Math.max(7, ...used);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The weekly timetable of one class: days × lesson numbers; every entry and empty slot is a button. */
export function EntryGrid({ entries, studyDays, bellTimes, year, canEdit, onAdd, onEdit }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const days = Array.from({ length: Math.max(studyDays, ...entries.map((e) => e.weekday)) }, (_, i) => i + 1);
  const rows = rowsOf(entries, bellTimes);
  const at = (weekday: number, n: number) => entries.filter((e) => e.weekday === weekday && e.lessonNumber === n);
  const time = (n: number) => bellTimes.find((b) => b.lessonNumber === n);
  const dayName = (d: number) => t(`timetable.weekday.${d}` as TranslationKey);
  const entryButton = (e: TimetableEntryView) => (
    <UnstyledButton
      key={e.id}
      onClick={() => onEdit(e)}
      disabled={!canEdit}
      className="timetable-entry"
      p={6}
      style={{ display: "block", width: "100%", borderRadius: 4, border: "1px solid var(--mantine-color-default-border)" }}
    >
      <VisuallyHidden>
        {t("timetable.grid.editEntry", { day: dayName(e.weekday), n: e.lessonNumber, subject: e.subject.name })}
      </VisuallyHidden>
      <Text size="sm" fw={600} lh={1.2}>
        {e.subject.shortName || e.subject.name}
        {e.group ? ` · ${e.group.name}` : ""}
      </Text>
      <Text size="xs" lh={1.3}>
        {shortName(e.teacher.displayName)}
        {e.room ? ` · ${t("timetable.roomN", { room: e.room })}` : ""}
      </Text>
      {(e.validFrom !== year.startsOn || e.validTo !== year.endsOn) && <ValidityNote entry={e} />}
    </UnstyledButton>
  );

  if (isPhone) {
    return (
      <Stack gap="sm">
        {days.map((d) => (
          <Paper key={d} withBorder p="sm" radius="md">
            <Title order={3} size="h5" mb={6}>
              {dayName(d)}
            </Title>
            <Stack gap={6}>
              {rows.flatMap((n) =>
                at(d, n).map((e) => (
                  <div key={e.id} style={{ display: "flex", gap: 8, alignItems: "flex-start" }}>
                    <Text size="sm" fw={600} w={64} style={{ flexShrink: 0 }}>
                      {t("timetable.lessonN", { n })}
                      <Text span size="xs" c="dimmed" display="block">
                        {time(n)?.startsAt ?? ""}
                      </Text>
                    </Text>
                    {entryButton(e)}
                  </div>
                )),
              )}
              {canEdit && (
                <Button variant="light" size="xs" onClick={() => onAdd({ weekday: d, lessonNumber: nextFree(entries, d) })}>
                  {t("timetable.grid.addTo", { day: dayName(d) })}
                </Button>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing={4} style={{ tableLayout: "fixed" }}>
      <Table.Caption>
        <VisuallyHidden>{t("timetable.grid.caption")}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={84}>{t("timetable.grid.lesson")}</Table.Th>
          {days.map((d) => (
            <Table.Th key={d}>{dayName(d)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((n) => (
          <Table.Tr key={n}>
            <Table.Th scope="row" fw={500}>
              <Text size="sm" fw={600}>
                {t("timetable.lessonN", { n })}
              </Text>
              {time(n) && (
                <Text size="xs" c="dimmed">
                  {time(n)?.startsAt}–{time(n)?.endsAt}
                </Text>
              )}
            </Table.Th>
            {days.map((d) => (
              <Table.Td key={d} style={{ verticalAlign: "top" }}>
                <Stack gap={4}>
                  {at(d, n).map(entryButton)}
                  {canEdit && (
                    <ActionIcon variant="subtle" size="sm" onClick={() => onAdd({ weekday: d, lessonNumber: n })}>
                      <span aria-hidden>+</span>
                      <VisuallyHidden>{t("timetable.grid.addAt", { day: dayName(d), n })}</VisuallyHidden>
                    </ActionIcon>
                  )}
                </Stack>
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The first lesson number of a day with no whole-class entry. */
function nextFree(entries: TimetableEntryView[], weekday: number): number {
  const used = new Set(entries.filter((e) => e.weekday === weekday && !e.group).map((e) => e.lessonNumber));
  let n = 1;
  while (used.has(n) && n < 10) n++;
  return n;
}

/** Dates of an entry that holds for part of the year only. */
function ValidityNote({ entry }: { entry: TimetableEntryView }) {
  const { t, i18n } = useTranslation();
  const format = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "ru-RU", { timeZone: "UTC", day: "2-digit", month: "2-digit" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  return (
    <Text size="xs" c="dimmed" lh={1.3}>
      {t("timetable.grid.validity", { from: format(entry.validFrom), to: format(entry.validTo) })}
    </Text>
  );
}
