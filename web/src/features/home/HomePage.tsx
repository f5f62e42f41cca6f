import { Alert, Stack, Text, Title } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { ROLES, type Role } from "@otmetka/core/contracts/common.ts";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../app/session.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { AdminHome } from "./AdminHome.tsx";
import { ParentHome } from "./ParentHome.tsx";
import { StudentHome } from "./StudentHome.tsx";
import { TeacherHome } from "./TeacherHome.tsx";

/** One section per role; a new role without a section does not compile. */
const SECTIONS: Record<Role, ComponentType<{ me: MeView }>> = {
  admin: AdminHome,
  teacher: TeacherHome,
  parent: ParentHome,
  student: StudentHome,
};

/** Home: a greeting, then a section for each role the user holds in the current school. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t("home.title"));
  const school = me.memberships.find((m) => m.schoolId === me.currentSchoolId)?.schoolName;
  const roles = ROLES.filter((role) => me.roles.includes(role));

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1}>{t("home.greeting", { name: me.displayName })}</Title>
        {school && (
          <Text c="dimmed" mt={4}>
            {t("home.school", { name: school })}
          </Text>
        )}
      </div>
      {roles.length === 0 && (
        <Alert
          color="blue"
          variant="light"
          title={
            <Title order={2} size="h4">
              {t("home.noRoles.title")}
            </Title>
          }
        >
          {t("home.noRoles.text")}
        </Alert>
      )}
      {roles.length === 0 && <ParentHome me={me} />}
      {roles.map((role) => {
        const Section = SECTIONS[role];
        return <Section key={role} me={me} />;
      })}
    </Stack>
  );
}
