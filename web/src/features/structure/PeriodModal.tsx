import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import {
  type AcademicYearView,
  PERIOD_KINDS,
  type PeriodKind,
  type PeriodView,
  structureEndpoints as e,
} from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { type Range, RangeFields } from "./RangeFields.tsx";
import { formErrorsOf } from "./structure-errors.ts";

/** Adds a study period to a year or edits one (`period` null means "new"). */
export function PeriodModal({
  year,
  period,
  onClose,
  onSaved,
}: {
  year: AcademicYearView;
  period: PeriodView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PeriodKind>(period?.kind ?? "quarter");
  const [number, setNumber] = useState<number>(period?.number ?? 1);
  const suggested = (k: PeriodKind, n: number) => t(`structure.periods.defaultName.${k}`, { n });
  const [name, setName] = useState(period?.name ?? suggested("quarter", 1));
  const [nameTouched, setNameTouched] = useState(period !== null);
  const [range, setRange] = useState<Range>({
    startsOn: period?.startsOn ?? "",
    endsOn: period?.endsOn ?? "",
    gradeFrom: period?.gradeFrom ?? 1,
    gradeTo: period?.gradeTo ?? 9,
  });
  const mutation = useMutation({
    mutationFn: () => {
      const body = { kind, number, name, ...range };
      return period
        ? call(e.updatePeriod, { params: { periodId: period.id }, body })
        : call(e.createPeriod, { params: { yearId: year.id }, body });
    },
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const retitle = (k: PeriodKind, n: number) => {
    if (!nameTouched) setName(suggested(k, n));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Modal closeButtonProps={{ "aria-label": t("structure.common.close") }}
      opened
      onClose={onClose}
      title={period ? t("structure.periods.editTitle") : t("structure.periods.createTitle")}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            <Select
              label={t("structure.periods.kind")}
              data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`structure.periodKind.${k}`) }))}
              value={kind}
              onChange={(v) => {
                const k = (v ?? "quarter") as PeriodKind;
                setKind(k);
                retitle(k, number);
              }}
              allowDeselect={false}
              error={errors.fields.kind}
              data-autofocus
            />
            <NumberInput
              label={t("structure.periods.number")}
              min={1}
              max={12}
              allowDecimal={false}
              value={number}
              onChange={(v) => {
                const n = typeof v === "number" ? v : Number(v) || 1;
                setNumber(n);
                retitle(kind, n);
              }}
              error={errors.fields.number}
            />
          </Group>
          <TextInput
            label={t("structure.periods.name")}
            required
            maxLength={60}
            value={name}
            onChange={(ev) => {
              setName(ev.currentTarget.value);
              setNameTouched(true);
            }}
            error={errors.fields.name}
          />
          <RangeFields value={range} onChange={setRange} errors={errors.fields} bounds={year} />
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
