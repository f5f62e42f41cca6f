import { useTranslation } from "react-i18next";

/** First focusable element of every page: jumps over the header and navigation to `#main`. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/useValidAnchor: a real link to #main for assistive technology; the click handler only keeps the URL clean
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        // Move focus without touching the URL (the router would treat a hash change as navigation).
        event.preventDefault();
        document.getElementById("main")?.focus();
      }}
    >
      {t("app.skipToContent")}
    </a>
  );
}
