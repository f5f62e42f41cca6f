import { Alert, Button, Checkbox, Group, Paper, Stack, Switch, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { type AcademicYearView, type PeriodView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { ArchivedBadge } from "./ArchivedBadge.tsx";
import { PeriodModal } from "./PeriodModal.tsx";
import { RowActions } from "./RowActions.tsx";
import { StructureConfirm } from "./StructureConfirm.tsx";
import { formatGrades, formatRange, useInvalidateStructure, usePeriods } from "./structure-api.ts";
import { formErrorsOf } from "./structure-errors.ts";
import { useIsPhone } from "./use-is-phone.ts";

type Dialog = { kind: "create" } | { kind: "edit"; period: PeriodView } | { kind: "archive"; period: PeriodView } | null;

/** Study periods of a year (четверти, полугодия…), with a one-click standard set for an empty year. */
export function PeriodsSection({ year }: { year: AcademicYearView }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [showArchived, setShowArchived] = useState(false);
  const [withHolidays, setWithHolidays] = useState(true);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const periods = usePeriods(year.id, showArchived);
  const invalidate = useInvalidateStructure();
  const editable = year.abilities.edit;
  const fail = (error: unknown) => setNotice({ ok: false, text: formErrorsOf(t, error).form ?? errorMessage(t, error) });
  const generate = useMutation({
    mutationFn: () => call(e.generatePeriods, { params: { yearId: year.id }, body: { includeHolidays: withHolidays } }),
    onSuccess: async (r) => {
      setNotice({ ok: true, text: t("structure.periods.generated", { periods: r.periods.length, holidays: r.holidays.length }) });
      await invalidate();
    },
    onError: fail,
  });
  const restore = useMutation({
    mutationFn: (p: PeriodView) => call(e.restorePeriod, { params: { periodId: p.id } }),
    onSuccess: () => invalidate(),
    onError: fail,
  });
  const done = () => {
    setDialog(null);
    void invalidate();
  };
  const items = periods.data?.items ?? [];
  const actionsOf = (p: PeriodView) => [
    p.abilities.edit && { label: t("structure.common.edit"), onClick: () => setDialog({ kind: "edit", period: p }) },
    p.abilities.restore && { label: t("structure.common.restore"), onClick: () => restore.mutate(p) },
    p.abilities.archive && { label: t("structure.common.archive"), onClick: () => setDialog({ kind: "archive", period: p }), danger: true },
  ];
  const dates = (p: PeriodView) => formatRange(p.startsOn, p.endsOn, i18n.language);

  return (
    <Stack gap="sm" component="section" aria-labelledby="periods-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3" id="periods-title">
          {t("structure.periods.title")}
        </Title>
        {editable && (
          <Button variant="light" onClick={() => setDialog({ kind: "create" })}>
            {t("structure.periods.add")}
          </Button>
        )}
      </Group>
      <Switch
        label={t("structure.common.showArchived")}
        checked={showArchived}
        onChange={(ev) => setShowArchived(ev.currentTarget.checked)}
      />
      {notice && (
        <Alert
          color={notice.ok ? "green" : "red"}
          variant="light"
          withCloseButton
          closeButtonLabel={t("structure.common.close")}
          onClose={() => setNotice(null)}
          role={notice.ok ? "status" : "alert"}
        >
          {notice.text}
        </Alert>
      )}
      {periods.isError && <Alert color="red">{errorMessage(t, periods.error)}</Alert>}
      {periods.isSuccess && items.length === 0 && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text>{t("structure.periods.empty")}</Text>
            {editable && (
              <>
                <Text size="sm" c="dimmed">
                  {t("structure.periods.generateHint")}
                </Text>
                <Checkbox
                  label={t("structure.periods.withHolidays")}
                  checked={withHolidays}
                  onChange={(ev) => setWithHolidays(ev.currentTarget.checked)}
                />
                <Group>
                  <Button loading={generate.isPending} onClick={() => generate.mutate()}>
                    {t("structure.periods.generate")}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
      {items.length > 0 && isPhone && (
        <Stack gap="xs">
          {items.map((p) => (
            <Paper key={p.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={500}>{p.name}</Text>
                    {p.archived && <ArchivedBadge />}
                  </Group>
                  <Text size="sm">{dates(p)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`structure.periodKind.${p.kind}`)} · {t("structure.range.grades", { grades: formatGrades(p.gradeFrom, p.gradeTo) })}
                  </Text>
                </Stack>
                <RowActions name={p.name} actions={actionsOf(p)} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {items.length > 0 && !isPhone && (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("structure.periods.name")}</Table.Th>
              <Table.Th>{t("structure.periods.kind")}</Table.Th>
              <Table.Th>{t("structure.range.gradesColumn")}</Table.Th>
              <Table.Th>{t("structure.range.dates")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("structure.common.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={500} size="sm">
                      {p.name}
                    </Text>
                    {p.archived && <ArchivedBadge />}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`structure.periodKind.${p.kind}`)}</Table.Td>
                <Table.Td>{formatGrades(p.gradeFrom, p.gradeTo)}</Table.Td>
                <Table.Td>{dates(p)}</Table.Td>
                <Table.Td ta="right">
                  <RowActions name={p.name} actions={actionsOf(p)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {dialog?.kind === "create" && <PeriodModal year={year} period={null} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "edit" && <PeriodModal year={year} period={dialog.period} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "archive" && (
        <StructureConfirm
          title={t("structure.periods.archiveTitle")}
          text={t("structure.periods.archiveText", { name: dialog.period.name })}
          confirmLabel={t("structure.common.archive")}
          onClose={() => setDialog(null)}
          action={() => call(e.archivePeriod, { params: { periodId: dialog.period.id } })}
          onDone={done}
        />
      )}
    </Stack>
  );
}
