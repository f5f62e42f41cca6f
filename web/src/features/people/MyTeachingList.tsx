import { Anchor, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyTeaching } from "./people-api.ts";

/**
 * What the signed-in teacher teaches, class by class, each linking to its roster; for the
 * teacher's home page (GET /api/v1/me/teaching).
 */
export function MyTeachingList() {
  const { t } = useTranslation();
  const mine = useMyTeaching();
  if (!mine.data) return null;
  const byClass = new Map<string, { name: string; subjects: string[]; led: boolean }>();
  for (const c of mine.data.classesLed) byClass.set(c.id, { name: c.name, subjects: [], led: true });
  for (const a of mine.data.assignments) {
    const entry = byClass.get(a.class.id) ?? { name: a.class.name, subjects: [], led: false };
    entry.subjects.push(a.group ? `${a.subject.name} (${a.group.name})` : a.subject.name);
    byClass.set(a.class.id, entry);
  }
  if (byClass.size === 0) return <Text c="dimmed">{t("people.roster.noClasses")}</Text>;
  return (
    <List spacing={4} listStyleType="none" aria-label={t("people.myTeaching.title")}>
      {[...byClass].map(([id, c]) => (
        <List.Item key={id}>
          <Anchor component={Link} to={`/roster?class=${id}`} fw={500}>
            {c.name}
          </Anchor>
          <Text span size="sm" c="dimmed">
            {" "}
            {[c.led ? t("people.myTeaching.classTeacher") : null, ...c.subjects].filter(Boolean).join(", ")}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
