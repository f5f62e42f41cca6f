import { Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { type AbsenceRow, classTeacherEndpoints } from "@otmetka/core/contracts/class-teacher.ts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { formatDate } from "../people/people-format.ts";
import { useIsPhone } from "../people/use-is-phone.ts";

const STATE_KEYS = {
  ABSENT_UNEXCUSED: "classTeacher.state.unexcused",
  ABSENT_ILLNESS: "classTeacher.state.illness",
  ABSENT_EXCUSED: "classTeacher.state.excused",
  LATE: "classTeacher.state.late",
} as const;

interface Excuse {
  studentId: string;
  studentName: string;
  from: string;
  to: string;
}

export function AbsencesPanel({ classId, from, to }: { classId: string; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [excuse, setExcuse] = useState<Excuse | null>(null);
  const absences = useQuery({
    queryKey: ["class-teacher", "absences", classId, from, to],
    queryFn: () => call(classTeacherEndpoints.absences, { params: { classId }, query: { from, to } }),
    enabled: from <= to,
  });
  if (from > to) return <Alert color="red">{t("classTeacher.badRange")}</Alert>;
  if (absences.isError) return <Alert color="red">{errorMessage(t, absences.error)}</Alert>;
  if (!absences.data) return <Text c="dimmed">{t("classTeacher.loading")}</Text>;
  const items = absences.data.items;
  const unexcused = items.filter((i) => i.state === "ABSENT_UNEXCUSED" && !i.locked).length;

  return (
    <Stack gap="sm">
      <Text>{t("classTeacher.absences.summary", { count: items.length, unexcused })}</Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t("classTeacher.absences.none")}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("classTeacher.absences.date")}</Table.Th>
              <Table.Th>{t("classTeacher.absences.student")}</Table.Th>
              {!isPhone && <Table.Th>{t("classTeacher.absences.subject")}</Table.Th>}
              <Table.Th>{t("classTeacher.absences.state")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("classTeacher.absences.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={`${row.lessonId}:${row.studentId}`}>
                <Table.Td>
                  {formatDate(row.date, i18n.language)}, {t("classTeacher.absences.lessonNumber", { n: row.lessonNumber })}
                </Table.Td>
                <Table.Td>
                  {row.studentName}
                  {isPhone && (
                    <Text size="sm" c="dimmed">
                      {row.subject.name}
                    </Text>
                  )}
                </Table.Td>
                {!isPhone && <Table.Td>{row.subject.name}</Table.Td>}
                <Table.Td>
                  <StateLabel row={row} />
                </Table.Td>
                <Table.Td>
                  {row.state === "ABSENT_UNEXCUSED" && !row.locked && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => setExcuse({ studentId: row.studentId, studentName: row.studentName, from: row.date, to: row.date })}
                      aria-label={t("classTeacher.excuse.forStudent", { name: row.studentName, date: formatDate(row.date, i18n.language) })}
                    >
                      {t("classTeacher.excuse.open")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {excuse && <ExcuseModal classId={classId} initial={excuse} onClose={() => setExcuse(null)} />}
    </Stack>
  );
}

function ExcuseModal({ classId, initial, onClose }: { classId: string; initial: Excuse; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [state, setState] = useState<"ABSENT_ILLNESS" | "ABSENT_EXCUSED">("ABSENT_ILLNESS");
  const [note, setNote] = useState("");
  const save = useMutation({
    mutationFn: () =>
      call(classTeacherEndpoints.excuseAbsences, { params: { classId }, body: { studentId: initial.studentId, from, to, state, note } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["class-teacher"] }),
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t("classTeacher.excuse.title", { name: initial.studentName })}
      closeButtonProps={{ "aria-label": t("classTeacher.close") }}
    >
      {save.data ? (
        <Stack>
          <Alert color="blue">
            {t("classTeacher.excuse.done", { count: save.data.changed })}
            {save.data.lockedSkipped > 0 && ` ${t("classTeacher.excuse.skipped", { count: save.data.lockedSkipped })}`}
          </Alert>
          <Button onClick={onClose}>{t("classTeacher.close")}</Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <Text size="sm">{t("classTeacher.excuse.explain")}</Text>
            <Group grow>
              <TextInput
                label={t("classTeacher.from")}
                type="date"
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
                required
              />
              <TextInput label={t("classTeacher.to")} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} required />
            </Group>
            <Select
              label={t("classTeacher.excuse.state")}
              data={[
                { value: "ABSENT_ILLNESS", label: t("classTeacher.state.illness") },
                { value: "ABSENT_EXCUSED", label: t("classTeacher.state.excused") },
              ]}
              value={state}
              onChange={(v) => v && setState(v as typeof state)}
              allowDeselect={false}
            />
            <TextInput
              label={t("classTeacher.excuse.note")}
              description={t("classTeacher.excuse.noteHint")}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              required
              maxLength={300}
            />
            {save.isError && <Alert color="red">{errorMessage(t, save.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t("classTeacher.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("classTeacher.excuse.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function StateLabel({ row }: { row: AbsenceRow }) {
  const { t } = useTranslation();
  const label = t(STATE_KEYS[row.state]);
  return (
    <Group gap={6}>
      <Text
        size="sm"
        fw={row.state === "ABSENT_UNEXCUSED" ? 700 : 400}
        c={row.state === "ABSENT_UNEXCUSED" ? "var(--mantine-color-red-text)" : undefined}
      >
        {row.state === "LATE" && row.lateMinutes ? t("classTeacher.state.lateMinutes", { n: row.lateMinutes }) : label}
      </Text>
      {row.locked && (
        <Text size="sm" c="dimmed">
          {t("classTeacher.absences.locked")}
        </Text>
      )}
    </Group>
  );
}
