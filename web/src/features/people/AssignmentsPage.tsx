import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Switch, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { staffEndpoints, type TeachingAssignmentView } from "@otmetka/core/contracts/staff.ts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { AssignmentModal } from "./AssignmentModal.tsx";
import { ConfirmModal } from "./ConfirmModal.tsx";
import { peopleKeys, useClasses, useInvalidatePeople, useTeachers } from "./people-api.ts";
import { useIsPhone } from "./use-is-phone.ts";

/** Teaching load: who teaches which subject to which class or subgroup, by class or by teacher. */
export function AssignmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t("people.assignments.title"));
  const [by, setBy] = useState<"class" | "teacher">("class");
  const [selected, setSelected] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const [archiving, setArchiving] = useState<TeachingAssignmentView | null>(null);
  const invalidate = useInvalidatePeople();
  const isPhone = useIsPhone();
  const classes = useClasses();
  const teachers = useTeachers();
  const filter = {
    ...(selected ? (by === "class" ? { classId: selected } : { teacherId: selected }) : {}),
    ...(showArchived ? { includeArchived: "true" } : {}),
  };
  const assignments = useQuery({
    queryKey: peopleKeys.assignments(filter),
    queryFn: () => call(staffEndpoints.listAssignments, { query: filter }),
  });
  const options =
    by === "class"
      ? (classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))
      : (teachers.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }));

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("people.assignments.title")}</Title>
        <Button onClick={() => setAdding(true)}>{t("people.assignments.add")}</Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t("people.assignments.by")}
          value={by}
          onChange={(v) => {
            setBy(v as "class" | "teacher");
            setSelected(null);
          }}
          data={[
            { value: "class", label: t("people.assignments.byClass") },
            { value: "teacher", label: t("people.assignments.byTeacher") },
          ]}
        />
        <Select
          aria-label={by === "class" ? t("people.field.class") : t("people.field.teacher")}
          placeholder={by === "class" ? t("people.students.allClasses") : t("people.assignments.allTeachers")}
          clearable
          searchable
          data={options}
          value={selected}
          onChange={setSelected}
          w={{ base: "100%", xs: 260 }}
        />
        <Switch
          label={t("people.common.showArchived")}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {assignments.isError && <Alert color="red">{errorMessage(t, assignments.error)}</Alert>}
      {isPhone ? (
        <Stack gap="xs">
          {assignments.data?.items.map((a) => (
            <Paper key={a.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={500}>
                    {a.class.name} · {a.subject.name}
                  </Text>
                  <Text size="sm">{a.teacher.displayName}</Text>
                  <Text size="sm" c="dimmed">
                    {a.group?.name ?? t("people.enrolment.wholeClass")}
                    {a.archived && ` · ${t("people.common.archived")}`}
                  </Text>
                </div>
                <ArchiveButton a={a} onClick={setArchiving} />
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("people.field.class")}</Table.Th>
              <Table.Th>{t("people.field.subject")}</Table.Th>
              <Table.Th>{t("people.field.group")}</Table.Th>
              <Table.Th>{t("people.field.teacher")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("people.common.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assignments.data?.items.map((a) => (
              <Table.Tr key={a.id} c={a.archived ? "dimmed" : undefined}>
                <Table.Td fw={500}>{a.class.name}</Table.Td>
                <Table.Td>{a.subject.name}</Table.Td>
                <Table.Td>{a.group?.name ?? t("people.enrolment.wholeClass")}</Table.Td>
                <Table.Td>{a.teacher.displayName}</Table.Td>
                <Table.Td ta="right">{a.archived ? t("people.common.archived") : <ArchiveButton a={a} onClick={setArchiving} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {assignments.data?.items.length === 0 && <Text c="dimmed">{t("people.common.empty")}</Text>}
      {adding && (
        <AssignmentModal
          initial={by === "class" ? { classId: selected } : { teacherId: selected }}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void invalidate();
          }}
        />
      )}
      {archiving && (
        <ConfirmModal
          opened
          title={t("people.assignments.archiveTitle")}
          text={t("people.assignments.archiveText", {
            teacher: archiving.teacher.displayName,
            subject: archiving.subject.name,
            name: archiving.class.name,
          })}
          confirmLabel={t("people.assignments.remove")}
          onClose={() => setArchiving(null)}
          action={() => call(staffEndpoints.archiveAssignment, { params: { assignmentId: archiving.id } })}
          onDone={() => {
            setArchiving(null);
            void invalidate();
          }}
        />
      )}
    </Stack>
  );
}

function ArchiveButton({ a, onClick }: { a: TeachingAssignmentView; onClick: (a: TeachingAssignmentView) => void }) {
  const { t } = useTranslation();
  if (!a.abilities.archive) return null;
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      color="gray"
      style={{ flexShrink: 0 }}
      onClick={() => onClick(a)}
      aria-label={t("people.assignments.removeFor", { teacher: a.teacher.displayName, subject: a.subject.name, name: a.class.name })}
    >
      {t("people.assignments.remove")}
    </Button>
  );
}
