import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { type SchoolProfile, SchoolProfileRules, schoolEndpoints, type UpdateSchoolProfileInput } from "@otmetka/core/contracts/school.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { formErrorsOf, issueMessage } from "../structure/structure-errors.ts";
import { schoolKeys, timeZoneOptions, useSchoolProfile } from "./schools-api.ts";

type Values = UpdateSchoolProfileInput;
type Checked = keyof typeof SchoolProfileRules.shape;
const CHECKED: Checked[] = ["inn", "kpp", "ogrn", "oktmo", "timeZone"];

/** The school as a legal entity: names, ИНН / КПП / ОГРН / ОКТМО, address and time zone. */
export function SchoolProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t("schools.profile.title"));
  const profile = useSchoolProfile();
  if (profile.isError) return <Alert color="red">{errorMessage(t, profile.error)}</Alert>;
  if (!profile.data) return <CenteredLoader />;
  return <ProfileForm key={profile.data.id} profile={profile.data} />;
}

function ProfileForm({ profile }: { profile: SchoolProfile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({
    name: profile.name,
    shortName: profile.shortName,
    inn: profile.inn,
    kpp: profile.kpp,
    ogrn: profile.ogrn,
    oktmo: profile.oktmo,
    address: profile.address,
    timeZone: profile.timeZone,
  });
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: Values) => call(schoolEndpoints.updateProfile, { body }),
    onSuccess: (data) => {
      setSaved(true);
      queryClient.setQueryData(schoolKeys.profile, data);
      void queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  });
  const server = formErrorsOf(t, mutation.error);
  const zones = useMemo(
    () => timeZoneOptions(profile.timeZone, { russia: t("schools.profile.zonesRussia"), other: t("schools.profile.zonesOther") }),
    [profile.timeZone, t],
  );

  // The same rules as the server's (core/src/rules/identifiers.ts), checked as the admin types.
  const live = (field: Checked): string | undefined => {
    if (!touched[field] || values[field].trim() === "") return undefined;
    const result = SchoolProfileRules.shape[field].safeParse(values[field]);
    return result.success ? undefined : issueMessage(t, result.error.issues[0]?.message ?? "invalid");
  };
  const errorOf = (field: keyof Values) =>
    server.fields[field] ?? (CHECKED.includes(field as Checked) ? live(field as Checked) : undefined);
  const bind = (field: keyof Values) => ({
    value: values[field],
    onChange: (ev: { currentTarget: { value: string } }) => {
      setValues({ ...values, [field]: ev.currentTarget.value });
      setSaved(false);
    },
    onBlur: () => setTouched({ ...touched, [field]: true }),
    error: errorOf(field),
    disabled: !profile.abilities.edit,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(Object.fromEntries(CHECKED.map((f) => [f, true])));
    mutation.mutate(values);
  };

  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t("schools.profile.title")}</Title>
      <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t("schools.profile.name")}
            description={t("schools.profile.nameHint")}
            required
            autosize
            minRows={2}
            maxLength={500}
            {...bind("name")}
          />
          <TextInput
            label={t("schools.profile.shortName")}
            description={t("schools.profile.shortNameHint")}
            required
            maxLength={120}
            {...bind("shortName")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("schools.profile.inn")}
              description={t("schools.profile.innHint")}
              required
              inputMode="numeric"
              maxLength={40}
              {...bind("inn")}
            />
            <TextInput
              label={t("schools.profile.kpp")}
              description={t("schools.profile.kppHint")}
              required
              maxLength={40}
              {...bind("kpp")}
            />
            <TextInput
              label={t("schools.profile.ogrn")}
              description={t("schools.profile.ogrnHint")}
              required
              inputMode="numeric"
              maxLength={40}
              {...bind("ogrn")}
            />
            <TextInput
              label={t("schools.profile.oktmo")}
              description={t("schools.profile.oktmoHint")}
              required
              inputMode="numeric"
              maxLength={40}
              {...bind("oktmo")}
            />
          </SimpleGrid>
          <Textarea label={t("schools.profile.address")} autosize minRows={1} maxLength={500} {...bind("address")} />
          <Select
            label={t("schools.profile.timeZone")}
            description={t("schools.profile.timeZoneHint")}
            required
            searchable
            data={zones}
            value={values.timeZone}
            onChange={(v) => {
              setValues({ ...values, timeZone: v ?? values.timeZone });
              setSaved(false);
            }}
            allowDeselect={false}
            error={errorOf("timeZone")}
            disabled={!profile.abilities.edit}
            nothingFoundMessage={t("schools.profile.noZone")}
          />
          {server.form && (
            <Alert color="red" variant="light" role="alert">
              {server.form}
            </Alert>
          )}
          {saved && (
            <Alert color="green" variant="light" role="status">
              {t("schools.profile.saved")}
            </Alert>
          )}
          {profile.abilities.edit && (
            <Group justify="flex-end">
              <Button type="submit" loading={mutation.isPending}>
                {t("schools.common.save")}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
