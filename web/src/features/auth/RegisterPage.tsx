import { Alert, Anchor, Button, Checkbox, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { type CodeSent, identityEndpoints, PERSONAL_DATA_POLICY_VERSION, type RegisterInput } from "@otmetka/core/contracts/identity.ts";
import { isMobilePhone, normalizePhone } from "@otmetka/core/rules/identifiers.ts";
import { checkPassword } from "@otmetka/core/rules/password.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { useMe } from "../../app/session.tsx";
import { call } from "../../lib/api.ts";
import { currentLanguage, errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { issueCodesByField } from "./identity-errors.ts";
import { PasswordChecklist } from "./PasswordChecklist.tsx";
import { RegisterCodeStep } from "./RegisterCodeStep.tsx";

type Field = "lastName" | "firstName" | "middleName" | "email" | "phone" | "birthDate" | "password" | "consent";
type Values = Record<Exclude<Field, "consent">, string> & { consent: boolean };
type Errors = Partial<Record<Field, string>>;

const EMPTY: Values = { lastName: "", firstName: "", middleName: "", email: "", phone: "", birthDate: "", password: "", consent: false };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Hints under the inputs, so inputs side by side line up whatever the length of their hints. */
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];
const FIELD_ORDER: Field[] = ["lastName", "firstName", "middleName", "email", "phone", "birthDate", "password", "consent"];

/** /register: a parent creates an account, then confirms it with the code sent by e-mail or SMS. */
export function RegisterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState<{ result: CodeSent; login: string } | null>(null);
  usePageTitle(sent ? t("register.code.title") : t("register.title"));

  const mutation = useMutation({
    mutationFn: (body: RegisterInput) => call(identityEndpoints.register, { body }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: (result, body) => setSent({ result, login: body.email ?? body.phone ?? "" }),
    onError: (error) => showErrors(serverErrors(error)),
  });

  if (me.data) return <Navigate to="/" replace />;
  if (me.isPending) return <CenteredLoader />;

  const set = (field: Exclude<Field, "consent">) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const context = {
    names: [values.lastName, values.firstName, values.middleName],
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    birthDate: values.birthDate || null,
  };

  function showErrors(found: Errors) {
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) document.getElementById(`register-${first}`)?.focus();
  }

  function serverErrors(error: unknown): Errors {
    const byField = issueCodesByField(error);
    const found: Errors = {};
    if (byField.has("lastName")) found.lastName = t("register.required");
    if (byField.has("firstName")) found.firstName = t("register.required");
    if (byField.get("email")?.includes("login_required")) found.email = t("register.loginRequired");
    else if (byField.has("email")) found.email = t("register.emailInvalid");
    if (byField.has("phone")) found.phone = t("register.phoneInvalid");
    if (byField.has("birthDate")) found.birthDate = t("register.birthDateInvalid");
    if (byField.has("password")) found.password = t("passwordRules.notMet");
    if (byField.has("consentVersion")) found.consent = t("register.consentOutdated");
    if (byField.has("consent")) found.consent = t("register.consentRequired");
    return found;
  }

  function validate(): Errors {
    const found: Errors = {};
    const email = values.email.trim();
    const phone = values.phone.trim();
    if (!values.lastName.trim()) found.lastName = t("register.required");
    if (!values.firstName.trim()) found.firstName = t("register.required");
    if (!email && !phone) found.email = t("register.loginRequired");
    if (email && !EMAIL.test(email)) found.email = t("register.emailInvalid");
    const e164 = phone ? normalizePhone(phone) : null;
    if (phone && !(e164 && isMobilePhone(e164))) found.phone = t("register.phoneInvalid");
    if (values.birthDate && (values.birthDate > new Date().toISOString().slice(0, 10) || values.birthDate < "1900-01-01")) {
      found.birthDate = t("register.birthDateInvalid");
    }
    if (checkPassword(values.password, context).length > 0) found.password = t("passwordRules.notMet");
    if (!values.consent) found.consent = t("register.consentRequired");
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    showErrors(found);
    if (Object.keys(found).length > 0) return;
    const optional = (value: string) => value.trim() || undefined;
    mutation.reset();
    mutation.mutate({
      lastName: values.lastName.trim(),
      firstName: values.firstName.trim(),
      middleName: optional(values.middleName),
      email: optional(values.email),
      phone: optional(values.phone),
      birthDate: values.birthDate || undefined,
      password: values.password,
      consent: true,
      consentVersion: PERSONAL_DATA_POLICY_VERSION,
      locale: currentLanguage(),
    });
  }

  const formError = mutation.isError && Object.keys(errors).length === 0 ? errorMessage(t, mutation.error) : null;

  return (
    <Paper maw={640} mx="auto" p={{ base: "md", xs: "xl" }} withBorder radius="lg">
      {sent ? (
        <RegisterCodeStep sent={sent.result} login={sent.login} onBack={() => setSent(null)} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {t("register.title")}
              </Title>
              <Text c="dimmed" mt={4}>
                {t("register.intro")}
              </Text>
            </div>
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <TextInput
                id="register-lastName"
                label={t("register.lastName")}
                name="family-name"
                autoComplete="family-name"
                required
                maxLength={100}
                value={values.lastName}
                onChange={set("lastName")}
                error={errors.lastName}
              />
              <TextInput
                id="register-firstName"
                label={t("register.firstName")}
                name="given-name"
                autoComplete="given-name"
                required
                maxLength={100}
                value={values.firstName}
                onChange={set("firstName")}
                error={errors.firstName}
              />
              <TextInput
                id="register-middleName"
                label={t("register.middleName")}
                description={t("register.middleNameHint")}
                inputWrapperOrder={BELOW}
                name="additional-name"
                autoComplete="additional-name"
                maxLength={100}
                value={values.middleName}
                onChange={set("middleName")}
                error={errors.middleName}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                id="register-email"
                type="email"
                label={t("register.email")}
                description={t("register.emailHint")}
                inputWrapperOrder={BELOW}
                name="email"
                autoComplete="email"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={254}
                value={values.email}
                onChange={set("email")}
                error={errors.email}
              />
              <TextInput
                id="register-phone"
                type="tel"
                label={t("register.phone")}
                description={t("register.phoneHint")}
                inputWrapperOrder={BELOW}
                name="tel"
                autoComplete="tel"
                maxLength={32}
                value={values.phone}
                onChange={set("phone")}
                error={errors.phone}
              />
            </SimpleGrid>
            <TextInput
              id="register-birthDate"
              type="date"
              label={t("register.birthDate")}
              description={t("register.birthDateHint")}
              inputWrapperOrder={BELOW}
              name="bday"
              autoComplete="bday"
              maw={260}
              value={values.birthDate}
              onChange={set("birthDate")}
              error={errors.birthDate}
            />
            <PasswordInput
              id="register-password"
              label={t("register.password")}
              name="new-password"
              autoComplete="new-password"
              required
              maxLength={256}
              value={values.password}
              onChange={set("password")}
              error={errors.password}
              aria-describedby="register-password-rules"
              visibilityToggleButtonProps={{ "aria-label": t("register.showPassword"), title: t("register.showPassword") }}
            />
            <PasswordChecklist id="register-password-rules" password={values.password} context={context} />
            <Checkbox
              id="register-consent"
              checked={values.consent}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setValues((v) => ({ ...v, consent: checked }));
              }}
              error={errors.consent}
              label={
                <>
                  {t("register.consent")}{" "}
                  <Anchor component={Link} to="/privacy" target="_blank" inherit underline="always">
                    {t("register.consentLink")}
                  </Anchor>
                </>
              }
            />
            <Button type="submit" fullWidth loading={mutation.isPending}>
              {t("register.submit")}
            </Button>
            <Group gap={6} justify="center">
              <Text>{t("register.haveAccount")}</Text>
              <Anchor component={Link} to="/login">
                {t("register.login")}
              </Anchor>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
