import {
  Alert,
  Badge,
  Button,
  Collapse,
  FileInput,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IMPORT_COLUMNS, IMPORT_KINDS, IMPORT_MAX_BYTES, type ImportKind, type ImportReport } from "@otmetka/core/contracts/imports.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, type TranslationKey } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { useIsPhone } from "../people/use-is-phone.ts";
import { useYears } from "../structure/structure-api.ts";
import { ImportReportView } from "./ImportReportView.tsx";
import { reportOf, templateUrl, uploadRoster } from "./imports-api.ts";

/** Kinds whose rows belong to an academic year (the server picks the current one unless told). */
const NEEDS_YEAR: readonly ImportKind[] = ["classes", "students"];

interface Outcome {
  report: ImportReport;
  /** The file and settings the report is about: a change of any of them needs a new check. */
  key: string;
  error: unknown;
}

/**
 * Roster import for admins: pick the list, download its template, choose the file, check it
 * (every row reported, nothing written), then import — possible only when the check found no
 * errors; the server checks again and writes all rows or none.
 */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t("imports.title"));
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>("teachers");
  const [file, setFile] = useState<File | null>(null);
  const [yearId, setYearId] = useState<string | null>(null);
  const [showColumns, setShowColumns] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const years = useYears();
  const needsYear = NEEDS_YEAR.includes(kind);
  const key = `${kind}|${needsYear ? (yearId ?? "") : ""}|${file?.name}|${file?.size}|${file?.lastModified}`;
  const current = outcome?.key === key ? outcome : null;

  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error("no file");
      return uploadRoster(kind, file, { dryRun, academicYearId: needsYear ? yearId : null });
    },
    onMutate: () => setDone(null),
    onSuccess: (report, dryRun) => {
      if (dryRun) {
        setOutcome({ report, key, error: null });
        return;
      }
      setOutcome(null);
      setFile(null);
      setDone(report);
      void queryClient.invalidateQueries({ queryKey: ["people"] });
      void queryClient.invalidateQueries({ queryKey: ["structure"] });
    },
    onError: (error) => {
      const report = reportOf(error);
      setOutcome(report ? { report, key, error } : null);
    },
  });

  const choose = (next: ImportKind) => {
    setKind(next);
    setFile(null);
    setOutcome(null);
    setDone(null);
  };
  const tooBig = file !== null && file.size > IMPORT_MAX_BYTES;
  const report = current?.report;
  const canImport = Boolean(report?.dryRun) && report?.summary.errors === 0 && !report.fileIssues.some((i) => i.severity === "error");
  const nextKind = done ? IMPORT_KINDS[IMPORT_KINDS.indexOf(done.kind) + 1] : undefined;
  const yearOptions = (years.data?.items ?? []).filter((y) => !y.archived).map((y) => ({ value: y.id, label: y.name }));

  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t("imports.title")}</Title>
      <Text>{t("imports.intro")}</Text>
      <Text size="sm" c="dimmed">
        {t("imports.order")}
      </Text>

      <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md">
        <Stack gap="sm">
          <div>
            <Text component="label" id="import-kind" fw={500} size="sm" mb={4} display="block">
              {t("imports.kind.label")}
            </Text>
            <SegmentedControl
              aria-labelledby="import-kind"
              value={kind}
              onChange={(v) => choose(v as ImportKind)}
              orientation={isPhone ? "vertical" : "horizontal"}
              fullWidth={isPhone}
              data={IMPORT_KINDS.map((k, i) => ({ value: k, label: `${i + 1}. ${t(`imports.kind.${k}`)}` }))}
            />
          </div>
          <Text size="sm">{t(`imports.kindHint.${kind}`)}</Text>
          <Group gap="sm" wrap="wrap">
            <Button component="a" href={templateUrl(kind)} download variant="light">
              {t("imports.template")}
            </Button>
            <Button variant="subtle" onClick={() => setShowColumns((v) => !v)} aria-expanded={showColumns} aria-controls="import-columns">
              {showColumns ? t("imports.columns.hide") : t("imports.columns.show")}
            </Button>
          </Group>
          <Collapse expanded={showColumns} id="import-columns">
            <ColumnList kind={kind} />
          </Collapse>
        </Stack>
      </Paper>

      <Group align="flex-end" wrap="wrap" gap="sm">
        {needsYear && (
          <Select
            label={t("imports.year.label")}
            placeholder={t("imports.year.auto")}
            clearable
            data={yearOptions}
            value={yearId}
            onChange={setYearId}
            w={{ base: "100%", xs: 200 }}
          />
        )}
        <FileInput
          label={t("imports.file.label")}
          placeholder={t("imports.file.placeholder")}
          accept=".csv,.txt,text/csv"
          clearable
          value={file}
          onChange={(f) => {
            setFile(f);
            setDone(null);
          }}
          error={tooBig ? t("error.payload_too_large") : undefined}
          styles={{ placeholder: { color: "var(--mantine-color-dimmed)" } }}
          w={{ base: "100%", xs: 360 }}
        />
        <Button onClick={() => run.mutate(true)} disabled={!file || tooBig} loading={run.isPending && run.variables === true}>
          {t("imports.check")}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={-8}>
        {t("imports.file.hint")}
      </Text>

      {run.isError && !current && <Alert color="red">{errorMessage(t, run.error)}</Alert>}
      {current?.error != null && current.report.dryRun === false && (
        <Alert color="red" title={t("imports.failed")}>
          {errorMessage(t, current.error)}
        </Alert>
      )}

      {done && (
        <Alert color="green" title={t("imports.done.title")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("imports.done.text", done.summary)}</Text>
            {nextKind && (
              <Button size="xs" variant="light" onClick={() => choose(nextKind)}>
                {t("imports.done.next", { kind: t(`imports.kind.${nextKind}`) })}
              </Button>
            )}
          </Stack>
        </Alert>
      )}

      {report && (
        <Stack gap="sm">
          {file && (
            <Text size="sm" c="dimmed">
              {t("imports.checked", { file: file.name })}
            </Text>
          )}
          <ImportReportView key={current.key} report={report} />
          {report.rows.length > 0 && (
            <Group gap="sm" wrap="wrap">
              <Button
                color="green"
                disabled={!canImport}
                loading={run.isPending && run.variables === false}
                onClick={() => run.mutate(false)}
              >
                {t("imports.import")}
              </Button>
              {!canImport && (
                <Text size="sm" c="red.8">
                  {t("imports.importBlocked")}
                </Text>
              )}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The template's columns with what to write in each. */
function ColumnList({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Tbody>
        {IMPORT_COLUMNS[kind].map((c) => (
          <Table.Tr key={c.key}>
            <Table.Td fw={500} w="40%">
              {c.header}{" "}
              {c.required && (
                <Badge size="xs" variant="light" color="red" style={{ textTransform: "none" }}>
                  {t("imports.columns.required")}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              {t(`imports.columns.hint.${c.key}` as TranslationKey)}{" "}
              <Text span size="xs" c="dimmed">
                ({c.example})
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
