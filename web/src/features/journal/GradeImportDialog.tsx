import { Alert, Button, FileInput, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { GRADE_IMPORT_MAX_BYTES, type GradeImportReport } from "@otmetka/core/contracts/grade-import.ts";
import type { JournalGrid, JournalQuery } from "@otmetka/core/contracts/journal.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/i18n.ts";
import { GradeImportReportView } from "./GradeImportReport.tsx";
import { gradeReportOf, gradeTemplateUrl, sendGradeFile } from "./grade-import-api.ts";
import { journalKeys } from "./journal-api.ts";

/** The journal toolbar's «Импорт отметок»: shown to those who may enter marks in the journal. */
export function GradeImportButton({ grid }: { grid: JournalGrid }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (!grid.abilities.edit) return null;
  const journal: JournalQuery = {
    classId: grid.class.id,
    subjectId: grid.subject.id,
    periodId: grid.period.id,
    ...(grid.group ? { groupId: grid.group.id } : {}),
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t("gradeImport.open")}
      </Button>
      {opened && <GradeImportDialog journal={journal} onClose={() => setOpened(false)} />}
    </>
  );
}

/**
 * Marks from a CSV or XLSX file: download the template, check the file (every row reported,
 * nothing written), then import — all rows or none. The grid refetches after an import.
 */
export function GradeImportDialog({ journal, onClose }: { journal: JournalQuery; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState("");
  const [checked, setChecked] = useState<{ report: GradeImportReport; key: string } | null>(null);
  const [done, setDone] = useState<GradeImportReport | null>(null);
  // A report belongs to the file and the reason it was made with; changing either asks for a new check.
  const key = `${file?.name}|${file?.size}|${file?.lastModified}|${reason.trim()}`;
  const current = checked?.key === key ? checked.report : null;

  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error("no file");
      return sendGradeFile(journal, file, { dryRun, reason: reason.trim() });
    },
    onMutate: () => setDone(null),
    onSuccess: (report, dryRun) => {
      if (dryRun) {
        setChecked({ report, key });
        return;
      }
      setChecked(null);
      setFile(null);
      setDone(report);
      void queryClient.invalidateQueries({ queryKey: journalKeys.all });
    },
    onError: (error) => {
      const refused = gradeReportOf(error);
      setChecked(refused ? { report: refused, key } : null);
    },
  });
  const tooBig = file !== null && file.size > GRADE_IMPORT_MAX_BYTES;
  const canImport = current?.dryRun === true && current.errors.length === 0 && current.changes.length > 0;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t("gradeImport.title")}
      size="xl"
      fullScreen={isPhone}
      closeButtonProps={{ "aria-label": t("gradeImport.close") }}
    >
      <Stack gap="sm">
        <Text size="sm">{t("gradeImport.intro")}</Text>
        <Group gap="sm" wrap="wrap">
          <Button component="a" href={gradeTemplateUrl(journal, "xlsx")} download variant="light">
            {t("gradeImport.templateXlsx")}
          </Button>
          <Button component="a" href={gradeTemplateUrl(journal, "csv")} download variant="light">
            {t("gradeImport.templateCsv")}
          </Button>
        </Group>
        <FileInput
          label={t("gradeImport.file")}
          placeholder={t("gradeImport.filePlaceholder")}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          clearable
          clearButtonProps={{ "aria-label": t("gradeImport.clearFile") }}
          value={file}
          onChange={(f) => {
            setFile(f);
            setDone(null);
          }}
          error={tooBig ? t("error.payload_too_large") : undefined}
        />
        <TextInput
          label={t("gradeImport.reason")}
          description={t("gradeImport.reasonHint")}
          value={reason}
          maxLength={300}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group gap="sm">
          <Button onClick={() => run.mutate(true)} disabled={!file || tooBig} loading={run.isPending && run.variables === true}>
            {t("gradeImport.check")}
          </Button>
          <Button onClick={() => run.mutate(false)} disabled={!canImport} loading={run.isPending && run.variables === false}>
            {t("gradeImport.run")}
          </Button>
        </Group>
        {current && !canImport && current.errors.length > 0 && (
          <Text size="sm" c="dimmed">
            {t("gradeImport.fixFirst")}
          </Text>
        )}
        {run.isError && !current && (
          <Alert color="red" role="alert">
            {errorMessage(t, run.error)}
          </Alert>
        )}
        {done && (
          <Alert color="blue" title={t("gradeImport.doneTitle")} role="status">
            {t("gradeImport.doneText", { changes: done.changes.length, unchanged: done.unchanged })}
          </Alert>
        )}
        {current && <GradeImportReportView report={current} />}
      </Stack>
    </Modal>
  );
}
