import { Alert, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../app/session.tsx";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { useMyChildren } from "../home/home-api.ts";
import { thisMonday, useChildWeek, useStudentWeek } from "./timetable-api.ts";
import { WeekNavigation, WeekSchedule } from "./WeekSchedule.tsx";

/** «Расписание» of a student (own class and subgroup) or of a parent's child, a week at a time. */
export function SchedulePage() {
  const { t } = useTranslation();
  usePageTitle(t("timetable.schedule.title"));
  const me = useCurrentUser();
  const [from, setFrom] = useState(thisMonday);
  const isStudent = me.roles.includes("student");
  return (
    <Stack gap="md" maw={800}>
      <Title order={1}>{t("timetable.schedule.title")}</Title>
      {isStudent ? (
        <StudentWeek from={from} onChange={setFrom} />
      ) : (
        <ChildWeek from={from} onChange={setFrom} schoolId={me.currentSchoolId} />
      )}
    </Stack>
  );
}

function StudentWeek({ from, onChange }: { from: string; onChange: (from: string) => void }) {
  const { t } = useTranslation();
  const week = useStudentWeek(from, true);
  return (
    <>
      {week.data?.class && <Text>{t("timetable.schedule.classN", { class: week.data.class.name })}</Text>}
      <WeekNavigation from={from} onChange={onChange} />
      <WeekSchedule query={week} showClass={false} />
    </>
  );
}

function ChildWeek({ from, onChange, schoolId }: { from: string; onChange: (from: string) => void; schoolId: string | null }) {
  const { t } = useTranslation();
  const children = useMyChildren();
  const here = (children.data?.children ?? []).filter((c) => c.school.id === schoolId);
  const [chosen, setChosen] = useState<string | null>(null);
  const childId = chosen ?? here[0]?.personId ?? null;
  const week = useChildWeek(childId, from);
  if (children.isError) return <Alert color="red">{errorMessage(t, children.error)}</Alert>;
  if (children.isSuccess && here.length === 0) return <Text c="dimmed">{t("timetable.schedule.noChildren")}</Text>;
  return (
    <>
      {here.length > 1 && (
        <Select
          label={t("timetable.schedule.child")}
          data={here.map((c) => ({ value: c.personId, label: c.class ? `${c.displayName}, ${c.class.name}` : c.displayName }))}
          value={childId}
          onChange={setChosen}
          allowDeselect={false}
          maw={420}
        />
      )}
      {here.length === 1 && here[0] && (
        <Text>
          {here[0].class
            ? t("timetable.schedule.childInClass", { name: here[0].displayName, class: here[0].class.name })
            : here[0].displayName}
        </Text>
      )}
      <WeekNavigation from={from} onChange={onChange} />
      {childId && <WeekSchedule query={week} showClass={false} />}
    </>
  );
}
