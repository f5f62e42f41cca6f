import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { HOMEWORK_COMMENT_MAX, type Homework, type HomeworkStudentStatus, lessonEndpoints } from "@otmetka/core/contracts/lessons.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { useIsPhone } from "../people/use-is-phone.ts";
import { lessonKeys } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";

/** Who did the homework (the students' own marks) and the teacher's «checked» with a comment, per student. */
export function HomeworkStudents({ homework, canCheck }: { homework: Homework; canCheck: boolean }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  if (homework.students.length === 0) return <Text c="dimmed">{t("lessons.students.none")}</Text>;
  if (isPhone) {
    return (
      <Stack gap="xs">
        {homework.students.map((s) => (
          <Paper key={s.student.id} withBorder p="xs" radius="sm">
            <Stack gap={6}>
              <Group justify="space-between" gap="xs">
                <Text fw={500}>{s.student.displayName}</Text>
                <DoneBadge status={s} />
              </Group>
              <CheckControls homework={homework} status={s} canCheck={canCheck} />
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table verticalSpacing="xs" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("lessons.students.student")}</Table.Th>
          <Table.Th>{t("lessons.students.done")}</Table.Th>
          <Table.Th>{t("lessons.students.checkAndComment")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {homework.students.map((s) => (
          <Table.Tr key={s.student.id}>
            <Table.Td>{s.student.displayName}</Table.Td>
            <Table.Td>
              <DoneBadge status={s} />
            </Table.Td>
            <Table.Td>
              <CheckControls homework={homework} status={s} canCheck={canCheck} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DoneBadge({ status }: { status: HomeworkStudentStatus }) {
  const { t } = useTranslation();
  return status.doneAt ? (
    <Badge color="blue" variant="filled" style={{ textTransform: "none" }}>
      {t("lessons.students.doneYes")}
    </Badge>
  ) : (
    <Badge color="gray" variant="outline" style={{ textTransform: "none" }}>
      {t("lessons.students.doneNo")}
    </Badge>
  );
}

function CheckControls({ homework, status, canCheck }: { homework: Homework; status: HomeworkStudentStatus; canCheck: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState(status.comment);
  const save = useMutation({
    mutationFn: (checked: boolean) =>
      call(lessonEndpoints.check, { params: { homeworkId: homework.id, studentId: status.student.id }, body: { checked, comment } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lessonKeys.all }),
  });
  const name = status.student.displayName;
  if (!canCheck) {
    return (
      <Text size="sm">
        {status.checkedAt ? t("lessons.students.checked") : "—"} {status.comment}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap" align="flex-end">
        <Checkbox
          label={t("lessons.students.checked")}
          aria-label={t("lessons.students.checkedFor", { name })}
          checked={save.isPending ? save.variables : Boolean(status.checkedAt)}
          disabled={save.isPending}
          onChange={(event) => save.mutate(event.currentTarget.checked)}
        />
        <TextInput
          size="xs"
          aria-label={t("lessons.students.commentFor", { name })}
          placeholder={t("lessons.students.comment")}
          maxLength={HOMEWORK_COMMENT_MAX}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 140 }}
        />
        {comment !== status.comment && (
          <Button size="xs" variant="light" loading={save.isPending} onClick={() => save.mutate(Boolean(status.checkedAt))}>
            {t("lessons.students.saveComment")}
          </Button>
        )}
      </Group>
      {save.isError && (
        <Text size="xs" c="red.8" role="alert">
          {lessonErrorText(t, save.error)}
        </Text>
      )}
    </Stack>
  );
}
