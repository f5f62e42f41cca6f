import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function ArchivedBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color="gray">
      {t("structure.common.archived")}
    </Badge>
  );
}
