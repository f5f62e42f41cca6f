import { Alert, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/i18n.ts";
import { changedKeys } from "./settings-form.ts";
import { useSettingsHistory } from "./schools-api.ts";

/** Saved versions, newest first, with who saved each and what it changed. */
export function SettingsHistory() {
  const { t, i18n } = useTranslation();
  const history = useSettingsHistory();
  if (history.isError) return <Alert color="red">{errorMessage(t, history.error)}</Alert>;
  const items = history.data?.items ?? [];
  if (history.isSuccess && items.length === 0) return <Text c="dimmed">{t("schools.settings.history.empty")}</Text>;
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "ru-RU", { dateStyle: "medium", timeStyle: "short" }).format(
          new Date(iso),
        )
      : "";
  return (
    <List spacing="xs" listStyleType="none">
      {items.map((v, i) => {
        const changed = changedKeys(items[i + 1]?.settings, v.settings);
        return (
          <List.Item key={v.version}>
            <Text fw={500}>
              {t("schools.settings.history.version", { version: v.version })} · {when(v.createdAt)}
              {v.createdBy ? ` · ${v.createdBy.displayName}` : ""}
            </Text>
            {changed.length > 0 && (
              <Text size="sm" c="dimmed">
                {t("schools.settings.history.changed")}: {changed.map((k) => t(`schools.settings.history.key.${k}`)).join(", ")}
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}
