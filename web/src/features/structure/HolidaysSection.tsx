import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { type AcademicYearView, type HolidayView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage, type TranslationKey } from "../../lib/i18n.ts";
import { HolidayModal } from "./HolidayModal.tsx";
import { RowActions } from "./RowActions.tsx";
import { StructureConfirm } from "./StructureConfirm.tsx";
import { formatGrades, formatRange, useHolidays, useInvalidateStructure } from "./structure-api.ts";
import { useIsPhone } from "./use-is-phone.ts";

type Dialog = { kind: "create" } | { kind: "edit"; holiday: HolidayView } | { kind: "delete"; holiday: HolidayView } | null;

/** Holidays (каникулы) and moved working days of a year. */
export function HolidaysSection({ year }: { year: AcademicYearView }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [dialog, setDialog] = useState<Dialog>(null);
  const holidays = useHolidays(year.id);
  const invalidate = useInvalidateStructure();
  const done = () => {
    setDialog(null);
    void invalidate();
  };
  const items = holidays.data?.items ?? [];
  const actionsOf = (h: HolidayView) => [
    h.abilities.edit && { label: t("structure.common.edit"), onClick: () => setDialog({ kind: "edit", holiday: h }) },
    h.abilities.delete && { label: t("structure.common.delete"), onClick: () => setDialog({ kind: "delete", holiday: h }), danger: true },
  ];
  const kindBadge = (h: HolidayView) => (
    <Badge size="sm" variant="light" color={h.kind === "holiday" ? "blue" : "violet"}>
      {t(`structure.holidayKind.${h.kind}`)}
      {h.followsWeekday
        ? ` · ${t("timetable.holiday.follows", { day: t(`timetable.weekdayShort.${h.followsWeekday}` as TranslationKey) })}`
        : ""}
    </Badge>
  );

  return (
    <Stack gap="sm" component="section" aria-labelledby="holidays-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3" id="holidays-title">
          {t("structure.holidays.title")}
        </Title>
        {year.abilities.edit && (
          <Button variant="light" onClick={() => setDialog({ kind: "create" })}>
            {t("structure.holidays.add")}
          </Button>
        )}
      </Group>
      {holidays.isError && <Alert color="red">{errorMessage(t, holidays.error)}</Alert>}
      {holidays.isSuccess && items.length === 0 && <Text c="dimmed">{t("structure.holidays.empty")}</Text>}
      {items.length > 0 && isPhone && (
        <Stack gap="xs">
          {items.map((h) => (
            <Paper key={h.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={500}>{h.name}</Text>
                  <Text size="sm">{formatRange(h.startsOn, h.endsOn, i18n.language)}</Text>
                  <Group gap="xs">
                    {kindBadge(h)}
                    <Text size="sm" c="dimmed">
                      {t("structure.range.grades", { grades: formatGrades(h.gradeFrom, h.gradeTo) })}
                    </Text>
                  </Group>
                </Stack>
                <RowActions name={h.name} actions={actionsOf(h)} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {items.length > 0 && !isPhone && (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("structure.holidays.name")}</Table.Th>
              <Table.Th>{t("structure.holidays.kind")}</Table.Th>
              <Table.Th>{t("structure.range.gradesColumn")}</Table.Th>
              <Table.Th>{t("structure.range.dates")}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t("structure.common.actions")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>{kindBadge(h)}</Table.Td>
                <Table.Td>{formatGrades(h.gradeFrom, h.gradeTo)}</Table.Td>
                <Table.Td>{formatRange(h.startsOn, h.endsOn, i18n.language)}</Table.Td>
                <Table.Td ta="right">
                  <RowActions name={h.name} actions={actionsOf(h)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {dialog?.kind === "create" && <HolidayModal year={year} holiday={null} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "edit" && <HolidayModal year={year} holiday={dialog.holiday} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog?.kind === "delete" && (
        <StructureConfirm
          title={t("structure.holidays.deleteTitle")}
          text={t("structure.holidays.deleteText", { name: dialog.holiday.name })}
          confirmLabel={t("structure.common.delete")}
          onClose={() => setDialog(null)}
          action={() => call(e.deleteHoliday, { params: { holidayId: dialog.holiday.id } })}
          onDone={done}
        />
      )}
    </Stack>
  );
}
