import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage, isLanguage, LANGUAGES, setLanguage } from "../lib/i18n.ts";

/** RU | EN radio group; each option is named in its own language for screen readers. */
export function LanguageSwitch() {
  const { t } = useTranslation(); // also re-renders this on a language change
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("app.language.label")}
      value={currentLanguage()}
      onChange={(value) => {
        if (isLanguage(value)) void setLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <>
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <VisuallyHidden lang={language}>{t(`app.language.${language}`)}</VisuallyHidden>
          </>
        ),
      }))}
    />
  );
}
