import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FinalMarkValue, journalEndpoints, type YearMarkView, type YearSheet } from "@otmetka/core/contracts/journal.ts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { finalMarkOptions, isNumeric } from "./final-marks.ts";
import { journalPath } from "./journal-api.ts";

/** How a period or year mark is written in the sheet: 5, «зач», «н/а»…; «—» for none. */
function useMarkText() {
  const { t } = useTranslation();
  return (value: FinalMarkValue | null): string => (value === null ? "—" : isNumeric(value) ? value : t(`journal.mark.${value}`));
}

/** `/journal/:classId/:subjectId/year?group=…`: the period marks of the year and the year mark per student. */
export function YearMarksPage() {
  const { t } = useTranslation();
  const { classId = "", subjectId = "" } = useParams();
  const [search] = useSearchParams();
  const groupId = search.get("group");
  const query = { classId, subjectId, ...(groupId ? { groupId } : {}) };
  const sheet = useQuery({
    queryKey: ["journal", "year", query],
    queryFn: ({ signal }) => call(journalEndpoints.yearSheet, { query, signal }),
  });
  const data = sheet.data;
  usePageTitle(data ? title(t, data) : t("journal.year.heading"));
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={journalPath(classId, subjectId, { groupId })} size="sm" underline="always">
        {t("journal.year.back")}
      </Anchor>
      {sheet.error ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, sheet.error)}
        </Alert>
      ) : !data ? (
        <CenteredLoader />
      ) : (
        <>
          <Title order={1}>{title(t, data)}</Title>
          <Text size="sm" c="dimmed">
            {t("journal.year.hint", { year: data.academicYear.name })}
          </Text>
          {!data.abilities.setYearMarks && <Badge variant="outline">{t("journal.page.readOnly")}</Badge>}
          {data.students.length === 0 ? <Text c="dimmed">{t("journal.year.noStudents")}</Text> : <Sheet sheet={data} />}
        </>
      )}
    </Stack>
  );
}

function title(t: TFunction, sheet: YearSheet): string {
  const journal = sheet.group
    ? t("journal.page.titleGroup", { class: sheet.class.name, group: sheet.group.name, subject: sheet.subject.name })
    : t("journal.page.title", { class: sheet.class.name, subject: sheet.subject.name });
  return t("journal.year.title", { journal });
}

/** A table on a wide screen; on a phone a card per student, so the year mark is not off-screen. */
function Sheet({ sheet }: { sheet: YearSheet }) {
  const isPhone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  return isPhone ? <SheetCards sheet={sheet} /> : <SheetTable sheet={sheet} />;
}

function SheetCards({ sheet }: { sheet: YearSheet }) {
  const { t } = useTranslation();
  const markText = useMarkText();
  const byStudent = new Map(sheet.marks.map((m) => [m.studentId, m]));
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
      aria-label={t("journal.year.caption", { year: sheet.academicYear.name })}
    >
      {sheet.students.map((student) => {
        const mark = byStudent.get(student.id);
        return (
          <Paper key={student.id} component="li" withBorder p="sm" radius="md">
            <Stack gap={6}>
              <Text fw={600}>{student.displayName}</Text>
              <Text size="sm">
                {sheet.periods
                  .map((p) => `${p.name}: ${markText(mark?.periodMarks.find((m) => m.periodId === p.id)?.value ?? null)}`)
                  .join(" · ")}
              </Text>
              <Text size="sm">
                {t("journal.year.suggested")}: {mark ? markText(mark.suggested) : "—"}
              </Text>
              {mark && <YearMarkEditor key={`${mark.version}`} sheet={sheet} mark={mark} studentName={student.displayName} />}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

function SheetTable({ sheet }: { sheet: YearSheet }) {
  const { t } = useTranslation();
  const markText = useMarkText();
  const byStudent = new Map(sheet.marks.map((m) => [m.studentId, m]));
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Caption>{t("journal.year.caption", { year: sheet.academicYear.name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("journal.year.student")}</Table.Th>
            {sheet.periods.map((p) => (
              <Table.Th key={p.id} scope="col" ta="center">
                {p.name}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="center">
              {t("journal.year.suggested")}
            </Table.Th>
            <Table.Th scope="col">{t("journal.year.value")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sheet.students.map((student) => {
            const mark = byStudent.get(student.id);
            return (
              <Table.Tr key={student.id}>
                <Table.Th scope="row" fw={400}>
                  {student.displayName}
                </Table.Th>
                {sheet.periods.map((p) => (
                  <Table.Td key={p.id} ta="center">
                    {markText(mark?.periodMarks.find((m) => m.periodId === p.id)?.value ?? null)}
                  </Table.Td>
                ))}
                <Table.Td ta="center">{mark ? markText(mark.suggested) : "—"}</Table.Td>
                <Table.Td>
                  {mark && <YearMarkEditor key={`${mark.version}`} sheet={sheet} mark={mark} studentName={student.displayName} />}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The set year mark of one student: shown, or a select to set it (a reason when changing a set one). */
function YearMarkEditor({ sheet, mark, studentName }: { sheet: YearSheet; mark: YearMarkView; studentName: string }) {
  const { t } = useTranslation();
  const markText = useMarkText();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string>(mark.value ?? "");
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: (next: { value: FinalMarkValue | null; reason?: string }) =>
      call(journalEndpoints.setYearMark, {
        params: { academicYearId: sheet.academicYear.id, subjectId: sheet.subject.id, studentId: mark.studentId },
        body: { value: next.value, version: mark.version, ...(next.reason ? { reason: next.reason } : {}) },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["journal", "year"] }),
  });
  if (!sheet.abilities.setYearMarks) {
    return (
      <Group gap={6}>
        <Text fw={600}>{markText(mark.value)}</Text>
        {mark.overridden && <Badge variant="light">{t("journal.year.overridden")}</Badge>}
      </Group>
    );
  }
  const changesSetMark = mark.value !== null && (value || null) !== mark.value;
  const reasonMissing = changesSetMark && reason.trim() === "";
  const unchanged = (value || null) === mark.value;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!reasonMissing && !unchanged) {
          save.mutate({ value: (value || null) as FinalMarkValue | null, ...(changesSetMark ? { reason: reason.trim() } : {}) });
        }
      }}
    >
      <Stack gap={4}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <NativeSelect
            aria-label={t("journal.year.valueOf", { student: studentName })}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            data={finalMarkOptions(t, sheet.settings.allowMarkOne, t("journal.year.none"))}
            w={170}
          />
          {mark.value === null && value === "" && mark.periodMarks.some((m) => m.value !== null) && (
            <Button size="compact-sm" variant="default" onClick={() => save.mutate({ value: mark.suggested })} loading={save.isPending}>
              {t("journal.periodMark.accept", { value: markText(mark.suggested) })}
            </Button>
          )}
          {!unchanged && (
            <Button type="submit" size="compact-sm" loading={save.isPending}>
              {t("journal.periodMark.save")}
            </Button>
          )}
        </Group>
        {changesSetMark && (
          <TextInput
            label={t("journal.dialog.reasonLabel")}
            description={t("journal.periodMark.reasonHint")}
            required
            maxLength={300}
            size="xs"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={touched && reasonMissing ? t("journal.dialog.reasonRequired") : undefined}
          />
        )}
        {mark.setBy && mark.setAt && (
          <Text size="xs" c="dimmed">
            {t("journal.periodMark.setBy", { name: mark.setBy.displayName, time: new Date(mark.setAt).toLocaleString() })}
          </Text>
        )}
        {save.error && (
          <Text size="xs" c="red" role="alert">
            {errorMessage(t, save.error)}
          </Text>
        )}
      </Stack>
    </form>
  );
}
