import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { useTranslation } from "react-i18next";
import { HomeSection } from "./HomeSection.tsx";

/** School administration's part of the home page. */
export function AdminHome(_props: { me: MeView }) {
  const { t } = useTranslation();
  return <HomeSection userRole="admin" title={t("home.admin.title")} description={t("home.admin.description")} />;
}
