import { Alert, Button, Group, Paper, Stack, Switch, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { structureEndpoints as e, type SubjectView } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { ArchivedBadge } from "./ArchivedBadge.tsx";
import { RowActions } from "./RowActions.tsx";
import { StructureConfirm } from "./StructureConfirm.tsx";
import { SubjectModal } from "./SubjectModal.tsx";
import { useInvalidateStructure, useSubjectList } from "./structure-api.ts";
import { formErrorsOf } from "./structure-errors.ts";
import { useIsPhone } from "./use-is-phone.ts";

type Dialog = { kind: "create" } | { kind: "edit"; subject: SubjectView } | { kind: "archive"; subject: SubjectView } | null;

/** The school's subjects: add, rename, archive and bring back. */
export function SubjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t("structure.subjects.title"));
  const isPhone = useIsPhone();
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const subjects = useSubjectList(showArchived);
  const invalidate = useInvalidateStructure();
  const restore = useMutation({
    mutationFn: (s: SubjectView) => call(e.restoreSubject, { params: { subjectId: s.id } }),
    onSuccess: () => invalidate(),
    onError: (error) => setNotice(formErrorsOf(t, error).fields.name ?? formErrorsOf(t, error).form),
  });
  const done = () => {
    setDialog(null);
    void invalidate();
  };
  const actionsOf = (s: SubjectView) => [
    s.abilities.edit && { label: t("structure.common.edit"), onClick: () => setDialog({ kind: "edit", subject: s }) },
    s.abilities.restore && { label: t("structure.common.restore"), onClick: () => restore.mutate(s) },
    s.abilities.archive && {
      label: t("structure.common.archive"),
      onClick: () => setDialog({ kind: "archive", subject: s }),
      danger: true,
    },
  ];
  const items = subjects.data?.items ?? [];

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("structure.subjects.title")}</Title>
        <Button onClick={() => setDialog({ kind: "create" })}>{t("structure.subjects.add")}</Button>
      </Group>
      <Switch
        label={t("structure.common.showArchived")}
        checked={showArchived}
        onChange={(ev) => setShowArchived(ev.currentTarget.checked)}
      />
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
      {subjects.isError && <Alert color="red">{errorMessage(t, subjects.error)}</Alert>}
      {subjects.isSuccess && items.length === 0 && <Text c="dimmed">{t("structure.subjects.empty")}</Text>}
      {items.length > 0 && isPhone && (
        <Stack gap="xs">
          {items.map((s) => (
            <Paper key={s.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={500}>{s.name}</Text>
                  <Text size="sm" c="dimmed">
                    {s.shortName}
                  </Text>
                  {s.archived && <ArchivedBadge />}
                </Stack>
                <RowActions name={s.name} actions={actionsOf(s)} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {items.length > 0 && !isPhone && (
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("structure.subjects.name")}</Table.Th>
              <Table.Th>{t("structure.subjects.shortName")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("structure.common.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={500} size="sm">
                      {s.name}
                    </Text>
                    {s.archived && <ArchivedBadge />}
                  </Group>
                </Table.Td>
                <Table.Td>{s.shortName}</Table.Td>
                <Table.Td ta="right">
                  <RowActions name={s.name} actions={actionsOf(s)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {dialog?.kind === "create" && <SubjectModal subject={null} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "edit" && <SubjectModal subject={dialog.subject} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "archive" && (
        <StructureConfirm
          title={t("structure.subjects.archiveTitle")}
          text={t("structure.subjects.archiveText", { name: dialog.subject.name })}
          confirmLabel={t("structure.common.archive")}
          onClose={() => setDialog(null)}
          action={() => call(e.archiveSubject, { params: { subjectId: dialog.subject.id } })}
          onDone={done}
        />
      )}
    </Stack>
  );
}
