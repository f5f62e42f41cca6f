import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { checkPassword } from "@otmetka/core/rules/password.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { codeProblemMessage, issueCodesByField } from "./identity-errors.ts";
import { PasswordChecklist } from "./PasswordChecklist.tsx";

type Proof = { token: string } | { login: string };

/** The new password after a reset, proven by the e-mailed link's token or the SMS code. */
export function NewPasswordForm({ proof, onDone }: { proof: Proof; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ code?: string; password?: string }>({});
  const [linkProblem, setLinkProblem] = useState<"invalid_token" | "token_expired">();
  const bySms = "login" in proof;

  const mutation = useMutation({
    mutationFn: () =>
      call(identityEndpoints.confirmPasswordReset, {
        body: bySms ? { login: proof.login, code: code.replace(/\s/g, ""), password } : { token: proof.token, password },
      }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: onDone,
    onError: (error) => {
      const byField = issueCodesByField(error);
      const tokenCode = byField.get("token")?.[0];
      if (tokenCode === "invalid_token" || tokenCode === "token_expired") return setLinkProblem(tokenCode);
      setErrors({
        code: codeProblemMessage(t, error),
        password: byField.has("password") ? t("passwordRules.notMet") : undefined,
      });
    },
  });

  if (linkProblem) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t("reset.newTitle")}
        </Title>
        <Alert color="red" variant="light" role="alert">
          {t(`reset.${linkProblem}`)}
        </Alert>
        <Button component={Link} to="/reset" reloadDocument fullWidth>
          {t("reset.again")}
        </Button>
      </Stack>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      code: bySms && !/^\d{6}$/.test(code.replace(/\s/g, "")) ? t("register.code.format") : undefined,
      password: checkPassword(password).length > 0 ? t("passwordRules.notMet") : undefined,
    };
    setErrors(found);
    if (found.code || found.password) return;
    mutation.reset();
    mutation.mutate();
  }

  const formError = mutation.isError && !errors.code && !errors.password ? errorMessage(t, mutation.error) : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t("reset.newTitle")}
          </Title>
          <Text c="dimmed" mt={4}>
            {bySms ? t("reset.sentSms") : t("reset.newIntro")}
          </Text>
        </div>
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        {bySms && (
          <TextInput
            label={t("reset.code")}
            description={t("register.code.hint")}
            name="one-time-code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={8}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={errors.code}
          />
        )}
        <PasswordInput
          label={t("reset.password")}
          name="new-password"
          autoComplete="new-password"
          required
          autoFocus={!bySms}
          maxLength={256}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          aria-describedby="reset-password-rules"
          visibilityToggleButtonProps={{ "aria-label": t("register.showPassword"), title: t("register.showPassword") }}
        />
        <PasswordChecklist id="reset-password-rules" password={password} context={{}} />
        <Text size="sm" c="dimmed">
          {t("passwordRules.personalNote")}
        </Text>
        <Button type="submit" fullWidth loading={mutation.isPending}>
          {t("reset.save")}
        </Button>
        <Anchor component={Link} to="/login" ta="center">
          {t("reset.backToLogin")}
        </Anchor>
      </Stack>
    </form>
  );
}
