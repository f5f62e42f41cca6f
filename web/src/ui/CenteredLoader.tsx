import { Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A page-sized spinner announced to screen readers as "Loading…". */
export function CenteredLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="50vh" role="status" aria-live="polite">
      <Loader aria-label={t("app.loading")} />
    </Center>
  );
}
