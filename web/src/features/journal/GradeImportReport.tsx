import { Alert, List, Stack, Table, Text } from "@mantine/core";
import type { GradeImportError, GradeImportReport } from "@otmetka/core/contracts/grade-import.ts";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { i18n } from "../../lib/i18n.ts";
import { formatDate } from "../people/people-format.ts";
import { marksText, type SpecialMarkLabels } from "./cell-value.ts";

/** Long reports show their first rows; the summary counts them all. A phone leaves out the changes' row numbers for room. */
const SHOWN = 100;

/** The problem in the reader's language when this version knows the code, else the server's Russian text. */
export function gradeErrorText(t: TFunction, e: GradeImportError): string {
  const key = `gradeImport.error.${e.code}`;
  // The key is checked at run time (exists); its params come from the server, so no static key type fits.
  const translate = t as unknown as (key: string, params: Record<string, string>) => string;
  return i18n.exists(key) ? translate(key, e.params) : e.message;
}

function specialLabels(t: TFunction): SpecialMarkLabels {
  return {
    DUE: t("journal.mark.DUE"),
    NA: t("journal.mark.NA"),
    PASS: t("journal.mark.PASS"),
    FAIL: t("journal.mark.FAIL"),
    EXEMPT: t("journal.mark.EXEMPT"),
  };
}

/** A check's outcome: the counts, every error (row, column, problem), then what the import would change. */
export function GradeImportReportView({ report }: { report: GradeImportReport }) {
  const { t } = useTranslation();
  const labels = specialLabels(t);
  const fileErrors = report.errors.filter((e) => e.row === null);
  const rowErrors = report.errors.filter((e) => e.row !== null);
  const more = (total: number) => total > SHOWN && <Text size="sm">{t("gradeImport.report.more", { count: total - SHOWN })}</Text>;
  const marks = (values: GradeImportReport["changes"][number]["before"]) => marksText(values, labels) || "—";

  return (
    <Stack gap="sm">
      <Text aria-live="polite" fw={500}>
        {fileErrors.length > 0
          ? t("gradeImport.report.unreadable")
          : t("gradeImport.report.summary", {
              rows: report.rows,
              valid: report.valid,
              changes: report.changes.length,
              unchanged: report.unchanged,
              skipped: report.skipped,
            })}
      </Text>
      {fileErrors.length > 0 && (
        <Alert color="red" title={t("gradeImport.report.fileErrors")}>
          <List size="sm">
            {fileErrors.map((e) => (
              <List.Item key={`${e.code}-${e.message}`}>{gradeErrorText(t, e)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {report.warnings.length > 0 && (
        <Alert color="blue" title={t("gradeImport.report.warnings")}>
          <List size="sm">
            {report.warnings.map((e) => (
              <List.Item key={`${e.code}-${e.message}`}>{gradeErrorText(t, e)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {rowErrors.length > 0 && (
        <Stack gap={4}>
          <Alert color="red" title={t("gradeImport.report.errorsTitle", { count: rowErrors.length })}>
            {t("gradeImport.report.errorsText")}
          </Alert>
          <Table striped withTableBorder captionSide="top" horizontalSpacing="xs">
            <Table.Caption>{t("gradeImport.report.errorsCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("gradeImport.report.row")}</Table.Th>
                <Table.Th scope="col">{t("gradeImport.report.column")}</Table.Th>
                <Table.Th scope="col">{t("gradeImport.report.problem")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowErrors.slice(0, SHOWN).map((e) => (
                <Table.Tr key={`${e.row}-${e.code}-${e.column}`}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column ?? "—"}</Table.Td>
                  <Table.Td>{gradeErrorText(t, e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {more(rowErrors.length)}
        </Stack>
      )}
      {report.changes.length > 0 && (
        <Stack gap={4}>
          <Table striped withTableBorder captionSide="top" horizontalSpacing="xs">
            <Table.Caption>{t("gradeImport.report.changesCaption", { count: report.changes.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" visibleFrom="xs">
                  {t("gradeImport.report.row")}
                </Table.Th>
                <Table.Th scope="col">{t("gradeImport.report.student")}</Table.Th>
                <Table.Th scope="col">{t("gradeImport.report.lesson")}</Table.Th>
                <Table.Th scope="col">{t("gradeImport.report.mark")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.changes.slice(0, SHOWN).map((c) => (
                <Table.Tr key={c.row}>
                  <Table.Td visibleFrom="xs">{c.row}</Table.Td>
                  <Table.Td>{c.student}</Table.Td>
                  <Table.Td>
                    {formatDate(c.date, i18n.language)}, {t("journal.grid.lessonNumber", { number: c.lessonNumber })}
                  </Table.Td>
                  <Table.Td>
                    <Text span fw={c.changesExisting ? 700 : undefined} size="sm">
                      {t("gradeImport.report.markChange", { before: marks(c.before), after: marks(c.after) })}
                    </Text>
                    {c.changesExisting && <Text span size="sm">{` (${t("gradeImport.report.replaces")})`}</Text>}
                    {c.commentAfter !== c.commentBefore && (
                      <Text size="xs" c="dimmed">
                        {t("gradeImport.report.comment", { text: c.commentAfter })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {more(report.changes.length)}
        </Stack>
      )}
    </Stack>
  );
}
