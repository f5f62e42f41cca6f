import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { type StaffMember, type StaffRole, staffEndpoints } from "@otmetka/core/contracts/staff.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./form-errors.ts";

interface Values {
  lastName: string;
  firstName: string;
  middleName: string;
  email: string;
  phone: string;
  roles: StaffRole[];
}

const valuesOf = (s: StaffMember | null): Values => ({
  lastName: s?.lastName ?? "",
  firstName: s?.firstName ?? "",
  middleName: s?.middleName ?? "",
  email: s?.email ?? "",
  phone: s?.phone ?? "",
  roles: s?.roles ?? ["teacher"],
});

/** Adds a staff member (and sends the invitation) or edits one; `member` null means "new". */
export function StaffFormModal({
  member,
  opened,
  onClose,
  onSaved,
}: {
  member: StaffMember | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => valuesOf(member));
  const canEditProfile = member === null || member.abilities.editProfile;

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      if (member === null) {
        return call(staffEndpoints.createStaff, {
          body: {
            lastName: v.lastName,
            firstName: v.firstName,
            middleName: v.middleName,
            email: v.email || undefined,
            phone: v.phone || undefined,
            roles: v.roles,
          },
        });
      }
      const profile = canEditProfile
        ? { lastName: v.lastName, firstName: v.firstName, middleName: v.middleName, email: v.email || null, phone: v.phone || null }
        : {};
      return call(staffEndpoints.updateStaff, { params: { userId: member.userId }, body: { ...profile, roles: v.roles } });
    },
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const set = (field: keyof Values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [field]: event.currentTarget.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate(values);
  }

  return (
    <Modal closeButtonProps={{ "aria-label": t("people.common.close") }}
      opened={opened}
      onClose={onClose}
      title={member ? t("people.staff.editTitle") : t("people.staff.createTitle")}
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
          {!canEditProfile && (
            <Text size="sm" c="dimmed">
              {t("people.staff.sharedAccount")}
            </Text>
          )}
          <TextInput
            label={t("people.field.lastName")}
            required
            maxLength={100}
            value={values.lastName}
            onChange={set("lastName")}
            error={errors.fields.lastName}
            disabled={!canEditProfile}
          />
          <TextInput
            label={t("people.field.firstName")}
            required
            maxLength={100}
            value={values.firstName}
            onChange={set("firstName")}
            error={errors.fields.firstName}
            disabled={!canEditProfile}
          />
          <TextInput
            label={t("people.field.middleName")}
            maxLength={100}
            value={values.middleName}
            onChange={set("middleName")}
            error={errors.fields.middleName}
            disabled={!canEditProfile}
          />
          <TextInput
            label={t("people.field.email")}
            description={member ? undefined : t("people.staff.contactHint")}
            type="email"
            autoComplete="off"
            maxLength={254}
            value={values.email}
            onChange={set("email")}
            error={errors.fields.email}
            disabled={!canEditProfile}
          />
          <TextInput
            label={t("people.field.phone")}
            type="tel"
            placeholder="+7 900 000-00-00"
            maxLength={30}
            value={values.phone}
            onChange={set("phone")}
            error={errors.fields.phone}
            disabled={!canEditProfile}
          />
          <Checkbox.Group
            label={t("people.field.roles")}
            required
            value={values.roles}
            onChange={(roles) => setValues({ ...values, roles: roles as StaffRole[] })}
            error={errors.fields.roles}
          >
            <Group mt={6}>
              <Checkbox value="teacher" label={t("people.role.teacher")} />
              <Checkbox value="admin" label={t("people.role.admin")} />
            </Group>
          </Checkbox.Group>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("people.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {member ? t("people.common.save") : t("people.staff.createSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
