import { Alert, Anchor, Button, Radio, Stack, Text, TextInput } from "@mantine/core";
import { authEndpoints, type LoginResult, type MeView } from "@otmetka/core/contracts/auth.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { mfaErrorMessage } from "./auth-errors.ts";
import { SendCodeButton } from "./SendCodeButton.tsx";

export type MfaMethod = Extract<LoginResult, { status: "mfa_required" }>["methods"][number];

const CODE_MIN = 4;
const CODE_MAX = 32;

/** Step two of sign-in: a code from one of the second-factor methods the server offered. */
export function MfaForm({
  methods,
  onSignedIn,
  onRestart,
}: {
  methods: readonly MfaMethod[];
  onSignedIn: (me: MeView) => void;
  onRestart: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<MfaMethod | undefined>(methods[0]);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string>();
  const codeRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: (body: { method: MfaMethod; code: string }) => call(authEndpoints.completeMfa, { body }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: (result) => onSignedIn(result.me),
    onError: (error) => {
      const { message, restart } = mfaErrorMessage(t, error);
      if (restart) return onRestart(message);
      setCodeError(message);
      codeRef.current?.focus();
    },
  });

  if (!method) {
    return (
      <Stack>
        <Alert color="red" variant="light" role="alert">
          {t("auth.mfa.noMethods")}
        </Alert>
        <Button variant="subtle" onClick={() => onRestart()}>
          {t("auth.mfa.back")}
        </Button>
      </Stack>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.trim();
    if (!method) return;
    if (value.length < CODE_MIN || value.length > CODE_MAX) {
      setCodeError(t("auth.mfa.codeInvalid"));
      return codeRef.current?.focus();
    }
    setCodeError(undefined);
    mutation.mutate({ method, code: value });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t("auth.mfa.intro")}</Text>
        {methods.length > 1 && (
          <Radio.Group
            label={t("auth.mfa.method")}
            value={method}
            onChange={(value) => {
              setMethod(value as MfaMethod);
              setCode("");
              setCodeError(undefined);
            }}
          >
            <Stack gap="xs" mt="xs">
              {methods.map((m) => (
                <Radio key={m} value={m} label={t(`auth.mfa.methods.${m}`)} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {(method === "email" || method === "sms") && <SendCodeButton method={method} />}
        <TextInput
          ref={codeRef}
          label={t(`auth.mfa.code.${method}`)}
          description={t(`auth.mfa.hint.${method}`)}
          name="code"
          autoComplete="one-time-code"
          inputMode={method === "recovery" ? "text" : "numeric"}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={CODE_MAX}
          required
          data-autofocus
          autoFocus
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={codeError}
        />
        <Button type="submit" fullWidth loading={mutation.isPending}>
          {t("auth.mfa.submit")}
        </Button>
        <Anchor component="button" type="button" ta="center" onClick={() => onRestart()}>
          {t("auth.mfa.back")}
        </Anchor>
      </Stack>
    </form>
  );
}
