import { Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLiveStatus } from "../lib/live.ts";

/** Dark enough on light and dark backgrounds (3:1 for a graphic); the text carries the meaning. */
const DOT_COLOR = {
  connecting: "var(--mantine-color-gray-6)",
  open: "var(--mantine-color-green-8)",
  reconnecting: "var(--mantine-color-red-8)",
};

/**
 * A small "updating live" indicator for pages that listen to live events (lib/live.ts). Shows
 * nothing while nobody listens. A polite live region, so a screen reader hears when the
 * connection drops and comes back.
 */
export function LiveStatus() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-live="polite">
      {status !== "idle" && (
        <>
          <svg width={10} height={10} viewBox="0 0 10 10" aria-hidden="true" focusable="false">
            {status === "reconnecting" ? (
              <circle cx="5" cy="5" r="4" fill="none" stroke={DOT_COLOR[status]} strokeWidth={2} />
            ) : (
              <circle cx="5" cy="5" r="5" fill={DOT_COLOR[status]} />
            )}
          </svg>
          <Text size="xs">{t(`live.status.${status}`)}</Text>
        </>
      )}
    </Group>
  );
}
