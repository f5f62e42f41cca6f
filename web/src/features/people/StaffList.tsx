import { Badge, Button, Group, Menu, Paper, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import type { StaffMember } from "@otmetka/core/contracts/staff.ts";
import { useTranslation } from "react-i18next";
import { formatPhone } from "./people-format.ts";
import { useIsPhone } from "./use-is-phone.ts";

export interface StaffActions {
  edit(m: StaffMember): void;
  invite(m: StaffMember): void;
  archive(m: StaffMember): void;
}

/** The staff as a table on wide screens and as cards on a phone. */
export function StaffList({ items, actions }: { items: StaffMember[]; actions: StaffActions }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  if (isPhone) {
    return (
      <Stack gap="xs">
        {items.map((m) => (
          <Paper key={m.userId} withBorder p="sm" radius="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Text fw={500}>{m.displayName}</Text>
                <StatusBadges m={m} />
                <Text size="sm">{m.email}</Text>
                <Text size="sm">{formatPhone(m.phone)}</Text>
                {m.classTeacherOf.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t("people.staff.classTeacherOf")}: {m.classTeacherOf.map((c) => c.name).join(", ")}
                  </Text>
                )}
              </Stack>
              <RowMenu m={m} actions={actions} />
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped highlightOnHover verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("people.field.fullName")}</Table.Th>
          <Table.Th>{t("people.field.contacts")}</Table.Th>
          <Table.Th>{t("people.staff.classTeacherOf")}</Table.Th>
          <Table.Th>
            <VisuallyHidden>{t("people.common.actions")}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((m) => (
          <Table.Tr key={m.userId}>
            <Table.Td>
              <Text fw={500}>{m.displayName}</Text>
              <StatusBadges m={m} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.email}</Text>
              <Text size="sm">{formatPhone(m.phone)}</Text>
            </Table.Td>
            <Table.Td>{m.classTeacherOf.map((c) => c.name).join(", ")}</Table.Td>
            <Table.Td ta="right">
              <RowMenu m={m} actions={actions} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function StatusBadges({ m }: { m: StaffMember }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} mt={2}>
      {m.roles.map((r) => (
        <Badge key={r} variant="outline" size="sm">
          {t(`people.role.${r}`)}
        </Badge>
      ))}
      {m.invited && !m.archived && (
        <Badge size="sm" variant="filled" color="yellow" autoContrast>
          {t("people.staff.invited")}
        </Badge>
      )}
      {m.archived && (
        <Badge size="sm" variant="light" color="gray">
          {t("people.common.archived")}
        </Badge>
      )}
    </Group>
  );
}

function RowMenu({ m, actions }: { m: StaffMember; actions: StaffActions }) {
  const { t } = useTranslation();
  if (!m.abilities.edit && !m.abilities.invite && !m.abilities.archive) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="xs" style={{ flexShrink: 0 }} aria-label={t("people.common.actionsFor", { name: m.displayName })}>
          {t("people.common.actions")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {m.abilities.edit && <Menu.Item onClick={() => actions.edit(m)}>{t("people.common.edit")}</Menu.Item>}
        {m.abilities.invite && <Menu.Item onClick={() => actions.invite(m)}>{t("people.staff.resendInvitation")}</Menu.Item>}
        {m.abilities.archive && (
          <Menu.Item color="red" onClick={() => actions.archive(m)}>
            {t("people.common.archive")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
