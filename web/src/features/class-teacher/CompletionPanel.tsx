import { Alert, Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { classTeacherEndpoints } from "@otmetka/core/contracts/class-teacher.ts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { formatDate } from "../people/people-format.ts";
import { useIsPhone } from "../people/use-is-phone.ts";

const MISSING_KEYS = {
  topic: "classTeacher.completion.missing.topic",
  entries: "classTeacher.completion.missing.entries",
  homework: "classTeacher.completion.missing.homework",
} as const;

/** What the class's journal is missing in the range: per teacher and subject, then lesson by lesson. */
export function CompletionPanel({ classId, from, to }: { classId: string; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const report = useQuery({
    queryKey: ["class-teacher", "completion", classId, from, to],
    queryFn: () => call(classTeacherEndpoints.completion, { params: { classId }, query: { from, to } }),
    enabled: from <= to,
  });
  if (from > to) return <Alert color="red">{t("classTeacher.badRange")}</Alert>;
  if (report.isError) return <Alert color="red">{errorMessage(t, report.error)}</Alert>;
  if (!report.data) return <Text c="dimmed">{t("classTeacher.loading")}</Text>;
  const { teachers, lessons } = report.data;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t("classTeacher.completion.byTeacher")}
      </Title>
      {teachers.length === 0 ? (
        <Text c="dimmed">{t("classTeacher.completion.noLessons")}</Text>
      ) : isPhone ? (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {teachers.map((row) => (
            <li key={`${row.teacher.userId}:${row.subject.id}`}>
              <Text fw={600}>
                {row.teacher.displayName}, {row.subject.name}
              </Text>
              <Text size="sm">
                {t("classTeacher.completion.phoneLine", {
                  lessons: row.lessons,
                  topic: row.withoutTopic,
                  entries: row.withoutEntries,
                  homework: row.withoutHomework,
                })}
              </Text>
            </li>
          ))}
        </Stack>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("classTeacher.completion.teacher")}</Table.Th>
              <Table.Th>{t("classTeacher.completion.subject")}</Table.Th>
              <Table.Th ta="right">{t("classTeacher.completion.lessons")}</Table.Th>
              <Table.Th ta="right">{t("classTeacher.completion.withoutTopic")}</Table.Th>
              <Table.Th ta="right">{t("classTeacher.completion.withoutEntries")}</Table.Th>
              <Table.Th ta="right">{t("classTeacher.completion.withoutHomework")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teachers.map((row) => (
              <Table.Tr key={`${row.teacher.userId}:${row.subject.id}`}>
                <Table.Td>{row.teacher.displayName}</Table.Td>
                <Table.Td>{row.subject.name}</Table.Td>
                <Table.Td ta="right">{row.lessons}</Table.Td>
                <Table.Td ta="right">{row.withoutTopic}</Table.Td>
                <Table.Td ta="right">{row.withoutEntries}</Table.Td>
                <Table.Td ta="right">{row.withoutHomework}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2} size="h3">
        {t("classTeacher.completion.incomplete", { count: lessons.length })}
      </Title>
      {lessons.length === 0 ? (
        <Text c="dimmed">{t("classTeacher.completion.allFilled")}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("classTeacher.completion.lesson")}</Table.Th>
              {!isPhone && <Table.Th>{t("classTeacher.completion.teacher")}</Table.Th>}
              <Table.Th>{t("classTeacher.completion.missingTitle")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lessons.map((l) => (
              <Table.Tr key={l.lessonId}>
                <Table.Td>
                  <Anchor component={Link} to={`/lessons/${l.lessonId}`} underline="always">
                    {formatDate(l.date, i18n.language)}, {t("classTeacher.absences.lessonNumber", { n: l.lessonNumber })}, {l.subject.name}
                  </Anchor>
                  {isPhone && (
                    <Text size="sm" c="dimmed">
                      {l.teacher.displayName}
                    </Text>
                  )}
                </Table.Td>
                {!isPhone && <Table.Td>{l.teacher.displayName}</Table.Td>}
                <Table.Td>{l.missing.map((m) => t(MISSING_KEYS[m])).join(", ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
