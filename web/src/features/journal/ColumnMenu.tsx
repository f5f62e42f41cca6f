import { Alert, Anchor, Button, Group, NativeSelect, NumberInput, Stack, Text } from "@mantine/core";
import { type JournalGrid, type JournalLesson, journalEndpoints } from "@otmetka/core/contracts/journal.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { AnchoredPopover } from "./AnchoredPopover.tsx";
import { shortDate, weightText } from "./grid-model.ts";
import { journalKeys } from "./journal-api.ts";
import type { JournalController } from "./journal-controller.ts";
import { useValue } from "./keyed-store.ts";

/** A lesson column's menu: its page, and (for its teacher) the work type and weight of its marks. */
export function ColumnMenu({ c, grid }: { c: JournalController; grid: JournalGrid }) {
  const { t } = useTranslation();
  const editor = useValue(c.editor);
  const lessons = useValue(c.lessons);
  const col = editor?.kind === "column" ? editor.col : null;
  const lesson = col === null ? undefined : lessons[col];
  const close = () => {
    c.editor.set(null);
    c.focus.restore();
  };
  const title = lesson ? t("journal.aria.lesson", { date: shortDate(lesson.date), number: lesson.lessonNumber }) : "";
  return (
    <AnchoredPopover anchor={col === null ? null : c.focus.cellElement({ row: -1, col })} onClose={close} label={title} width={320}>
      {lesson && <LessonForm key={lesson.id} c={c} grid={grid} lesson={lesson} title={title} onDone={close} />}
    </AnchoredPopover>
  );
}

function LessonForm({
  c,
  grid,
  lesson,
  title,
  onDone,
}: {
  c: JournalController;
  grid: JournalGrid;
  lesson: JournalLesson;
  title: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [workType, setWorkType] = useState(lesson.workType ?? "");
  const [weight, setWeight] = useState<number | string>(lesson.weightOverridden ? lesson.weightTenths / 10 : "");
  const typeWeight = grid.settings.workTypes.find((w) => w.code === (workType || "classwork"))?.weightTenths ?? 10;
  const weightTenths = weight === "" ? null : Math.round(Number(weight) * 10);
  const weightValid = weightTenths === null || (weightTenths >= 1 && weightTenths <= 100);
  const mutation = useMutation({
    mutationFn: () =>
      call(journalEndpoints.updateLesson, {
        params: { lessonId: lesson.id },
        body: { workType: workType || null, weightTenths, version: lesson.version },
      }),
    onSuccess: (updated) => {
      c.updateLesson(updated);
      // Weights change averages and suggestions: read them again.
      void queryClient.invalidateQueries({ queryKey: journalKeys.all });
      onDone();
    },
  });
  const editable = grid.abilities.editLessons && lesson.status !== "cancelled";
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm" className="jg-menu-title">
        {title}
      </Text>
      <Text size="sm">{lesson.topic ? t("journal.column.topic", { topic: lesson.topic }) : t("journal.column.noTopic")}</Text>
      <Anchor component={Link} to={`/lessons/${lesson.id}`} size="sm" underline="always">
        {t("journal.column.openLesson")}
      </Anchor>
      {editable && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (weightValid) mutation.mutate();
          }}
        >
          <Stack gap="xs">
            <NativeSelect
              label={t("journal.column.workType")}
              value={workType}
              onChange={(e) => setWorkType(e.currentTarget.value)}
              data={[
                { value: "", label: t("journal.column.noWorkType") },
                ...grid.settings.workTypes.map((w) => ({
                  value: w.code,
                  label: `${w.name} (${w.abbr}, ${t("journal.aria.weight", { weight: weightText(w.weightTenths, t("journal.decimalSeparator")) })})`,
                })),
              ]}
            />
            <NumberInput
              label={t("journal.column.weight")}
              description={t("journal.column.weightHint", { weight: weightText(typeWeight, t("journal.decimalSeparator")) })}
              value={weight}
              onChange={setWeight}
              min={0.1}
              max={10}
              step={0.5}
              decimalScale={1}
              decimalSeparator={t("journal.decimalSeparator")}
              error={weightValid ? undefined : t("journal.column.weightInvalid")}
            />
            {mutation.isError && (
              <Alert color="red" variant="light" role="alert" p="xs">
                {errorMessage(t, mutation.error)}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="compact-sm" onClick={onDone}>
                {t("journal.dialog.cancel")}
              </Button>
              <Button type="submit" size="compact-sm" loading={mutation.isPending}>
                {t("journal.column.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
