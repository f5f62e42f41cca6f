import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { authEndpoints, type LoginInput, type LoginResult } from "@otmetka/core/contracts/auth.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { issueFields, loginErrorMessage } from "./auth-errors.ts";

type FieldErrors = { login?: string; password?: string };

/** Step one of sign-in: login (e-mail or phone) and password. */
export function CredentialsForm({ onResult }: { onResult: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: (body: LoginInput) => call(authEndpoints.login, { body }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: onResult,
    onError: (error) => {
      const fields = issueFields(error);
      setFieldErrors({
        login: fields.has("login") ? t("auth.login.loginInvalid") : undefined,
        password: fields.has("password") ? t("auth.login.passwordInvalid") : undefined,
      });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {
      login: login.trim() ? undefined : t("auth.login.loginRequired"),
      password: password ? undefined : t("auth.login.passwordRequired"),
    };
    setFieldErrors(errors);
    if (errors.login) return loginRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    mutation.reset();
    mutation.mutate({ login: login.trim(), password });
  }

  const formError = mutation.isError && !fieldErrors.login && !fieldErrors.password ? loginErrorMessage(t, mutation.error) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          ref={loginRef}
          label={t("auth.login.login")}
          description={t("auth.login.loginHint")}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          required
          value={login}
          onChange={(event) => setLogin(event.currentTarget.value)}
          error={fieldErrors.login}
        />
        <PasswordInput
          ref={passwordRef}
          label={t("auth.login.password")}
          name="password"
          autoComplete="current-password"
          maxLength={256}
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
          visibilityToggleFocusable
          visibilityToggleButtonProps={{ "aria-label": t("auth.login.showPassword"), title: t("auth.login.showPassword") }}
        />
        <Button type="submit" fullWidth loading={mutation.isPending}>
          {t("auth.login.submit")}
        </Button>
      </Stack>
    </form>
  );
}
