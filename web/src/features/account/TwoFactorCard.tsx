import { Alert, Button, Card, Code, Group, Image, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import QRCode from "qrcode";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ME_KEY } from "../../app/session.tsx";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { issueCodesByField } from "../auth/identity-errors.ts";

/** Turning the authenticator app (TOTP) on and off, and the recovery codes shown once. */
export function TwoFactorCard({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => call(identityEndpoints.setupTotp) });
  const refreshMe = () => queryClient.invalidateQueries({ queryKey: ME_KEY });

  let body: React.ReactNode;
  if (recoveryCodes) {
    body = (
      <RecoveryCodes
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          setup.reset();
        }}
      />
    );
  } else if (me.mfaEnabled) {
    body = <DisableForm onDisabled={refreshMe} />;
  } else if (setup.data) {
    body = (
      <EnableForm
        secret={setup.data.secret}
        uri={setup.data.otpauthUri}
        onEnabled={(codes) => {
          setRecoveryCodes(codes);
          void refreshMe();
        }}
        onCancel={() => setup.reset()}
      />
    );
  } else {
    body = (
      <Stack gap="sm" align="flex-start">
        {setup.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, setup.error)}
          </Alert>
        )}
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t("account.mfa.start")}
        </Button>
      </Stack>
    );
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="mfa-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="mfa-title">
            {t("account.mfa.title")}
          </Title>
          <Text c="dimmed" size="sm">
            {me.mfaEnabled ? t("account.mfa.on") : t("account.mfa.off")}
          </Text>
        </div>
        {body}
      </Stack>
    </Card>
  );
}

function EnableForm({
  secret,
  uri,
  onEnabled,
  onCancel,
}: {
  secret: string;
  uri: string;
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string>();
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then(
      (svg) => live && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setQr(undefined),
    );
    return () => {
      live = false;
    };
  }, [uri]);
  const enable = useMutation({
    mutationFn: (value: string) => call(identityEndpoints.enableTotp, { body: { code: value } }),
    onSuccess: (result) => onEnabled(result.recoveryCodes),
    onError: (error) => setCodeError(issueCodesByField(error).has("code") ? t("account.mfa.wrongCode") : errorMessage(t, error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(value)) return setCodeError(t("register.code.format"));
    setCodeError(undefined);
    enable.mutate(value);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t("account.mfa.scan")}</Text>
        {qr && <Image src={qr} alt={t("account.mfa.qrAlt")} w={200} h={200} bg="white" p={4} radius="sm" />}
        <div>
          <Text size="sm">{t("account.mfa.secret")}</Text>
          <Code fz="md" style={{ overflowWrap: "anywhere", letterSpacing: "0.05em" }}>
            {secret.replace(/(.{4})/g, "$1 ").trim()}
          </Code>
        </div>
        <TextInput
          label={t("account.mfa.code")}
          description={t("account.mfa.codeHint")}
          name="one-time-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={8}
          required
          maw={240}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={codeError}
        />
        <Group gap="sm">
          <Button type="submit" loading={enable.isPending}>
            {t("account.mfa.enable")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("account.mfa.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const text = `${codes.join("\n")}\n`;
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "otmetka-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        {t("account.mfa.recoveryTitle")}
      </Title>
      <Alert color="yellow" variant="light">
        {t("account.mfa.recoveryText")}
      </Alert>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" component="ul" m={0} p={0} style={{ listStyle: "none" }} maw={420}>
        {codes.map((c) => (
          <Code component="li" key={c} fz="md" ta="center" py={6}>
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <Button
          variant="default"
          onClick={() =>
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t("account.mfa.copied") : t("account.mfa.copy")}
        </Button>
        <Button variant="default" onClick={download}>
          {t("account.mfa.download")}
        </Button>
        <Button onClick={onDone}>{t("account.mfa.saved")}</Button>
      </Group>
    </Stack>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string>();
  const disable = useMutation({
    mutationFn: () => call(identityEndpoints.disableMfa, { body: { password } }),
    onSuccess: () => {
      setOpen(false);
      setPassword("");
      onDisabled();
    },
    onError: (error) =>
      setPasswordError(issueCodesByField(error).has("password") ? t("account.mfa.wrongPassword") : errorMessage(t, error)),
  });
  if (!open) {
    return (
      <Button variant="light" color="red" onClick={() => setOpen(true)} style={{ alignSelf: "flex-start" }}>
        {t("account.mfa.disable")}
      </Button>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!password) return setPasswordError(t("register.required"));
        disable.mutate();
      }}
    >
      <Stack gap="sm" maw={360}>
        <Text size="sm">{t("account.mfa.disableIntro")}</Text>
        <PasswordInput
          label={t("account.mfa.password")}
          autoComplete="current-password"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={passwordError}
        />
        <Group gap="sm">
          <Button type="submit" color="red" loading={disable.isPending}>
            {t("account.mfa.disable")}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t("account.mfa.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
