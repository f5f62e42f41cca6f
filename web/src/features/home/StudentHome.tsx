import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { useTranslation } from "react-i18next";
import { HomeSection } from "./HomeSection.tsx";

/** A student's part of the home page. */
export function StudentHome(_props: { me: MeView }) {
  const { t } = useTranslation();
  return <HomeSection userRole="student" title={t("home.student.title")} description={t("home.student.description")} />;
}
