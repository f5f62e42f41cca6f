import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { type AcademicYearView, type HolidayKind, type HolidayView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import type { TranslationKey } from "../../lib/i18n.ts";
import { type Range, RangeFields } from "./RangeFields.tsx";
import { formErrorsOf } from "./structure-errors.ts";

/** Adds or edits a holiday or a moved working day (перенос: a day off that becomes a school day). */
export function HolidayModal({
  year,
  holiday,
  onClose,
  onSaved,
}: {
  year: AcademicYearView;
  holiday: HolidayView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<HolidayKind>(holiday?.kind ?? "holiday");
  const [name, setName] = useState(holiday?.name ?? "");
  const [followsWeekday, setFollowsWeekday] = useState(String(holiday?.followsWeekday ?? ""));
  const [range, setRange] = useState<Range>({
    startsOn: holiday?.startsOn ?? "",
    endsOn: holiday?.endsOn ?? "",
    gradeFrom: holiday?.gradeFrom ?? 1,
    gradeTo: holiday?.gradeTo ?? 11,
  });
  const mutation = useMutation({
    mutationFn: () => {
      const body = { kind, name, ...range, followsWeekday: kind === "working_day" && followsWeekday ? Number(followsWeekday) : null };
      return holiday
        ? call(e.updateHoliday, { params: { holidayId: holiday.id }, body })
        : call(e.createHoliday, { params: { yearId: year.id }, body });
    },
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("structure.common.close") }}
      opened
      onClose={onClose}
      title={holiday ? t("structure.holidays.editTitle") : t("structure.holidays.createTitle")}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="holiday-kind-label">
              {t("structure.holidays.kind")}
            </Text>
            <SegmentedControl
              aria-labelledby="holiday-kind-label"
              data={(["holiday", "working_day"] as const).map((k) => ({ value: k, label: t(`structure.holidayKind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind(v as HolidayKind)}
            />
            <Text size="xs" c="dimmed">
              {t(`structure.holidays.kindHint.${kind}`)}
            </Text>
          </Stack>
          <TextInput
            label={t("structure.holidays.name")}
            placeholder={t(`structure.holidays.namePlaceholder.${kind}`)}
            required
            maxLength={80}
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={errors.fields.name}
            data-autofocus
          />
          <RangeFields value={range} onChange={setRange} errors={errors.fields} bounds={year} />
          {kind === "working_day" && (
            <Select
              label={t("timetable.holiday.followsWeekday")}
              data={[
                { value: "", label: t("timetable.holiday.ownWeekday") },
                ...[1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: t(`timetable.weekday.${d}` as TranslationKey) })),
              ]}
              value={followsWeekday}
              onChange={(v) => setFollowsWeekday(v ?? "")}
              allowDeselect={false}
              error={errors.fields.followsWeekday}
            />
          )}
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("structure.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t("structure.common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
