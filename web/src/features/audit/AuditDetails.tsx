import { Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { AuditEventView } from "@otmetka/core/contracts/audit.ts";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../people/use-is-phone.ts";
import { type DiffRow, diffOf } from "./audit-diff.ts";

/** Long names wrap inside the button instead of being cut off on a phone. */
const WRAP = { label: { whiteSpace: "normal" as const, textAlign: "left" as const } };

export interface AuditNavigation {
  /** Show only this user's changes. */
  byActor(actor: NonNullable<AuditEventView["actor"]>): void;
  /** Show only the events of this one record. */
  byRecord(entity: string, entityId: string): void;
}

/** What one event changed: the fields side by side (changed ones; the rest on request), and its ids. */
export function AuditDetails({ event, navigate }: { event: AuditEventView; navigate: AuditNavigation }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [showAll, setShowAll] = useState(false);
  const rows = diffOf(event.before, event.after);
  const changed = rows.filter((r) => r.changed);
  const unchanged = rows.length - changed.length;
  const visible = showAll ? rows : changed;
  const cell = (value: string | undefined) =>
    value === undefined ? (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    ) : (
      <Text span size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {value}
      </Text>
    );

  return (
    <Stack gap="sm">
      {visible.length > 0 && isPhone ? (
        <Stack gap="xs" role="list" aria-label={t("audit.details.caption")}>
          {visible.map((r) => (
            <Paper key={r.field} role="listitem" withBorder p="xs" bg={r.changed ? "var(--mantine-color-yellow-light)" : undefined}>
              <Code>{r.field || t("audit.details.value")}</Code>
              <SimpleGrid cols={2} spacing="xs" mt={4}>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {t("audit.details.before")}
                  </Text>
                  {cell(r.before)}
                </Stack>
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {t("audit.details.after")}
                  </Text>
                  {cell(r.after)}
                </Stack>
              </SimpleGrid>
            </Paper>
          ))}
        </Stack>
      ) : visible.length > 0 ? (
        <DiffTable rows={visible} cell={cell} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("audit.details.noChanges")}
        </Text>
      )}
      {unchanged > 0 && (
        <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll} w="fit-content">
          {showAll ? t("audit.details.hideUnchanged") : t("audit.details.showUnchanged", { count: unchanged })}
        </Button>
      )}
      <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
        {t("audit.details.recordId")}: <Code>{event.entityId}</Code>
        {event.requestId && (
          <>
            {" · "}
            {t("audit.details.requestId")}: <Code>{event.requestId}</Code>
          </>
        )}
      </Text>
      <Group gap="xs">
        <Button variant="light" size="compact-sm" onClick={() => navigate.byRecord(event.entity, event.entityId)}>
          {t("audit.details.recordHistory")}
        </Button>
        {event.actor && (
          <Button
            variant="light"
            size="compact-sm"
            h="auto"
            mih={26}
            styles={WRAP}
            onClick={() => event.actor && navigate.byActor(event.actor)}
          >
            {t("audit.details.actorHistory", { name: event.actor.displayName })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function DiffTable({ rows, cell }: { rows: DiffRow[]; cell(value: string | undefined): ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table layout="fixed" withTableBorder withColumnBorders verticalSpacing={4} aria-label={t("audit.details.caption")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">{t("audit.details.field")}</Table.Th>
          <Table.Th>{t("audit.details.before")}</Table.Th>
          <Table.Th>{t("audit.details.after")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.field} bg={r.changed ? "var(--mantine-color-yellow-light)" : undefined}>
            <Table.Td>
              <Code>{r.field || t("audit.details.value")}</Code>
            </Table.Td>
            <Table.Td>{cell(r.before)}</Table.Td>
            <Table.Td>{cell(r.after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
