import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { useTranslation } from "react-i18next";
import { HomeSection } from "./HomeSection.tsx";

/** A parent's part of the home page. */
export function ParentHome(_props: { me: MeView }) {
  const { t } = useTranslation();
  return <HomeSection userRole="parent" title={t("home.parent.title")} description={t("home.parent.description")} />;
}
