import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the document title to "<page> — Отметка" (WCAG 2.4.2), following the language. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const title = t("app.pageTitle", { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
