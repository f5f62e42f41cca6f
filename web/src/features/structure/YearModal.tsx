import { Alert, Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { type AcademicYearView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./structure-errors.ts";

/** The next year by the ФОП calendar: 1 September – 26 May. */
function nextYearDefaults(latest: AcademicYearView | undefined) {
  const start = latest
    ? Number(latest.startsOn.slice(0, 4)) + 1
    : new Date().getMonth() >= 6
      ? new Date().getFullYear()
      : new Date().getFullYear() - 1;
  return { name: `${start}/${start + 1}`, startsOn: `${start}-09-01`, endsOn: `${start + 1}-05-26` };
}

/** Creates an academic year (with ФОП dates suggested) or edits one. */
export function YearModal({
  year,
  latest,
  onClose,
  onSaved,
}: {
  year: AcademicYearView | null;
  latest: AcademicYearView | undefined;
  onClose: () => void;
  onSaved: (saved: AcademicYearView) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() =>
    year ? { name: year.name, startsOn: year.startsOn, endsOn: year.endsOn } : nextYearDefaults(latest),
  );
  const mutation = useMutation({
    mutationFn: () => (year ? call(e.updateYear, { params: { yearId: year.id }, body: values }) : call(e.createYear, { body: values })),
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const reversed = values.startsOn !== "" && values.endsOn !== "" && values.endsOn <= values.startsOn;
  const set = (field: keyof typeof values) => (ev: { currentTarget: { value: string } }) =>
    setValues({ ...values, [field]: ev.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Modal closeButtonProps={{ "aria-label": t("structure.common.close") }} opened onClose={onClose} title={year ? t("structure.years.editTitle") : t("structure.years.createTitle")} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("structure.years.name")}
            description={t("structure.years.nameHint")}
            required
            maxLength={40}
            value={values.name}
            onChange={set("name")}
            error={errors.fields.name}
            data-autofocus
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t("structure.range.startsOn")}
              required
              value={values.startsOn}
              onChange={set("startsOn")}
              error={errors.fields.startsOn}
              miw={150}
            />
            <TextInput
              type="date"
              label={t("structure.range.endsOn")}
              required
              value={values.endsOn}
              onChange={set("endsOn")}
              error={errors.fields.endsOn ?? (reversed ? t("structure.issue.ends_before_start") : undefined)}
              miw={150}
            />
          </Group>
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
