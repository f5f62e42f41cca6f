import { Alert, Button, FileInput, Group, Stack, Text } from "@mantine/core";
import { PLAN_COLUMNS, PLAN_IMPORT_MAX_BYTES, type PlanImportReport } from "@otmetka/core/contracts/lesson-plans.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/i18n.ts";
import { ImportReportView } from "../imports/ImportReportView.tsx";
import { importPlanFile, lessonKeys, planReportOf, planTemplateUrl } from "./lessons-api.ts";

/**
 * Filling a plan from a CSV or XLSX file: download a template, check the file (every row
 * reported, nothing written), then import — the file replaces the plan's rows, all or none.
 */
export function PlanImport({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<{ report: PlanImportReport; key: string } | null>(null);
  const [done, setDone] = useState<PlanImportReport | null>(null);
  const key = `${planId}|${file?.name}|${file?.size}|${file?.lastModified}`;
  const current = report?.key === key ? report.report : null;

  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error("no file");
      return importPlanFile(planId, file, dryRun);
    },
    onMutate: () => setDone(null),
    onSuccess: (result, dryRun) => {
      if (dryRun) {
        setReport({ report: result, key });
        return;
      }
      setReport(null);
      setFile(null);
      setDone(result);
      void queryClient.invalidateQueries({ queryKey: lessonKeys.all });
    },
    onError: (error) => {
      const refused = planReportOf(error);
      setReport(refused ? { report: refused, key } : null);
    },
  });
  const tooBig = file !== null && file.size > PLAN_IMPORT_MAX_BYTES;
  const canImport = current?.dryRun === true && current.summary.errors === 0 && !current.fileIssues.some((i) => i.severity === "error");

  return (
    <Stack gap="sm">
      <Text size="sm">{t("lessons.import.intro", { columns: PLAN_COLUMNS.map((c) => c.header).join(", ") })}</Text>
      <Group gap="sm" wrap="wrap">
        <Button component="a" href={planTemplateUrl("xlsx")} download variant="light">
          {t("lessons.import.templateXlsx")}
        </Button>
        <Button component="a" href={planTemplateUrl("csv")} download variant="light">
          {t("lessons.import.templateCsv")}
        </Button>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <FileInput
          label={t("lessons.import.file")}
          placeholder={t("lessons.import.filePlaceholder")}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
          {t("lessons.import.check")}
        </Button>
      </Group>
      {run.isError && !current && <Alert color="red">{errorMessage(t, run.error)}</Alert>}
      {done && (
        <Alert color="blue" title={t("lessons.import.doneTitle")}>
          {t("lessons.import.doneText", { ...done.summary, removed: done.removed })}
        </Alert>
      )}
      {current && (
        <Stack gap="sm">
          <ImportReportView key={key} report={current} />
          {current.rows.length > 0 && (
            <Group gap="sm">
              <Button onClick={() => run.mutate(false)} disabled={!canImport} loading={run.isPending && run.variables === false}>
                {t("lessons.import.run")}
              </Button>
              {!canImport && (
                <Text size="sm" c="dimmed">
                  {t("lessons.import.fixFirst")}
                </Text>
              )}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
