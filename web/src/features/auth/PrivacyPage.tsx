import { Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { PERSONAL_DATA_POLICY_VERSION } from "@otmetka/core/contracts/identity.ts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../ui/page-title.ts";

const SECTIONS = ["who", "what", "why", "how", "rights", "term"] as const;

/** /privacy: the personal data policy a registering parent agrees to (its version is sent with the consent). */
export function PrivacyPage() {
  const { t } = useTranslation();
  usePageTitle(t("privacy.title"));
  return (
    <Paper maw={720} mx="auto" p={{ base: "md", xs: "xl" }} withBorder radius="lg">
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t("privacy.title")}
          </Title>
          <Text c="dimmed" mt={4}>
            {t("privacy.version", { version: PERSONAL_DATA_POLICY_VERSION })}
          </Text>
        </div>
        {SECTIONS.map((s) => (
          <section key={s}>
            <Title order={2} size="h4" mb={4}>
              {t(`privacy.sections.${s}.title`)}
            </Title>
            <Text>{t(`privacy.sections.${s}.text`)}</Text>
          </section>
        ))}
        <Anchor component={Link} to="/register">
          {t("privacy.back")}
        </Anchor>
      </Stack>
    </Paper>
  );
}
