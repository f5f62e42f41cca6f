import { Alert, Anchor, Button, Group, Paper, Select, Stack, Switch, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { type ClassView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { ArchivedBadge } from "./ArchivedBadge.tsx";
import { ClassModal } from "./ClassModal.tsx";
import { GroupsModal } from "./GroupsModal.tsx";
import { RowActions } from "./RowActions.tsx";
import { StructureConfirm } from "./StructureConfirm.tsx";
import { defaultYearId, useClassList, useInvalidateStructure, useYears } from "./structure-api.ts";
import { formErrorsOf } from "./structure-errors.ts";
import { useIsPhone } from "./use-is-phone.ts";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; klass: ClassView }
  | { kind: "groups"; klass: ClassView }
  | { kind: "archive"; klass: ClassView }
  | null;

/** Classes of a year with their class teachers and subgroups. */
export function ClassesPage() {
  const { t } = useTranslation();
  usePageTitle(t("structure.classes.title"));
  const isPhone = useIsPhone();
  const years = useYears(true);
  const [chosenYear, setChosenYear] = useState<string | null>(null);
  const yearId = chosenYear ?? defaultYearId((years.data?.items ?? []).filter((y) => !y.archived)) ?? years.data?.items[0]?.id ?? null;
  const [showArchived, setShowArchived] = useState(false);
  const classes = useClassList(yearId, showArchived);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invalidate = useInvalidateStructure();
  const restore = useMutation({
    mutationFn: (c: ClassView) => call(e.restoreClass, { params: { classId: c.id } }),
    onSuccess: () => invalidate(),
    onError: (error) => setNotice(Object.values(formErrorsOf(t, error).fields)[0] ?? formErrorsOf(t, error).form),
  });
  const done = () => {
    setDialog(null);
    void invalidate();
  };
  const year = years.data?.items.find((y) => y.id === yearId);
  const items = classes.data?.items ?? [];
  const actionsOf = (c: ClassView) => [
    c.abilities.edit && { label: t("structure.common.edit"), onClick: () => setDialog({ kind: "edit", klass: c }) },
    { label: t("structure.classes.groups"), onClick: () => setDialog({ kind: "groups", klass: c }) },
    c.abilities.restore && { label: t("structure.common.restore"), onClick: () => restore.mutate(c) },
    c.abilities.archive && { label: t("structure.common.archive"), onClick: () => setDialog({ kind: "archive", klass: c }), danger: true },
  ];
  const groupsText = (c: ClassView) => (c.groups.length ? c.groups.map((g) => g.name).join(", ") : "—");

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("structure.classes.title")}</Title>
        {year && !year.archived && <Button onClick={() => setDialog({ kind: "create" })}>{t("structure.classes.add")}</Button>}
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("structure.classes.year")}
          data={(years.data?.items ?? []).map((y) => ({
            value: y.id,
            label: y.archived ? `${y.name} (${t("structure.common.archived")})` : y.name,
          }))}
          value={yearId}
          onChange={setChosenYear}
          allowDeselect={false}
          w={240}
        />
        <Switch
          label={t("structure.classes.showArchived")}
          checked={showArchived}
          onChange={(ev) => setShowArchived(ev.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {years.isSuccess && years.data.items.length === 0 && (
        <Alert variant="light">
          {t("structure.classes.noYears")}{" "}
          <Anchor component={Link} to="/calendar" underline="always">
            {t("structure.calendar.title")}
          </Anchor>
        </Alert>
      )}
      {notice && (
        <Alert
          color="red"
          variant="light"
          withCloseButton
          closeButtonLabel={t("structure.common.close")}
          onClose={() => setNotice(null)}
          role="alert"
        >
          {notice}
        </Alert>
      )}
      {classes.isError && <Alert color="red">{errorMessage(t, classes.error)}</Alert>}
      {classes.isSuccess && yearId && items.length === 0 && <Text c="dimmed">{t("structure.classes.empty")}</Text>}
      {items.length > 0 && isPhone && (
        <Stack gap="xs">
          {items.map((c) => (
            <Paper key={c.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600} size="lg">
                      {c.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t("structure.classes.shiftN", { n: c.shift })}
                    </Text>
                    {c.archived && <ArchivedBadge />}
                  </Group>
                  <Text size="sm">
                    {t("structure.classes.classTeacher")}: {c.classTeacher?.displayName ?? "—"}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t("structure.classes.groups")}: {groupsText(c)}
                  </Text>
                </Stack>
                <RowActions name={c.name} actions={actionsOf(c)} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {items.length > 0 && !isPhone && (
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("structure.classes.class")}</Table.Th>
              <Table.Th>{t("structure.classes.shift")}</Table.Th>
              <Table.Th>{t("structure.classes.classTeacher")}</Table.Th>
              <Table.Th>{t("structure.classes.groups")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("structure.common.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {c.name}
                    </Text>
                    {c.archived && <ArchivedBadge />}
                  </Group>
                </Table.Td>
                <Table.Td>{c.shift}</Table.Td>
                <Table.Td>{c.classTeacher?.displayName ?? <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{groupsText(c)}</Table.Td>
                <Table.Td ta="right">
                  <RowActions name={c.name} actions={actionsOf(c)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {dialog?.kind === "create" && <ClassModal klass={null} yearId={yearId} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "edit" && <ClassModal klass={dialog.klass} yearId={yearId} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "groups" && <GroupsModal klass={dialog.klass} onClose={() => setDialog(null)} />}
      {dialog?.kind === "archive" && (
        <StructureConfirm
          title={t("structure.classes.archiveTitle")}
          text={t("structure.classes.archiveText", { name: dialog.klass.name })}
          confirmLabel={t("structure.common.archive")}
          onClose={() => setDialog(null)}
          action={() => call(e.archiveClass, { params: { classId: dialog.klass.id } })}
          onDone={done}
        />
      )}
    </Stack>
  );
}
