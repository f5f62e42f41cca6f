import { NavLink, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { isNavItemActive, navItemsFor } from "./nav.ts";
import { useCurrentUser } from "./session.tsx";

/** The main navigation: the items of nav.ts for the user's roles in the current school. */
export function NavbarLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const school = me.memberships.find((m) => m.schoolId === me.currentSchoolId)?.schoolName;
  return (
    <Stack gap={4}>
      {school && (
        <Text size="sm" c="dimmed" px="sm" pb="xs">
          {school}
        </Text>
      )}
      {navItemsFor(me.roles).map((item) => {
        const active = isNavItemActive(item, pathname);
        return (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={t(item.labelKey)}
            active={active}
            aria-current={active ? "page" : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </Stack>
  );
}
