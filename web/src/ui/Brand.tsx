import { Anchor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The product name in the header, linking home. Not a heading: each page has its own h1. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/" fw={800} fz="xl" c="var(--mantine-color-bright)" underline="never" style={{ whiteSpace: "nowrap" }}>
      {t("app.name")}
    </Anchor>
  );
}
