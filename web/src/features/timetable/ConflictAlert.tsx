import { Alert, List } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { conflictsOf, conflictText } from "./timetable-errors.ts";

/** The bookings a save collided with, one line each, announced to screen readers. */
export function ConflictAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const conflicts = conflictsOf(error);
  if (conflicts.length === 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={t("timetable.conflicts.title")}>
      <List size="sm" spacing={4}>
        {conflicts.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one booking may clash in two ways (teacher and room)
          <List.Item key={i}>{conflictText(t, c, i18n.language)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
