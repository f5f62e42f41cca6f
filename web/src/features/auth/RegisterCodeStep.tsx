import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { type CodeSent, identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { acceptSignedInUser } from "../../app/session.tsx";
import { call } from "../../lib/api.ts";
import { errorMessage, formatWait } from "../../lib/i18n.ts";
import { codeProblemMessage } from "./identity-errors.ts";
import { useCountdown } from "./use-countdown.ts";

/** Step two of registration: the code from the e-mail or SMS; success signs the parent in. */
export function RegisterCodeStep({ sent, login, onBack }: { sent: CodeSent; login: string; onBack: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string>();
  const [resent, setResent] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const countdown = useCountdown(sent.resendAfterSeconds);

  const confirm = useMutation({
    mutationFn: (value: string) => call(identityEndpoints.confirmRegistration, { body: { login, code: value } }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: (result) => acceptSignedInUser(queryClient, result.me),
    onError: (error) => {
      setCodeError(codeProblemMessage(t, error) ?? errorMessage(t, error));
      codeRef.current?.focus();
    },
  });
  const resend = useMutation({
    mutationFn: () => call(identityEndpoints.resendConfirmation, { body: { login } }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: () => {
      setResent(true);
      setCode("");
      setCodeError(undefined);
      countdown.start(sent.resendAfterSeconds);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(value)) {
      setCodeError(t("register.code.format"));
      return codeRef.current?.focus();
    }
    setCodeError(undefined);
    confirm.mutate(value);
  }

  const sentText = sent.channel === "email" ? t("register.code.sentEmail", sent) : t("register.code.sentSms", sent);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={1} size="h2">
          {t("register.code.title")}
        </Title>
        <Text>{sentText}</Text>
        <Text size="sm" c="dimmed">
          {t("register.code.existingNote")}
        </Text>
        {resent && (
          <Alert color="teal" variant="light" role="status">
            {t("register.code.resent")}
          </Alert>
        )}
        {resend.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, resend.error)}
          </Alert>
        )}
        <TextInput
          ref={codeRef}
          label={t("register.code.label")}
          description={t("register.code.hint")}
          name="one-time-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={8}
          required
          autoFocus
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={codeError}
        />
        <Button type="submit" fullWidth loading={confirm.isPending}>
          {t("register.code.submit")}
        </Button>
        <Button variant="default" fullWidth disabled={countdown.left > 0} loading={resend.isPending} onClick={() => resend.mutate()}>
          {countdown.left > 0 ? t("register.code.resendIn", { wait: formatWait(t, countdown.left) }) : t("register.code.resend")}
        </Button>
        <Anchor component="button" type="button" ta="center" onClick={onBack}>
          {t("register.code.back")}
        </Anchor>
      </Stack>
    </form>
  );
}
