import { Badge, Button, Collapse, Group, Paper, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import type { AuditEventView } from "@otmetka/core/contracts/audit.ts";
import type { TFunction } from "i18next";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../people/use-is-phone.ts";
import { type AuditNavigation, AuditDetails } from "./AuditDetails.tsx";
import { actionLabel, entityLabel, formatEventTime, shortId } from "./audit-labels.ts";

/** Events as a table on wide screens and as cards on a phone; each opens to show what changed. */
export function AuditList({ events, navigate }: { events: AuditEventView[]; navigate: AuditNavigation }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  const toggleButton = (e: AuditEventView) => (
    <Button
      variant="subtle"
      size="compact-sm"
      onClick={() => toggle(e.seq)}
      aria-expanded={open.has(e.seq)}
      aria-controls={`audit-${e.seq}`}
    >
      {open.has(e.seq) ? t("audit.list.hide") : t("audit.list.show")}
      <VisuallyHidden>{t("audit.list.ofEvent", { seq: e.seq })}</VisuallyHidden>
    </Button>
  );

  if (isPhone) {
    return (
      <Stack gap="xs">
        {events.map((e) => (
          <Paper key={e.seq} withBorder p="sm" radius="md" component="article" aria-label={t("audit.list.ofEvent", { seq: e.seq })}>
            <Stack gap={4}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  №{e.seq} · {formatEventTime(e.occurredAt, i18n.language)}
                </Text>
                <ActionBadge t={t} action={e.action} />
              </Group>
              <Text fw={500}>{e.actor?.displayName || t("audit.list.system")}</Text>
              <Text size="sm">
                {entityLabel(t, e.entity)}{" "}
                <Text span c="dimmed">
                  {shortId(e.entityId)}
                </Text>
              </Text>
              {e.reason && <Text size="sm">«{e.reason}»</Text>}
              <div>{toggleButton(e)}</div>
              <Collapse expanded={open.has(e.seq)} keepMounted={false} id={`audit-${e.seq}`}>
                <AuditDetails event={e} navigate={navigate} />
              </Collapse>
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table striped highlightOnHover verticalSpacing="xs" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64}>№</Table.Th>
          <Table.Th w={170}>{t("audit.list.time")}</Table.Th>
          <Table.Th>{t("audit.list.actor")}</Table.Th>
          <Table.Th>{t("audit.list.record")}</Table.Th>
          <Table.Th w={150}>{t("audit.list.action")}</Table.Th>
          <Table.Th>{t("audit.list.reason")}</Table.Th>
          <Table.Th w={120}>
            <VisuallyHidden>{t("audit.list.changes")}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((e) => (
          <Fragment key={e.seq}>
            <Table.Tr>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatEventTime(e.occurredAt, i18n.language)}</Table.Td>
              <Table.Td>{e.actor?.displayName || <Text c="dimmed">{t("audit.list.system")}</Text>}</Table.Td>
              <Table.Td>
                {entityLabel(t, e.entity)}{" "}
                <Text span size="sm" c="dimmed" title={e.entityId}>
                  {shortId(e.entityId)}
                </Text>
              </Table.Td>
              <Table.Td>
                <ActionBadge t={t} action={e.action} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {e.reason}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{toggleButton(e)}</Table.Td>
            </Table.Tr>
            {open.has(e.seq) && (
              <Table.Tr id={`audit-${e.seq}`}>
                <Table.Td colSpan={7} bg="var(--mantine-color-body)">
                  <AuditDetails event={e} navigate={navigate} />
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const ACTION_COLORS: Record<string, string> = { create: "indigo", update: "blue", archive: "gray", delete: "red", restore: "violet" };

function ActionBadge({ t, action }: { t: TFunction; action: string }) {
  return (
    <Badge variant="light" color={ACTION_COLORS[action] ?? "violet"} style={{ textTransform: "none" }}>
      {actionLabel(t, action)}
    </Badge>
  );
}
