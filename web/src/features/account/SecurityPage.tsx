import { Alert, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../app/session.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { ChangePasswordCard } from "./ChangePasswordCard.tsx";
import { SessionsCard } from "./SessionsCard.tsx";
import { TwoFactorCard } from "./TwoFactorCard.tsx";

/**
 * /account/security: password, two-factor sign-in and sessions. A member of staff whose school
 * requires 2FA and who has none sees only the 2FA setup (the server refuses everything else).
 */
export function SecurityPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t("account.title"));
  return (
    <Stack gap="lg" maw={840}>
      <div>
        <Title order={1}>{t("account.title")}</Title>
        <Text c="dimmed" mt={4}>
          {t("account.intro")}
        </Text>
      </div>
      {me.mfaSetupRequired && (
        <Alert color="orange" variant="light" title={t("account.mfaRequired.title")}>
          {t("account.mfaRequired.text")}
        </Alert>
      )}
      <TwoFactorCard me={me} />
      {!me.mfaSetupRequired && (
        <>
          <ChangePasswordCard me={me} />
          <SessionsCard />
        </>
      )}
    </Stack>
  );
}
