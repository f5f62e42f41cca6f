import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { Homework, LessonPage as LessonPageData } from "@otmetka/core/contracts/lessons.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { HomeworkCard } from "./HomeworkCard.tsx";
import { HomeworkForm } from "./HomeworkForm.tsx";
import { useLessonPage } from "./lessons-api.ts";
import { formatDay } from "./lessons-format.ts";
import { TopicCard } from "./TopicCard.tsx";

/** The lesson page of the journal's teachers: what the lesson is, its topic, the homework given and due. */
export function LessonPage() {
  const { t, i18n } = useTranslation();
  const { lessonId = "" } = useParams();
  const page = useLessonPage(lessonId);
  const lesson = page.data?.lesson;
  usePageTitle(
    lesson ? `${lesson.subject.name}, ${lesson.class.name} — ${formatDay(lesson.date, i18n.language)}` : t("lessons.page.title"),
  );

  if (page.isPending) return <CenteredLoader />;
  if (page.isError || !page.data || !lesson) return <Alert color="red">{errorMessage(t, page.error)}</Alert>;
  const data = page.data;

  return (
    <Stack gap="md" maw={960}>
      <Stack gap={4}>
        <Title order={1}>
          {lesson.subject.name}, {lesson.class.name}
          {lesson.group ? ` (${lesson.group.name})` : ""}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Text>{t("lessons.page.when", { day: formatDay(lesson.date, i18n.language), number: lesson.lessonNumber })}</Text>
          {lesson.room && <Text c="dimmed">· {t("lessons.page.room", { room: lesson.room })}</Text>}
          {lesson.status === "cancelled" && (
            <Badge color="red" variant="filled" style={{ textTransform: "none" }}>
              {t("lessons.page.cancelled")}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {lesson.substitute
            ? t("lessons.page.substitute", { teacher: lesson.teacher.displayName, substitute: lesson.substitute.displayName })
            : t("lessons.page.teacher", { teacher: lesson.teacher.displayName })}
        </Text>
      </Stack>
      <Group gap="xs" component="nav" aria-label={t("lessons.page.neighbours")}>
        {data.previousLesson && (
          <Button component={Link} to={`/lessons/${data.previousLesson.id}`} variant="default" size="xs">
            ← {t("lessons.page.previous")}
          </Button>
        )}
        {data.nextLesson && (
          <Button component={Link} to={`/lessons/${data.nextLesson.id}`} variant="default" size="xs">
            {t("lessons.page.next")} →
          </Button>
        )}
      </Group>
      <TopicCard key={lesson.id} page={data} />
      <GivenHomework key={lesson.id} page={data} />
      {data.homeworkDue.length > 0 && (
        <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" component="section" aria-labelledby="due-title">
          <Stack gap="sm">
            <Title order={2} size="h3" id="due-title">
              {t("lessons.homework.dueTitle")}
            </Title>
            {data.homeworkDue.map((h) => (
              <HomeworkCard key={h.id} homework={h} canEdit={false} canCheck={data.abilities.checkHomework} showGivenOn />
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** Homework given at the lesson, with the form to give more or change one. */
function GivenHomework({ page }: { page: LessonPageData }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Homework | "new" | null>(null);
  const [savedNotice, setSavedNotice] = useState(false);
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" component="section" aria-labelledby="homework-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="homework-title">
            {t("lessons.homework.title")}
          </Title>
          {page.abilities.editHomework && editing === null && (
            <Button
              onClick={() => {
                setEditing("new");
                setSavedNotice(false);
              }}
            >
              {t("lessons.homework.add")}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {savedNotice ? t("lessons.homework.saved") : ""}
        </Text>
        {page.homework.length === 0 && editing === null && <Text c="dimmed">{t("lessons.homework.none")}</Text>}
        {editing === "new" && (
          <HomeworkForm
            page={page}
            homework={null}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              setSavedNotice(true);
            }}
          />
        )}
        {page.homework.map((h) =>
          editing !== null && editing !== "new" && editing.id === h.id ? (
            <HomeworkForm
              key={h.id}
              page={page}
              homework={h}
              onCancel={() => setEditing(null)}
              onDone={() => {
                setEditing(null);
                setSavedNotice(true);
              }}
            />
          ) : (
            <HomeworkCard
              key={h.id}
              homework={h}
              canEdit={page.abilities.editHomework}
              canCheck={page.abilities.checkHomework}
              onEdit={() => setEditing(h)}
            />
          ),
        )}
      </Stack>
    </Paper>
  );
}
