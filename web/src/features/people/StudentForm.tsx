import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { peopleEndpoints, type StudentCard } from "@otmetka/core/contracts/people.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./form-errors.ts";
import { formatSnils } from "./people-format.ts";

type DocType = "" | "RF_BRTH_CERT" | "RF_PASSPORT" | "FID_BRTH_CERT";

interface Values {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  gender: "" | "m" | "f";
  snils: string;
  docType: DocType;
  docSeries: string;
  docNumber: string;
}

const valuesOf = (s: StudentCard | null): Values => ({
  lastName: s?.lastName ?? "",
  firstName: s?.firstName ?? "",
  middleName: s?.middleName ?? "",
  birthDate: s?.birthDate ?? "",
  gender: s?.gender ?? "",
  snils: s?.snils ? formatSnils(s.snils) : "",
  docType: s?.document?.type ?? "",
  docSeries: s?.document?.series ?? "",
  docNumber: s?.document?.number ?? "",
});

function bodyOf(v: Values) {
  return {
    lastName: v.lastName,
    firstName: v.firstName,
    middleName: v.middleName,
    birthDate: v.birthDate,
    gender: v.gender || null,
    snils: v.snils.trim() || null,
    document: v.docType ? { type: v.docType, series: v.docSeries || undefined, number: v.docNumber } : null,
  };
}

/** The student's personal data: a new student (`student` null) or changes to one. */
export function StudentFormModal({
  student,
  opened,
  onClose,
  onSaved,
}: {
  student: StudentCard | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (card: StudentCard) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => valuesOf(student));
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      student
        ? call(peopleEndpoints.updateStudent, { params: { studentId: student.id }, body: bodyOf(v) })
        : call(peopleEndpoints.createStudent, { body: bodyOf(v) }),
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const set = (field: keyof Values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [field]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(values);
  };
  const seriesHint = values.docType === "RF_BRTH_CERT" ? "IV-МЮ" : values.docType === "RF_PASSPORT" ? "45 06" : undefined;

  return (
    <Modal closeButtonProps={{ "aria-label": t("people.common.close") }}
      opened={opened}
      onClose={onClose}
      title={student ? t("people.students.editTitle") : t("people.students.createTitle")}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <TextInput
            label={t("people.field.lastName")}
            required
            maxLength={100}
            value={values.lastName}
            onChange={set("lastName")}
            error={errors.fields.lastName}
          />
          <TextInput
            label={t("people.field.firstName")}
            required
            maxLength={100}
            value={values.firstName}
            onChange={set("firstName")}
            error={errors.fields.firstName}
          />
          <TextInput
            label={t("people.field.middleName")}
            maxLength={100}
            value={values.middleName}
            onChange={set("middleName")}
            error={errors.fields.middleName}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t("people.field.birthDate")}
              type="date"
              required
              value={values.birthDate}
              onChange={set("birthDate")}
              error={errors.fields.birthDate}
            />
            <Select
              label={t("people.field.gender")}
              value={values.gender}
              onChange={(gender) => setValues({ ...values, gender: (gender ?? "") as Values["gender"] })}
              allowDeselect={false}
              data={[
                { value: "", label: t("people.gender.none") },
                { value: "f", label: t("people.gender.f") },
                { value: "m", label: t("people.gender.m") },
              ]}
              error={errors.fields.gender}
            />
          </SimpleGrid>
          <TextInput
            label={t("people.field.snils")}
            placeholder="112-233-445 95"
            inputMode="numeric"
            maxLength={20}
            value={values.snils}
            onChange={set("snils")}
            error={errors.fields.snils}
          />
          <Select
            label={t("people.field.document")}
            value={values.docType}
            onChange={(docType) => setValues({ ...values, docType: (docType ?? "") as DocType })}
            allowDeselect={false}
            data={[
              { value: "", label: t("people.document.none") },
              { value: "RF_BRTH_CERT", label: t("people.document.RF_BRTH_CERT") },
              { value: "RF_PASSPORT", label: t("people.document.RF_PASSPORT") },
              { value: "FID_BRTH_CERT", label: t("people.document.FID_BRTH_CERT") },
            ]}
            error={errors.fields["document.type"]}
          />
          {values.docType && (
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t("people.field.series")}
                placeholder={seriesHint}
                maxLength={20}
                value={values.docSeries}
                onChange={set("docSeries")}
                error={errors.fields["document.series"]}
              />
              <TextInput
                label={t("people.field.number")}
                required
                maxLength={30}
                value={values.docNumber}
                onChange={set("docNumber")}
                error={errors.fields["document.number"]}
              />
            </SimpleGrid>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("people.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t("people.common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
