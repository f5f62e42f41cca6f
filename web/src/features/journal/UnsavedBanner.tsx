import { Alert, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useValue } from "./keyed-store.ts";
import type { SaveQueue } from "./save-queue.ts";

/** Shown while changes fail to save: how many wait, and «Повторить» to send them now. */
export function UnsavedBanner({ queue }: { queue: SaveQueue }) {
  const { t } = useTranslation();
  const failing = useValue(queue.failing);
  const unsaved = useValue(queue.unsaved);
  if (failing === 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" p="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {t("journal.banner.unsaved", { count: unsaved })}
        </Text>
        <Button size="compact-sm" variant="default" onClick={() => queue.retryAll()}>
          {t("journal.banner.retry")}
        </Button>
      </Group>
    </Alert>
  );
}
