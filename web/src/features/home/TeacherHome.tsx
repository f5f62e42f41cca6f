import { Text } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { useTranslation } from "react-i18next";
import { HomeSection } from "./HomeSection.tsx";

/** A teacher's part of the home page; class teachers get a line about their class. */
export function TeacherHome({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const isClassTeacher = me.memberships.some(
    (m) => m.schoolId === me.currentSchoolId && m.role === "teacher" && m.classTeacherOf.length > 0,
  );
  return (
    <HomeSection userRole="teacher" title={t("home.teacher.title")} description={t("home.teacher.description")}>
      {isClassTeacher && <Text>{t("home.teacher.classTeacher")}</Text>}
    </HomeSection>
  );
}
