import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { issueCodesByField } from "./identity-errors.ts";
import { NewPasswordForm } from "./NewPasswordForm.tsx";

type Step = { kind: "request" } | { kind: "email" } | { kind: "sms"; login: string } | { kind: "done" };

/**
 * /reset: ask for a reset by e-mail (a link comes back to /reset?token=…) or phone (an SMS code),
 * then set a new password. The answer never says whether the account exists.
 */
export function ResetPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token");
  const [step, setStep] = useState<Step>({ kind: "request" });
  usePageTitle(token || step.kind === "sms" ? t("reset.newTitle") : t("reset.title"));

  let content: React.ReactNode;
  if (step.kind === "done") {
    content = (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t("reset.newTitle")}
        </Title>
        <Alert color="teal" variant="light" role="status">
          {t("reset.done")}
        </Alert>
        <Button component={Link} to="/login" fullWidth>
          {t("reset.toLogin")}
        </Button>
      </Stack>
    );
  } else if (token) {
    content = <NewPasswordForm proof={{ token }} onDone={() => setStep({ kind: "done" })} />;
  } else if (step.kind === "sms") {
    content = <NewPasswordForm proof={{ login: step.login }} onDone={() => setStep({ kind: "done" })} />;
  } else if (step.kind === "email") {
    content = (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t("reset.title")}
        </Title>
        <Alert color="teal" variant="light" role="status">
          {t("reset.sentEmail")}
        </Alert>
        <Anchor component={Link} to="/login" ta="center">
          {t("reset.backToLogin")}
        </Anchor>
      </Stack>
    );
  } else {
    content = <RequestForm onSent={(channel, login) => setStep(channel === "email" ? { kind: "email" } : { kind: "sms", login })} />;
  }

  return (
    <Paper maw={480} mx="auto" p={{ base: "md", xs: "xl" }} withBorder radius="lg">
      {content}
    </Paper>
  );
}

function RequestForm({ onSent }: { onSent: (channel: "email" | "sms", login: string) => void }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState("");
  const [loginError, setLoginError] = useState<string>();
  const loginRef = useRef<HTMLInputElement>(null);
  const mutation = useMutation({
    mutationFn: (value: string) => call(identityEndpoints.requestPasswordReset, { body: { login: value } }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: (result, value) => onSent(result.channel, value),
    onError: (error) => {
      if (issueCodesByField(error).has("login")) {
        setLoginError(t("reset.loginInvalid"));
        loginRef.current?.focus();
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!login.trim()) {
      setLoginError(t("reset.loginInvalid"));
      return loginRef.current?.focus();
    }
    setLoginError(undefined);
    mutation.reset();
    mutation.mutate(login.trim());
  }

  const formError = mutation.isError && !loginError ? errorMessage(t, mutation.error) : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t("reset.title")}
          </Title>
          <Text c="dimmed" mt={4}>
            {t("reset.intro")}
          </Text>
        </div>
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          ref={loginRef}
          label={t("reset.login")}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          required
          autoFocus
          value={login}
          onChange={(event) => setLogin(event.currentTarget.value)}
          error={loginError}
        />
        <Button type="submit" fullWidth loading={mutation.isPending}>
          {t("reset.submit")}
        </Button>
        <Anchor component={Link} to="/login" ta="center">
          {t("reset.backToLogin")}
        </Anchor>
      </Stack>
    </form>
  );
}
