import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../ui/page-title.ts";

/** "Page not found" body, for use inside a layout that provides the `<main>` landmark. */
export function NotFoundContent() {
  const { t } = useTranslation();
  usePageTitle(t("app.notFound.title"));
  return (
    <Stack gap="sm" py="xl">
      <Title order={1}>{t("app.notFound.title")}</Title>
      <Text>{t("app.notFound.text")}</Text>
      <Anchor component={Link} to="/">
        {t("app.notFound.home")}
      </Anchor>
    </Stack>
  );
}
