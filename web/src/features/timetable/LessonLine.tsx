import { Badge, Group, Stack, Text } from "@mantine/core";
import type { LessonChange, LessonView } from "@otmetka/core/contracts/timetable.ts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { shortName } from "./EntryGrid.tsx";

/** Dark outline colours only: a change is said in words, the colour merely repeats it. */
const CHANGE_COLOR: Record<LessonChange, string> = { substitute: "indigo", cancelled: "red", room: "violet", extra: "blue" };
/** Badges wrap on a narrow phone instead of cutting the word off. */
const BADGE_STYLES = {
  root: { height: "auto", textTransform: "none" as const },
  label: { whiteSpace: "normal" as const, overflow: "visible" },
};

/**
 * One dated lesson: number and times, subject (and subgroup), class, teacher, room, and each
 * change from the weekly timetable written out (a substitute, a cancellation with its reason,
 * another room, an extra lesson).
 */
export function LessonLine({ lesson, showClass, actions }: { lesson: LessonView; showClass: boolean; actions?: ReactNode }) {
  const { t } = useTranslation();
  const cancelled = lesson.status === "cancelled";
  const teacher = lesson.substitute
    ? t("timetable.lesson.substituteFor", {
        substitute: shortName(lesson.substitute.displayName),
        teacher: shortName(lesson.teacher.displayName),
      })
    : shortName(lesson.teacher.displayName);
  const notes: string[] = [];
  if (lesson.asSubstitute) notes.push(t("timetable.lesson.youSubstitute", { teacher: shortName(lesson.teacher.displayName) }));
  if (cancelled)
    notes.push(
      lesson.cancelReason ? t("timetable.lesson.cancelledBecause", { reason: lesson.cancelReason }) : t("timetable.change.cancelled"),
    );
  return (
    <Group wrap="nowrap" align="flex-start" gap="sm" py={6}>
      <Stack gap={0} w={76} style={{ flexShrink: 0 }}>
        <Text fw={700} size="sm">
          {t("timetable.lessonN", { n: lesson.lessonNumber })}
        </Text>
        {lesson.startsAt && (
          <Text size="xs" c="dimmed">
            {lesson.startsAt}–{lesson.endsAt}
          </Text>
        )}
      </Stack>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text fw={600} td={cancelled ? "line-through" : undefined}>
          {lesson.subject.name}
          {lesson.group ? ` (${lesson.group.name})` : ""}
          {showClass ? ` · ${lesson.class.name}` : ""}
        </Text>
        <Text size="sm">
          {teacher}
          {lesson.room ? ` · ${t("timetable.roomN", { room: lesson.room })}` : ""}
        </Text>
        {lesson.topic && (
          <Text size="sm" c="dimmed">
            {t("timetable.lesson.topic", { topic: lesson.topic })}
          </Text>
        )}
        {notes.map((note) => (
          <Text key={note} size="sm" fw={500}>
            {note}
          </Text>
        ))}
        {lesson.changes.length > 0 && (
          <Group gap={4}>
            {lesson.changes.map((change) => (
              <Badge key={change} variant="outline" color={CHANGE_COLOR[change]} size="sm" styles={BADGE_STYLES}>
                {t(`timetable.change.${change}`)}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      {actions}
    </Group>
  );
}
