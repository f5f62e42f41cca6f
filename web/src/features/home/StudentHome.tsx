import { Alert, Group, Stack, Text } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../lib/api.ts";
import { formatDate } from "../people/people-format.ts";
import { useMyStudentProfile } from "./home-api.ts";
import { Fact, QueryState, TodayLessons } from "./home-ui.tsx";
import { HomeSection } from "./HomeSection.tsx";

/** A student's part of the home page: who and where they are, and today. */
export function StudentHome(_props: { me: MeView }) {
  const { t, i18n } = useTranslation();
  const profile = useMyStudentProfile();
  // An account the school has not linked to a student record yet: say so plainly.
  if (isApiError(profile.error, "not_found")) {
    return (
      <HomeSection userRole="student" title={t("home.student.title")} description={t("home.student.description")}>
        <Alert color="yellow">{t("home.student.notLinked")}</Alert>
      </HomeSection>
    );
  }
  return (
    <HomeSection userRole="student" title={t("home.student.title")} description={t("home.student.description")}>
      <QueryState isPending={profile.isPending} error={profile.error}>
        {() => {
          const me = profile.data!;
          return (
            <Stack gap="sm">
              <Text c="dimmed" size="sm">
                {t("home.student.today", { date: formatDate(me.today, i18n.language) })}
              </Text>
              <Group gap="lg" wrap="nowrap" align="flex-start">
                <Fact label={t("home.fact.class")} value={me.class?.name ?? t("home.fact.noClass")} />
                <Fact label={t("home.fact.classTeacher")} value={me.classTeacher?.displayName ?? t("home.fact.notSet")} grow />
              </Group>
              <Fact label={t("home.fact.school")} value={me.school.shortName} />
              <TodayLessons />
            </Stack>
          );
        }}
      </QueryState>
    </HomeSection>
  );
}
