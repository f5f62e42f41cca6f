import { Alert, Button, Divider, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { WeekView } from "@otmetka/core/contracts/timetable.ts";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { LessonLine } from "./LessonLine.tsx";
import { addDays, formatDay, isoWeekday, localToday, thisMonday } from "./timetable-api.ts";

/** Previous / this / next week, with the week's dates as a live heading. */
export function WeekNavigation({ from, onChange }: { from: string; onChange: (from: string) => void }) {
  const { t, i18n } = useTranslation();
  const range = `${formatDay(from, i18n.language, "short")} – ${formatDay(addDays(from, 6), i18n.language, "short")}`;
  return (
    <Stack gap={4}>
      <Text fw={600} aria-live="polite">
        {t("timetable.week.range", { range })}
      </Text>
      <Group gap="xs" wrap="wrap">
        <Button variant="default" size="xs" onClick={() => onChange(addDays(from, -7))}>
          {t("timetable.week.previous")}
        </Button>
        <Button variant="default" size="xs" onClick={() => onChange(thisMonday())} disabled={from === thisMonday()}>
          {t("timetable.week.current")}
        </Button>
        <Button variant="default" size="xs" onClick={() => onChange(addDays(from, 7))}>
          {t("timetable.week.next")}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * A week of dated lessons, day by day (the weekend only when it has lessons). Holidays are named;
 * changes (substitute, cancellation, room, extra lesson) are written on each lesson.
 */
export function WeekSchedule({ query, showClass }: { query: UseQueryResult<WeekView>; showClass: boolean }) {
  const { t, i18n } = useTranslation();
  if (query.isError) return <Alert color="red">{errorMessage(t, query.error)}</Alert>;
  if (!query.data) return <CenteredLoader />;
  const week = query.data;
  const today = localToday();
  const days = Array.from({ length: 7 }, (_, i) => addDays(week.from, i));
  // Monday to Friday always; the weekend only when it has lessons (a 6-day week or a moved working day).
  const shown = days.filter((d) => isoWeekday(d) <= 5 || week.lessons.some((l) => l.date === d));
  return (
    <Stack gap="sm">
      {week.lessons.length === 0 && week.daysOff.length === 0 && <Text c="dimmed">{t("timetable.week.empty")}</Text>}
      {shown.map((date) => {
        const lessons = week.lessons.filter((l) => l.date === date);
        const off = week.daysOff.find((d) => d.date === date);
        if (lessons.length === 0 && !off && week.lessons.length === 0) return null;
        return (
          <Paper key={date} withBorder radius="md" p="sm" component="section" aria-label={formatDay(date, i18n.language)}>
            <Group justify="space-between" mb={4}>
              <Title order={2} size="h4">
                {formatDay(date, i18n.language)}
              </Title>
              {date === today && (
                <Text size="sm" fw={600}>
                  {t("timetable.week.today")}
                </Text>
              )}
            </Group>
            {off && <Text size="sm">{t("timetable.week.dayOff", { name: off.name })}</Text>}
            {lessons.length === 0 && !off && (
              <Text size="sm" c="dimmed">
                {t("timetable.week.noLessons")}
              </Text>
            )}
            <Stack gap={0}>
              {lessons.map((lesson, i) => (
                <div key={lesson.id}>
                  {i > 0 && <Divider />}
                  <LessonLine lesson={lesson} showClass={showClass} />
                </div>
              ))}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
