import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { type LessonPage, lessonEndpoints, TOPIC_MAX } from "@otmetka/core/contracts/lessons.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, isApiError } from "../../lib/api.ts";
import { formatDate } from "../people/people-format.ts";
import { lessonKeys } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";

/**
 * The lesson's topic: picked from the teacher's thematic plan (the row's text fills the field,
 * and stays linked to the row unless edited) or typed.
 */
export function TopicCard({ page }: { page: LessonPage }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { lesson } = page;
  const [topic, setTopic] = useState(lesson.topic);
  const [itemId, setItemId] = useState<string | null>(lesson.planItem?.id ?? null);
  const [saved, setSaved] = useState(false);
  const item = page.planItems.find((i) => i.id === itemId) ?? null;
  const linked = item !== null && item.topic === topic.trim();

  const save = useMutation({
    mutationFn: () =>
      call(lessonEndpoints.setTopic, {
        params: { lessonId: lesson.id },
        body: linked && item ? { planItemId: item.id, version: lesson.version } : { topic, version: lesson.version },
      }),
    onMutate: () => setSaved(false),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: lessonKeys.all });
    },
    onError: (error) => {
      if (isApiError(error, "conflict")) void queryClient.invalidateQueries({ queryKey: lessonKeys.page(lesson.id) });
    },
  });

  const plans = [...new Set(page.planItems.map((i) => i.planName))];
  const option = (i: (typeof page.planItems)[number]) => ({
    value: i.id,
    label: `№ ${i.number}. ${i.topic}${i.usedOn ? ` (${t("lessons.topic.usedOn", { date: formatDate(i.usedOn, i18n.language) })})` : ""}`,
  });
  const data =
    plans.length > 1
      ? plans.map((name) => ({ group: name, items: page.planItems.filter((i) => i.planName === name).map(option) }))
      : page.planItems.map(option);
  const dirty = topic.trim() !== lesson.topic || (linked ? item?.id : null) !== (lesson.planItem?.id ?? null);

  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" component="section" aria-labelledby="topic-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="topic-title">
          {t("lessons.topic.title")}
        </Title>
        {!page.abilities.editTopic && <Text>{lesson.topic || t("lessons.topic.none")}</Text>}
        {page.abilities.editTopic && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate();
            }}
          >
            <Stack gap="sm">
              {page.planItems.length > 0 ? (
                <Select
                  label={t("lessons.topic.fromPlan")}
                  placeholder={t("lessons.topic.searchPlan")}
                  searchable
                  clearable
                  nothingFoundMessage={t("lessons.topic.nothingFound")}
                  data={data}
                  value={itemId}
                  onChange={(value) => {
                    setItemId(value);
                    const picked = page.planItems.find((i) => i.id === value);
                    if (picked) setTopic(picked.topic);
                  }}
                  maxDropdownHeight={320}
                  comboboxProps={{ withinPortal: true }}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  {t("lessons.topic.noPlan")}
                </Text>
              )}
              <TextInput
                label={t("lessons.topic.label")}
                description={linked ? t("lessons.topic.linked", { number: item?.number }) : undefined}
                value={topic}
                maxLength={TOPIC_MAX}
                onChange={(event) => {
                  setTopic(event.currentTarget.value);
                  setSaved(false);
                }}
              />
              <Group gap="sm">
                <Button type="submit" loading={save.isPending} disabled={!dirty}>
                  {t("lessons.topic.save")}
                </Button>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {saved && !dirty ? t("lessons.saved") : ""}
                </Text>
              </Group>
              {save.isError && (
                <Alert color="red" role="alert">
                  {isApiError(save.error, "conflict") ? t("lessons.topic.conflict") : lessonErrorText(t, save.error)}
                </Alert>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
