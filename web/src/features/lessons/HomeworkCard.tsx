import { Alert, Anchor, Button, Collapse, Group, List, Paper, Stack, Text } from "@mantine/core";
import { type Homework, lessonEndpoints } from "@otmetka/core/contracts/lessons.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formatDate } from "../people/people-format.ts";
import { HomeworkStudents } from "./HomeworkStudents.tsx";
import { fileUrl, lessonKeys } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";
import { formatDay, lessonLabel } from "./lessons-format.ts";

/** One homework: text, files, when due, the СанПиН warning, and the students' marks. */
export function HomeworkCard({
  homework,
  canEdit,
  canCheck,
  onEdit,
  showGivenOn = false,
}: {
  homework: Homework;
  canEdit: boolean;
  canCheck: boolean;
  onEdit?: () => void;
  showGivenOn?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [showStudents, setShowStudents] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => call(lessonEndpoints.deleteHomework, { params: { homeworkId: homework.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lessonKeys.all }),
  });
  const done = homework.students.filter((s) => s.doneAt).length;
  const checked = homework.students.filter((s) => s.checkedAt).length;
  const due = homework.dueLesson ? lessonLabel(t, homework.dueLesson, i18n.language) : formatDay(homework.dueOn, i18n.language);

  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={`${id}-due`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} id={`${id}-due`}>
            {t("lessons.homework.dueOn", { due })}
            {homework.expectedMinutes ? ` · ${t("lessons.homework.minutesShort", { minutes: homework.expectedMinutes })}` : ""}
          </Text>
          {showGivenOn && (
            <Text size="sm" c="dimmed">
              {t("lessons.homework.givenOn", { date: formatDate(homework.givenOn, i18n.language) })}
            </Text>
          )}
        </Group>
        <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{homework.text}</Text>
        {homework.files.length > 0 && (
          <List listStyleType="none" spacing={4} aria-label={t("lessons.files.list")}>
            {homework.files.map((f) => (
              <List.Item key={f.id}>
                <Anchor href={fileUrl(f.id)} download underline="always" size="sm" style={{ overflowWrap: "anywhere" }}>
                  {f.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
        {homework.warnings.map((w) => (
          <Alert key={w.dueOn} color="red" variant="light" title={t("lessons.warning.title")}>
            {t("lessons.warning.text", {
              date: formatDate(w.dueOn, i18n.language),
              total: w.totalMinutes,
              limit: w.limitMinutes,
              grade: w.grade,
            })}
          </Alert>
        ))}
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => setShowStudents((v) => !v)}
            aria-expanded={showStudents}
            aria-controls={`${id}-students`}
          >
            {t("lessons.students.summary", { done, checked, total: homework.students.length })}
          </Button>
          {canEdit && onEdit && (
            <Button variant="light" size="compact-sm" onClick={onEdit}>
              {t("lessons.homework.edit")}
            </Button>
          )}
          {canCheck && !confirming && (
            <Button variant="subtle" color="red" size="compact-sm" onClick={() => setConfirming(true)}>
              {t("lessons.homework.delete")}
            </Button>
          )}
          {confirming && (
            <Group gap="xs">
              <Text size="sm">{t("lessons.homework.deleteConfirm")}</Text>
              <Button color="red" size="compact-sm" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t("lessons.homework.deleteYes")}
              </Button>
              <Button variant="default" size="compact-sm" onClick={() => setConfirming(false)}>
                {t("lessons.cancel")}
              </Button>
            </Group>
          )}
        </Group>
        {remove.isError && (
          <Text size="sm" c="red.8" role="alert">
            {lessonErrorText(t, remove.error)}
          </Text>
        )}
        <Collapse expanded={showStudents} id={`${id}-students`}>
          {showStudents && <HomeworkStudents homework={homework} canCheck={canCheck} />}
        </Collapse>
      </Stack>
    </Paper>
  );
}
