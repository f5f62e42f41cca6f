import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type SchoolSettingsView, schoolEndpoints } from "@otmetka/core/contracts/school.ts";
import { ATTENDANCE_STATES } from "@otmetka/core/contracts/settings.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, isApiError } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { formErrorsOf, issueMessage } from "../structure/structure-errors.ts";
import { PeriodSystemEditor } from "./PeriodSystemEditor.tsx";
import { SettingsHistory } from "./SettingsHistory.tsx";
import { StudyWeekEditor } from "./StudyWeekEditor.tsx";
import { fromForm, type SettingsForm, toForm } from "./settings-form.ts";
import { schoolKeys, useSchoolSettings } from "./schools-api.ts";
import { WorkTypesEditor } from "./WorkTypesEditor.tsx";

/** The school's rules (local act): weights, rounding, minimum marks, edit window, letters, periods, security. */
export function SchoolSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t("schools.settings.title"));
  const settings = useSchoolSettings();
  // The editor restarts from each new version; the notice of a save outlives that restart.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (settings.isError) return <Alert color="red">{errorMessage(t, settings.error)}</Alert>;
  if (!settings.data) return <CenteredLoader />;
  return (
    <SettingsEditor
      key={settings.data.version}
      current={settings.data}
      justSaved={savedVersion === settings.data.version}
      onSaved={setSavedVersion}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" component="fieldset" style={{ minWidth: 0 }}>
      <Title order={2} size="h4" component="legend" px={4}>
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function SettingsEditor({
  current,
  justSaved,
  onSaved,
}: {
  current: SchoolSettingsView;
  justSaved: boolean;
  onSaved: (version: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const separator = i18n.language === "en" ? "." : ",";
  const [form, setForm] = useState<SettingsForm>(() => toForm(current.settings, separator));
  const [attempted, setAttempted] = useState(false);
  const [saved, setSaved] = useState(justSaved);
  const disabled = !current.abilities.edit;
  const mutation = useMutation({
    mutationFn: (settings: NonNullable<ReturnType<typeof fromForm>["settings"]>) =>
      call(schoolEndpoints.saveSettings, { body: { baseVersion: current.version, settings } }),
    onSuccess: (data) => {
      onSaved(data.version);
      queryClient.setQueryData(schoolKeys.settings, data);
      void queryClient.invalidateQueries({ queryKey: schoolKeys.history });
      setSaved(true);
    },
  });
  const { settings, problems } = fromForm(form);
  const server = formErrorsOf(t, mutation.error);
  const stale = isApiError(mutation.error, "conflict") && mutation.error.reason === "stale_version";
  const serverFields = Object.fromEntries(
    Object.entries(server.fields).map(([k, v]) => [k.replace(/^settings\./, "").replace(/\.weightTenths$/, ".weight"), v]),
  );
  // Typed weights and the period system are checked as the admin edits; the rest after a save attempt.
  const errorOf = (path: string): string | undefined => {
    if (serverFields[path]) return serverFields[path];
    const code = problems[path];
    if (!code) return undefined;
    const live = path.endsWith(".weight") || path.startsWith("periodSystem") || path.startsWith("studyWeek");
    return live || attempted ? issueMessage(t, code) : undefined;
  };
  const update = (patch: Partial<SettingsForm>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (settings) mutation.mutate(settings);
  };
  const reload = async () => {
    mutation.reset();
    await queryClient.invalidateQueries({ queryKey: schoolKeys.all });
  };
  const when = current.createdAt
    ? new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "ru-RU", { dateStyle: "long", timeStyle: "short" }).format(
        new Date(current.createdAt),
      )
    : null;
  const number = (key: "minMarksForPeriod" | "editWindowDays" | "maxSessions", min: number, max: number) => (
    <NumberInput
      label={t(`schools.settings.field.${key}`)}
      description={t(`schools.settings.field.${key}Hint`)}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      value={form[key]}
      onChange={(v) => update({ [key]: typeof v === "number" ? v : Number.NaN })}
      error={errorOf(key)}
      disabled={disabled}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        <Stack gap={2}>
          <Title order={1}>{t("schools.settings.title")}</Title>
          <Text c="dimmed" size="sm">
            {current.version === 0
              ? t("schools.settings.defaults")
              : current.createdBy
                ? t("schools.settings.versionInfo", { version: current.version, when, who: current.createdBy.displayName })
                : t("schools.settings.versionInfoNoAuthor", { version: current.version, when })}
          </Text>
        </Stack>

        <Section title={t("schools.settings.section.workTypes")}>
          <WorkTypesEditor rows={form.workTypes} onChange={(workTypes) => update({ workTypes })} errorOf={errorOf} disabled={disabled} />
        </Section>

        <Section title={t("schools.settings.section.marks")}>
          <Radio.Group
            label={t("schools.settings.section.roundingRule")}
            value={form.roundingRule}
            onChange={(v) => update({ roundingRule: v as SettingsForm["roundingRule"] })}
          >
            <Stack gap="xs" mt="xs">
              {(["HALF_UP", "X60", "X65"] as const).map((rule) => (
                <Radio
                  key={rule}
                  value={rule}
                  label={t(`schools.settings.rounding.${rule}`)}
                  description={t(`schools.settings.rounding.${rule}Hint`)}
                  disabled={disabled}
                />
              ))}
            </Stack>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {number("minMarksForPeriod", 0, 20)}
            {number("editWindowDays", 0, 366)}
          </SimpleGrid>
          <MultiSelect
            label={t("schools.settings.field.requiredWorkTypesForPeriod")}
            description={t("schools.settings.field.requiredWorkTypesForPeriodHint")}
            data={form.workTypes.filter((w) => w.code).map((w) => ({ value: w.code, label: `${w.name} (${w.abbr})` }))}
            value={form.requiredWorkTypesForPeriod.filter((code) => form.workTypes.some((w) => w.code === code))}
            onChange={(requiredWorkTypesForPeriod) => update({ requiredWorkTypesForPeriod })}
            error={errorOf("requiredWorkTypesForPeriod")}
            disabled={disabled}
            clearable
          />
          <Switch
            label={t("schools.settings.field.allowMarkOne")}
            checked={form.allowMarkOne}
            onChange={(ev) => update({ allowMarkOne: ev.currentTarget.checked })}
            disabled={disabled}
          />
        </Section>

        <Section title={t("schools.settings.section.attendanceLetters")}>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {ATTENDANCE_STATES.map((state) => (
              <TextInput
                key={state}
                label={t(`schools.settings.attendance.${state}`)}
                maxLength={3}
                value={form.attendanceLetters[state]}
                onChange={(ev) => update({ attendanceLetters: { ...form.attendanceLetters, [state]: ev.currentTarget.value } })}
                error={errorOf(`attendanceLetters.${state}`)}
                disabled={disabled}
              />
            ))}
          </SimpleGrid>
        </Section>

        <Section title={t("schools.settings.section.periodSystem")}>
          <PeriodSystemEditor
            rows={form.periodSystem}
            onChange={(periodSystem) => update({ periodSystem })}
            errorOf={errorOf}
            disabled={disabled}
          />
        </Section>

        <Section title={t("timetable.studyWeek.title")}>
          <StudyWeekEditor rows={form.studyWeek} onChange={(studyWeek) => update({ studyWeek })} errorOf={errorOf} disabled={disabled} />
        </Section>

        <Section title={t("schools.settings.section.security")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>{number("maxSessions", 1, 50)}</SimpleGrid>
          <Switch
            label={t("schools.settings.field.requireStaffMfa")}
            description={t("schools.settings.field.requireStaffMfaHint")}
            checked={form.requireStaffMfa}
            onChange={(ev) => update({ requireStaffMfa: ev.currentTarget.checked })}
            disabled={disabled}
          />
        </Section>

        {stale && (
          <Alert color="orange" variant="light" role="alert" title={t("schools.settings.staleTitle")}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("schools.settings.staleText")}</Text>
              <Button size="xs" variant="light" onClick={() => void reload()}>
                {t("schools.settings.reload")}
              </Button>
            </Stack>
          </Alert>
        )}
        {!stale && server.form && (
          <Alert color="red" variant="light" role="alert">
            {server.form}
          </Alert>
        )}
        {attempted && !settings && (
          <Alert color="red" variant="light" role="alert">
            {t("schools.settings.fixErrors")}
          </Alert>
        )}
        {saved && (
          <Alert color="green" variant="light" role="status">
            {t("schools.settings.saved")}
          </Alert>
        )}
        {!disabled && (
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending}>
              {t("schools.common.save")}
            </Button>
          </Group>
        )}

        <Section title={t("schools.settings.history.title")}>
          <SettingsHistory />
        </Section>
      </Stack>
    </form>
  );
}
