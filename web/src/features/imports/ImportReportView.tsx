import { Alert, Badge, Group, List, Pagination, Paper, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import type { ImportReport, ImportRowReport } from "@otmetka/core/contracts/imports.ts";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../people/use-is-phone.ts";
import { changeText, issueText } from "./import-labels.ts";

const PAGE_SIZE = 100;
const STATUS_COLORS = { ok: "blue", warning: "yellow", error: "red" } as const;
const ACTION_COLORS = { create: "blue", update: "violet", skip: "gray" } as const;
/** Rows with a problem stand out; the colours carry text too (the status badge), never colour alone. */
const ROW_BACKGROUND = { ok: undefined, warning: "var(--mantine-color-yellow-light)", error: "var(--mantine-color-red-light)" } as const;

type Filter = "all" | "errors" | "warnings";

/** What the view shows of a report; other imports (a thematic plan) have no academic year. */
export type ImportReportLike = Pick<ImportReport, "fileIssues" | "rows" | "summary" | "encoding" | "delimiter"> &
  Partial<Pick<ImportReport, "academicYear">>;

/** The check's outcome: what the file holds, then every row with its status, action and remarks. */
export function ImportReportView({ report }: { report: ImportReportLike }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { summary } = report;
  const [filter, setFilter] = useState<Filter>(summary.errors > 0 ? "errors" : "all");
  const [page, setPage] = useState(1);
  const rows = report.rows.filter((r) => filter === "all" || (filter === "errors" ? r.status === "error" : r.status === "warning"));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const fileErrors = report.fileIssues.filter((i) => i.severity === "error");
  const fileWarnings = report.fileIssues.filter((i) => i.severity === "warning");
  const delimiter = report.delimiter === "\t" ? t("imports.summary.tab") : `«${report.delimiter}»`;

  return (
    <Stack gap="sm">
      {fileErrors.length > 0 && (
        <Alert color="red" title={t("imports.fileIssues")}>
          <List size="sm">
            {fileErrors.map((i) => (
              <List.Item key={`${i.code}-${i.message}`}>{issueText(t, i, false)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {fileWarnings.length > 0 && (
        <Alert color="yellow" title={t("imports.fileWarnings")}>
          <List size="sm">
            {fileWarnings.map((i) => (
              <List.Item key={`${i.code}-${i.message}`}>{issueText(t, i, false)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {report.rows.length > 0 && (
        <>
          <Stack gap={2} aria-live="polite">
            <Text fw={500}>
              {t("imports.summary.rows", { count: summary.rows })}: {t("imports.summary.counts", summary)}
            </Text>
            <Text size="sm">{t("imports.summary.actions", summary)}</Text>
            <Text size="sm" c="dimmed">
              {report.encoding && t("imports.summary.file", { encoding: report.encoding.toUpperCase(), delimiter })}
              {report.academicYear && ` · ${t("imports.summary.year", { year: report.academicYear.name })}`}
            </Text>
          </Stack>
          <SegmentedControl
            aria-label={t("imports.filter.label")}
            value={filter}
            onChange={(v) => {
              setFilter(v as Filter);
              setPage(1);
            }}
            orientation={isPhone ? "vertical" : "horizontal"}
            fullWidth={isPhone}
            data={[
              { value: "all", label: t("imports.filter.all", { count: summary.rows }) },
              { value: "errors", label: t("imports.filter.errors", { count: summary.errors }) },
              { value: "warnings", label: t("imports.filter.warnings", { count: summary.warnings }) },
            ]}
            style={{ alignSelf: isPhone ? "stretch" : "flex-start" }}
          />
          {shown.length === 0 && <Text c="dimmed">{t("imports.table.empty")}</Text>}
          {shown.length > 0 && (isPhone ? <RowCards rows={shown} t={t} /> : <RowTable rows={shown} t={t} />)}
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              aria-label={t("people.common.pages")}
              getItemProps={(p) => ({ "aria-label": t("pagination.page", { page: p }) })}
              getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function StatusBadge({ t, row }: { t: TFunction; row: ImportRowReport }) {
  return (
    <Badge
      color={STATUS_COLORS[row.status]}
      variant={row.status === "ok" ? "light" : "filled"}
      autoContrast
      style={{ textTransform: "none" }}
    >
      {t(`imports.status.${row.status}`)}
    </Badge>
  );
}

function ActionBadge({ t, row }: { t: TFunction; row: ImportRowReport }) {
  if (!row.action) return <Text c="dimmed">—</Text>;
  return (
    <Badge color={ACTION_COLORS[row.action]} variant="light" style={{ textTransform: "none" }}>
      {t(`imports.action.${row.action}`)}
    </Badge>
  );
}

/** Remarks first (errors before warnings), then what changes. */
function Notes({ t, row }: { t: TFunction; row: ImportRowReport }) {
  const issues = [...row.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  if (issues.length === 0 && row.changes.length === 0) return null;
  return (
    <Stack gap={2}>
      {issues.map((i) => (
        <Text
          key={`${i.code}-${i.column}-${i.message}`}
          size="sm"
          c={i.severity === "error" ? "red.8" : "yellow.9"}
          fw={i.severity === "error" ? 500 : 400}
          style={{ overflowWrap: "anywhere" }}
        >
          {issueText(t, i, true)}
        </Text>
      ))}
      {row.changes.map((c) => (
        <Text key={c.column} size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {changeText(c)}
        </Text>
      ))}
    </Stack>
  );
}

function RowTable({ rows, t }: { rows: ImportRowReport[]; t: TFunction }) {
  return (
    <Table verticalSpacing="xs" layout="fixed" withRowBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={72}>{t("imports.table.line")}</Table.Th>
          <Table.Th w={180}>{t("imports.table.status")}</Table.Th>
          <Table.Th w={120}>{t("imports.table.action")}</Table.Th>
          <Table.Th w="28%">{t("imports.table.record")}</Table.Th>
          <Table.Th>{t("imports.table.notes")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.line} bg={ROW_BACKGROUND[row.status]}>
            <Table.Td>{row.line}</Table.Td>
            <Table.Td>
              <StatusBadge t={t} row={row} />
            </Table.Td>
            <Table.Td>
              <ActionBadge t={t} row={row} />
            </Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{row.label}</Table.Td>
            <Table.Td>
              <Notes t={t} row={row} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RowCards({ rows, t }: { rows: ImportRowReport[]; t: TFunction }) {
  return (
    <Stack gap="xs">
      {rows.map((row) => (
        <Paper
          key={row.line}
          withBorder
          p="sm"
          radius="md"
          component="article"
          bg={ROW_BACKGROUND[row.status]}
          aria-label={t("imports.table.line_card", { line: row.line })}
        >
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t("imports.table.line_card", { line: row.line })}
              </Text>
              <Group gap={6} wrap="nowrap">
                {row.action && <ActionBadge t={t} row={row} />}
                <StatusBadge t={t} row={row} />
              </Group>
            </Group>
            <Text fw={500} style={{ overflowWrap: "anywhere" }}>
              {row.label}
            </Text>
            <Notes t={t} row={row} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
