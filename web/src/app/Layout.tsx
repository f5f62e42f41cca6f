import { AppShell, Burger, Group } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation } from "react-router";
import { Brand } from "../ui/Brand.tsx";
import { ColorSchemeToggle } from "../ui/ColorSchemeToggle.tsx";
import { LanguageSwitch } from "../ui/LanguageSwitch.tsx";
import { SkipLink } from "../ui/SkipLink.tsx";
import { NavbarLinks } from "./Navbar.tsx";
import { UserMenu } from "./UserMenu.tsx";

const NAVBAR_ID = "app-navbar";

/** The signed-in shell: header, navigation (a burger menu on phones) and the `<main>` landmark. */
export function Layout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isPhone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const { pathname } = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of a navigation
  useEffect(() => {
    close();
  }, [pathname, close]);

  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t("app.menu.close") : t("app.menu.open")}
              aria-expanded={opened}
              aria-controls={NAVBAR_ID}
            />
            <Brand />
            <Group ml="auto" gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <ColorSchemeToggle />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        {/* Off-screen on a phone when closed: inert keeps its links out of the tab order. */}
        <AppShell.Navbar id={NAVBAR_ID} p="sm" aria-label={t("app.menu.navigation")} inert={isPhone && !opened}>
          <NavbarLinks onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          {children ?? <Outlet />}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
