import { Stack, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../ui/page-title.ts";
import { thisMonday, useMyWeek } from "./timetable-api.ts";
import { WeekNavigation, WeekSchedule } from "./WeekSchedule.tsx";

/** «Моё расписание»: the signed-in teacher's lessons of a week, also those they substitute. */
export function MyTimetablePage() {
  const { t } = useTranslation();
  usePageTitle(t("timetable.mine.title"));
  const [from, setFrom] = useState(thisMonday);
  const week = useMyWeek(from);
  return (
    <Stack gap="md" maw={800}>
      <Title order={1}>{t("timetable.mine.title")}</Title>
      <WeekNavigation from={from} onChange={setFrom} />
      <WeekSchedule query={week} showClass />
    </Stack>
  );
}
