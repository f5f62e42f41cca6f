import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { lessonEndpoints, type StudentHomeworkItem } from "@otmetka/core/contracts/lessons.ts";
import { addDays } from "@otmetka/core/rules/timetable.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/session.tsx";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { useMyChildren } from "../home/home-api.ts";
import { formatDate, todayIso } from "../people/people-format.ts";
import { fileUrl, lessonKeys, useStudentHomework } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";
import { formatDay, weekOf } from "./lessons-format.ts";

/**
 * «Домашние задания» of a week, by the day they are due: a student ticks what they have done;
 * a parent picks a child and sees the same, read-only.
 */
export function HomeworkPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("lessons.studentPage.title"));
  const me = useCurrentUser();
  const isStudent = me.roles.includes("student");
  const children = useMyChildren();
  const ownChildren = (children.data?.children ?? []).filter((c) => c.school.id === me.currentSchoolId);
  const [childId, setChildId] = useState<string | null>(null);
  const studentId = isStudent ? null : (childId ?? ownChildren[0]?.personId ?? null);
  // The week is in the address (?week=YYYY-MM-DD, any day of it), so a link can open it.
  const [params, setParams] = useSearchParams();
  const asked = params.get("week");
  const week = weekOf(asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : todayIso());
  const list = useStudentHomework(studentId, week.from, week.to, isStudent || studentId !== null);
  const shift = (days: number) => setParams({ week: addDays(week.from, days) }, { replace: true });
  const byDay = new Map<string, StudentHomeworkItem[]>();
  for (const item of list.data?.items ?? []) byDay.set(item.dueOn, [...(byDay.get(item.dueOn) ?? []), item]);

  return (
    <Stack gap="md" maw={800}>
      <Title order={1}>{t("lessons.studentPage.title")}</Title>
      {!isStudent && ownChildren.length > 1 && (
        <Select
          label={t("lessons.studentPage.child")}
          data={ownChildren.map((c) => ({ value: c.personId, label: c.displayName }))}
          value={studentId}
          onChange={setChildId}
          allowDeselect={false}
          w={{ base: "100%", xs: 320 }}
        />
      )}
      {!isStudent && children.isSuccess && ownChildren.length === 0 && <Text c="dimmed">{t("lessons.studentPage.noChildren")}</Text>}
      <Group gap="xs" justify="space-between" wrap="wrap" component="nav" aria-label={t("lessons.studentPage.weeks")}>
        <Button variant="default" size="xs" onClick={() => shift(-7)}>
          ← {t("lessons.studentPage.previousWeek")}
        </Button>
        <Text fw={500} aria-live="polite">
          {formatDate(week.from, i18n.language)} – {formatDate(week.to, i18n.language)}
        </Text>
        <Button variant="default" size="xs" onClick={() => shift(7)}>
          {t("lessons.studentPage.nextWeek")} →
        </Button>
      </Group>
      {list.isError && <Alert color="red">{errorMessage(t, list.error)}</Alert>}
      {list.isSuccess && byDay.size === 0 && <Text c="dimmed">{t("lessons.studentPage.empty")}</Text>}
      {[...byDay].map(([day, items]) => (
        <Paper key={day} withBorder p={{ base: "sm", sm: "md" }} radius="md" component="section" aria-labelledby={`day-${day}`}>
          <Stack gap="sm">
            <Title order={2} size="h4" id={`day-${day}`}>
              {formatDay(day, i18n.language)}
            </Title>
            {items.map((item) => (
              <HomeworkItem key={item.id} item={item} canMarkDone={list.data?.canMarkDone ?? false} />
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function HomeworkItem({ item, canMarkDone }: { item: StudentHomeworkItem; canMarkDone: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: (done: boolean) => call(lessonEndpoints.markDone, { params: { homeworkId: item.id }, body: { done } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lessonKeys.all }),
  });
  return (
    <Stack gap={6} component="article" aria-label={item.subject.name}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>{item.subject.name}</Text>
        <Group gap={6}>
          {item.expectedMinutes && (
            <Text size="sm" c="dimmed">
              {t("lessons.homework.minutesShort", { minutes: item.expectedMinutes })}
            </Text>
          )}
          {item.checkedAt && (
            <Badge color="blue" variant="filled" style={{ textTransform: "none" }}>
              {t("lessons.students.checked")}
            </Badge>
          )}
        </Group>
      </Group>
      <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{item.text}</Text>
      {item.files.length > 0 && (
        <List listStyleType="none" spacing={4} aria-label={t("lessons.files.list")}>
          {item.files.map((f) => (
            <List.Item key={f.id}>
              <Anchor href={fileUrl(f.id)} download underline="always" size="sm" style={{ overflowWrap: "anywhere" }}>
                {f.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
      <Text size="sm" c="dimmed">
        {t("lessons.studentPage.given", { date: formatDate(item.givenOn, i18n.language), teacher: item.teacher.displayName })}
      </Text>
      {item.teacherComment && <Text size="sm">{t("lessons.studentPage.comment", { comment: item.teacherComment })}</Text>}
      {canMarkDone ? (
        <Checkbox
          label={t("lessons.studentPage.done")}
          checked={mark.isPending ? mark.variables : Boolean(item.doneAt)}
          disabled={mark.isPending}
          onChange={(event) => mark.mutate(event.currentTarget.checked)}
        />
      ) : (
        <Text size="sm">{item.doneAt ? t("lessons.students.doneYes") : t("lessons.students.doneNo")}</Text>
      )}
      {mark.isError && (
        <Text size="sm" c="red.8" role="alert">
          {lessonErrorText(t, mark.error)}
        </Text>
      )}
    </Stack>
  );
}
