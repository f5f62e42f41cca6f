import { Alert, Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoginResult } from "@otmetka/core/contracts/auth.ts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { acceptSignedInUser, safeNextPath, sessionEndedUnasked, useMe } from "../../app/session.tsx";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { CredentialsForm } from "./CredentialsForm.tsx";
import { type MfaMethod, MfaForm } from "./MfaForm.tsx";

type Step = { kind: "credentials"; notice?: string } | { kind: "mfa"; methods: readonly MfaMethod[] };

/**
 * Sign-in: login and password, then a second factor when the server asks for one; on success
 * the user goes to `?next=` (a path on this site) or home.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const me = useMe();
  const [step, setStep] = useState<Step>({ kind: "credentials" });
  // Sent here because the session ended (it expired): say so, once.
  const [expired] = useState(() => sessionEndedUnasked());
  useEffect(() => void sessionEndedUnasked(true), []);
  const title = step.kind === "mfa" ? t("auth.mfa.title") : t("auth.login.title");
  usePageTitle(title);

  // Signing in stores the user in the `me` query, which lands here and redirects.
  if (me.data) return <Navigate to={safeNextPath(params.get("next"))} replace />;
  if (me.isPending) return <CenteredLoader />;

  function handleLogin(result: LoginResult) {
    if (result.status === "ok") void acceptSignedInUser(queryClient, result.me);
    else setStep({ kind: "mfa", methods: result.methods });
  }

  return (
    <Paper maw={440} mx="auto" p={{ base: "md", xs: "xl" }} withBorder radius="lg">
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {title}
          </Title>
          {step.kind === "credentials" && (
            <Text c="dimmed" mt={4}>
              {t("auth.login.intro")}
            </Text>
          )}
        </div>
        {step.kind === "credentials" ? (
          <>
            {expired && !step.notice && (
              <Alert variant="light" role="status">
                {t("auth.login.expired")}
              </Alert>
            )}
            {step.notice && (
              <Alert color="red" variant="light" role="alert">
                {step.notice}
              </Alert>
            )}
            <CredentialsForm onResult={handleLogin} />
            <Stack gap="xs" align="center">
              <Anchor component={Link} to="/reset">
                {t("auth.login.forgot")}
              </Anchor>
              <Group gap={6} justify="center">
                <Text>{t("auth.login.noAccount")}</Text>
                <Anchor component={Link} to="/register">
                  {t("auth.login.register")}
                </Anchor>
              </Group>
            </Stack>
          </>
        ) : (
          <MfaForm
            methods={step.methods}
            onSignedIn={(user) => void acceptSignedInUser(queryClient, user)}
            onRestart={(notice) => setStep({ kind: "credentials", notice })}
          />
        )}
      </Stack>
    </Paper>
  );
}
