import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import type { ClassRef, MyTeaching } from "@otmetka/core/contracts/staff.ts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyTeaching } from "../people/people-api.ts";
import { useClassSizes } from "./home-api.ts";
import { QueryState, TodayLessons } from "./home-ui.tsx";
import { HomeSection } from "./HomeSection.tsx";

interface ClassCard {
  class: ClassRef;
  /** «Математика», «Английский язык (1 группа)». */
  subjects: string[];
  isLed: boolean;
}

/** One card per class: the classes led first, then by the order the server gives (grade, letter). */
function classCards(teaching: MyTeaching): ClassCard[] {
  const cards = new Map<string, ClassCard>();
  const cardOf = (c: ClassRef) => {
    const found = cards.get(c.id);
    if (found) return found;
    const card: ClassCard = { class: c, subjects: [], isLed: false };
    cards.set(c.id, card);
    return card;
  };
  for (const c of teaching.classesLed) cardOf(c).isLed = true;
  for (const a of teaching.assignments) {
    cardOf(a.class).subjects.push(a.group ? `${a.subject.name} (${a.group.name})` : a.subject.name);
  }
  return [...cards.values()];
}

/** A teacher's part of the home page: today's lessons and the classes they teach or lead. */
export function TeacherHome(_props: { me: MeView }) {
  const { t } = useTranslation();
  const teaching = useMyTeaching();
  const sizes = useClassSizes();
  const countOf = (classId: string) => sizes.data?.items.find((i) => i.classId === classId)?.studentCount;
  return (
    <HomeSection userRole="teacher" title={t("home.teacher.title")} description={t("home.teacher.description")} showLinks={false}>
      <TodayLessons />
      <Title order={3} size="h4" mt="xs">
        {t("home.teacher.classes")}
      </Title>
      <QueryState isPending={teaching.isPending} error={teaching.error}>
        {() => {
          const cards = classCards(teaching.data!);
          if (cards.length === 0) return <Text c="dimmed">{t("home.teacher.noClasses")}</Text>;
          return (
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {cards.map((card) => {
                const count = countOf(card.class.id);
                return (
                  <Paper component="li" key={card.class.id} withBorder p="md" radius="md">
                    <Stack gap={6} h="100%">
                      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                        <Title order={4} size="h3" lh={1.1}>
                          {card.class.name}
                        </Title>
                        {card.isLed && (
                          <Badge variant="light" size="sm" style={{ flex: "none" }}>
                            {t("home.teacher.classTeacherBadge")}
                          </Badge>
                        )}
                      </Group>
                      <Text size="sm">{card.subjects.length > 0 ? card.subjects.join(", ") : t("home.teacher.noSubjects")}</Text>
                      <Text size="sm" c="dimmed">
                        {count === undefined ? (sizes.isError ? "" : "…") : t("home.teacher.students", { count })}
                      </Text>
                      <Anchor component={Link} to={`/roster?class=${card.class.id}`} size="sm" mt="auto">
                        {t("home.teacher.roster", { name: card.class.name })}
                      </Anchor>
                    </Stack>
                  </Paper>
                );
              })}
            </SimpleGrid>
          );
        }}
      </QueryState>
    </HomeSection>
  );
}
