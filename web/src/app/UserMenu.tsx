import { Avatar, Box, Button, Divider, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { useClickOutside, useDisclosure } from "@mantine/hooks";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { LogoutIcon, UserIcon } from "../ui/icons.tsx";
import { useCurrentUser, useLogout } from "./session.tsx";

/**
 * Avatar button disclosing the user's name, school and "Sign out". A disclosure rather than
 * Mantine's Menu: Menu brings floating-ui (~27 KB gzip) into every page of the shell.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const logout = useLogout();
  const [opened, { toggle, close }] = useDisclosure(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useClickOutside<HTMLDivElement>(close);
  const { pathname } = useLocation();
  const school = me.memberships.find((m) => m.schoolId === me.currentSchoolId)?.schoolName;
  const contact = me.email ?? me.phone;

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of a navigation
  useEffect(() => {
    close();
  }, [pathname, close]);

  return (
    <Box
      ref={rootRef}
      pos="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && opened) {
          close();
          buttonRef.current?.focus();
        }
      }}
    >
      <UnstyledButton
        ref={buttonRef}
        aria-label={t("app.user.menu", { name: me.displayName })}
        aria-expanded={opened}
        aria-controls={panelId}
        onClick={toggle}
        style={{ borderRadius: "var(--mantine-radius-xl)", display: "block" }}
      >
        <Group gap="xs" wrap="nowrap">
          <Avatar color="blue" alt="">
            <UserIcon />
          </Avatar>
          <Text visibleFrom="md" fw={500} maw={200} truncate>
            {me.displayName}
          </Text>
        </Group>
      </UnstyledButton>
      <Paper
        id={panelId}
        display={opened ? "block" : "none"}
        withBorder
        shadow="md"
        p="xs"
        w={260}
        pos="absolute"
        right={0}
        top="calc(100% + 8px)"
        style={{ zIndex: "var(--mantine-z-index-popover)" }}
      >
        <Stack gap={2} p="xs">
          <Text fw={600}>{me.displayName}</Text>
          {contact && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {contact}
            </Text>
          )}
          {school && (
            <Text size="sm" c="dimmed">
              {school}
            </Text>
          )}
        </Stack>
        <Divider my="xs" />
        <Button
          variant="subtle"
          color="gray"
          fullWidth
          justify="flex-start"
          leftSection={<LogoutIcon size={18} />}
          loading={logout.isPending}
          onClick={() => logout.mutate()}
        >
          {t("app.user.logout")}
        </Button>
      </Paper>
    </Box>
  );
}
