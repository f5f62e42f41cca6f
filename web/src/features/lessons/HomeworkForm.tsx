import { Alert, Button, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { FileRef } from "@otmetka/core/contracts/files.ts";
import { HOMEWORK_TEXT_MAX, type Homework, type LessonPage, lessonEndpoints } from "@otmetka/core/contracts/lessons.ts";
import { addDays } from "@otmetka/core/rules/timetable.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { call, isApiError } from "../../lib/api.ts";
import { FileUploads } from "./FileUploads.tsx";
import { lessonKeys } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";
import { lessonLabel } from "./lessons-format.ts";

type DueKind = "lesson" | "date";

/**
 * Giving or changing homework: text, files, when it is due (one of the next lessons, or a day)
 * and how long it should take. The saved homework comes back with the СанПиН warning, which
 * the homework card then shows.
 */
export function HomeworkForm({
  page,
  homework,
  onDone,
  onCancel,
}: {
  page: LessonPage;
  homework: Homework | null;
  onDone: (saved: Homework) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const laterOptions = page.laterLessons.map((l) => ({ value: l.id, label: lessonLabel(t, l, i18n.language) }));
  const initialLesson = homework ? (homework.dueLesson?.id ?? null) : (page.laterLessons[0]?.id ?? null);
  const [text, setText] = useState(homework?.text ?? "");
  const [files, setFiles] = useState<FileRef[]>(homework?.files ?? []);
  const [dueKind, setDueKind] = useState<DueKind>(homework ? (homework.dueLesson ? "lesson" : "date") : initialLesson ? "lesson" : "date");
  const [dueLessonId, setDueLessonId] = useState<string | null>(initialLesson);
  const [dueOn, setDueOn] = useState(homework?.dueLesson ? "" : (homework?.dueOn ?? ""));
  const [minutes, setMinutes] = useState<number | string>(homework?.expectedMinutes ?? "");
  const [touched, setTouched] = useState(false);
  // A due lesson further away than the picker lists stays choosable while editing.
  if (homework?.dueLesson && !laterOptions.some((o) => o.value === homework.dueLesson?.id)) {
    laterOptions.push({ value: homework.dueLesson.id, label: lessonLabel(t, homework.dueLesson, i18n.language) });
  }

  const save = useMutation({
    mutationFn: () => {
      const body = {
        text,
        fileIds: files.map((f) => f.id),
        ...(dueKind === "lesson" ? { dueLessonId } : { dueOn: dueOn || null }),
        expectedMinutes: typeof minutes === "number" ? minutes : null,
      };
      return homework
        ? call(lessonEndpoints.updateHomework, { params: { homeworkId: homework.id }, body: { ...body, version: homework.version } })
        : call(lessonEndpoints.createHomework, { params: { lessonId: page.lesson.id }, body });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: lessonKeys.all });
      onDone(saved);
    },
  });
  const textError = touched && text.trim() === "" ? t("lessons.homework.textRequired") : undefined;
  const fieldIssue = (field: string) =>
    isApiError(save.error) && save.error.issues.some((i) => i.path[1] === field) ? lessonErrorText(t, save.error) : undefined;
  const dueError = fieldIssue("dueLessonId") ?? fieldIssue("dueOn");

  return (
    <form
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (text.trim() !== "") save.mutate();
      }}
    >
      <Stack gap="sm">
        <Text fw={600} id={`${id}-title`}>
          {homework ? t("lessons.homework.editTitle") : t("lessons.homework.newTitle")}
        </Text>
        <Textarea
          label={t("lessons.homework.text")}
          required
          autosize
          minRows={3}
          maxRows={12}
          maxLength={HOMEWORK_TEXT_MAX}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={textError ?? fieldIssue("text")}
          description={t("lessons.homework.textCount", { count: text.length, max: HOMEWORK_TEXT_MAX })}
        />
        <FileUploads
          files={files}
          onAdd={(file) => setFiles((list) => [...list, file])}
          onRemove={(fileId) => setFiles((list) => list.filter((f) => f.id !== fileId))}
        />
        <div>
          <Text component="span" id={`${id}-due`} fw={500} size="sm" display="block" mb={4}>
            {t("lessons.homework.due")}
          </Text>
          <SegmentedControl
            aria-labelledby={`${id}-due`}
            value={dueKind}
            onChange={(value) => setDueKind(value as DueKind)}
            data={[
              { value: "lesson", label: t("lessons.homework.dueLesson"), disabled: laterOptions.length === 0 },
              { value: "date", label: t("lessons.homework.dueDate") },
            ]}
          />
        </div>
        {dueKind === "lesson" ? (
          <Select
            label={t("lessons.homework.dueLessonLabel")}
            data={laterOptions}
            value={dueLessonId}
            onChange={setDueLessonId}
            allowDeselect={false}
            error={dueError}
            w={{ base: "100%", xs: 320 }}
          />
        ) : (
          <TextInput
            type="date"
            label={t("lessons.homework.dueDateLabel")}
            value={dueOn}
            min={addDays(page.lesson.date, 1)}
            onChange={(event) => setDueOn(event.currentTarget.value)}
            error={dueError}
            w={{ base: "100%", xs: 220 }}
          />
        )}
        <NumberInput
          label={t("lessons.homework.minutes")}
          description={t("lessons.homework.minutesHint", { limit: page.homeworkLimitMinutes })}
          min={1}
          max={300}
          allowDecimal={false}
          allowNegative={false}
          value={minutes}
          onChange={setMinutes}
          error={fieldIssue("expectedMinutes")}
          w={{ base: "100%", xs: 360 }}
        />
        {save.isError && !fieldIssue("text") && !dueError && (
          <Alert color="red" role="alert">
            {isApiError(save.error, "conflict") ? t("lessons.homework.conflict") : lessonErrorText(t, save.error)}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t("lessons.homework.save")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("lessons.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
