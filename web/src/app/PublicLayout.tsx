import { Box, Container, Group } from "@mantine/core";
import type { ReactNode } from "react";
import { Outlet } from "react-router";
import { Brand } from "../ui/Brand.tsx";
import { ColorSchemeToggle } from "../ui/ColorSchemeToggle.tsx";
import { LanguageSwitch } from "../ui/LanguageSwitch.tsx";
import { SkipLink } from "../ui/SkipLink.tsx";

/** Layout of the signed-out pages (sign-in, registration, password reset, not found). */
export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <>
      <SkipLink />
      <Box component="header" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Container size="lg" h={60}>
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Brand />
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <ColorSchemeToggle />
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size="lg" py="xl">
        {children ?? <Outlet />}
      </Container>
    </>
  );
}
