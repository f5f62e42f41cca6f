import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { peopleEndpoints, type Relation } from "@otmetka/core/contracts/people.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./form-errors.ts";

const RELATIONS: Relation[] = ["mother", "father", "guardian", "parent"];

/** Links a parent by e-mail or phone: an existing account is reused, a new one is invited. */
export function GuardianModal({ studentId, onClose, onSaved }: { studentId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ lastName: "", firstName: "", middleName: "", email: "", phone: "", relation: "mother" as Relation });
  const mutation = useMutation({
    mutationFn: () =>
      call(peopleEndpoints.addGuardian, {
        params: { studentId },
        body: { ...v, email: v.email || undefined, phone: v.phone || undefined },
      }),
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const set = (field: keyof typeof v) => (event: { currentTarget: { value: string } }) =>
    setV({ ...v, [field]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Modal closeButtonProps={{ "aria-label": t("people.common.close") }} opened onClose={onClose} title={t("people.guardians.addTitle")} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("people.guardians.addHint")}
          </Text>
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Select
            label={t("people.field.relation")}
            required
            allowDeselect={false}
            data={RELATIONS.map((r) => ({ value: r, label: t(`people.relation.${r}`) }))}
            value={v.relation}
            onChange={(relation) => setV({ ...v, relation: (relation ?? "parent") as Relation })}
            error={errors.fields.relation}
          />
          <TextInput
            label={t("people.field.lastName")}
            required
            maxLength={100}
            value={v.lastName}
            onChange={set("lastName")}
            error={errors.fields.lastName}
          />
          <TextInput
            label={t("people.field.firstName")}
            required
            maxLength={100}
            value={v.firstName}
            onChange={set("firstName")}
            error={errors.fields.firstName}
          />
          <TextInput
            label={t("people.field.middleName")}
            maxLength={100}
            value={v.middleName}
            onChange={set("middleName")}
            error={errors.fields.middleName}
          />
          <TextInput
            label={t("people.field.email")}
            type="email"
            autoComplete="off"
            maxLength={254}
            value={v.email}
            onChange={set("email")}
            error={errors.fields.email}
          />
          <TextInput
            label={t("people.field.phone")}
            type="tel"
            placeholder="+7 900 000-00-00"
            maxLength={30}
            value={v.phone}
            onChange={set("phone")}
            error={errors.fields.phone}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("people.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t("people.guardians.addSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
