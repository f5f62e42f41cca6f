import { Anchor, List, Paper, Stack, Text, Title } from "@mantine/core";
import type { Role } from "@otmetka/core/contracts/common.ts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { navItemsFor } from "../../app/nav.ts";

/**
 * The frame of one role's part of the home page: an h2, what the section is for, the role's
 * pages from the navigation (home itself left out) and whatever the role section puts inside.
 */
export function HomeSection({
  userRole,
  title,
  description,
  children,
  showLinks = true,
}: {
  userRole: Role;
  title: string;
  description: string;
  children?: ReactNode;
  /** List the role's pages from the navigation (off when the section links to them itself). */
  showLinks?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `home-${userRole}`;
  const links = showLinks ? navItemsFor([userRole]).filter((item) => item.path !== "/" && item.roles !== "any") : [];
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <Stack gap="sm">
        <Title order={2} id={headingId} size="h3">
          {title}
        </Title>
        <Text>{description}</Text>
        {children}
        {links.length > 0 && (
          <List listStyleType="none" spacing={4} aria-label={t("home.linksOf", { section: title })}>
            {links.map((item) => (
              <List.Item key={item.path}>
                <Anchor component={Link} to={item.path}>
                  {t(item.labelKey)}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
