import { Alert, Button, Group, List, Modal, Select, Stack, Text } from "@mantine/core";
import { type FillTopicsResult, type LessonPlan, lessonPlanEndpoints } from "@otmetka/core/contracts/lesson-plans.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formatDate } from "../people/people-format.ts";
import { useMyTeaching } from "../people/people-api.ts";
import { lessonKeys } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";

const PREVIEW_ROWS = 8;

/**
 * «Заполнить темы из КТП»: choose the class (and subgroup) the plan's subject is taught to, see
 * which lessons would get which topics, then fill them.
 */
export function FillTopicsModal({ plan, onClose }: { plan: LessonPlan; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const teaching = useMyTeaching();
  const journals = (teaching.data?.assignments ?? []).filter(
    (a) => a.subject.id === plan.subject.id && (plan.class === null || a.class.id === plan.class.id),
  );
  const options = journals.map((a) => ({
    value: `${a.class.id}|${a.group?.id ?? ""}`,
    label: a.group ? `${a.class.name} (${a.group.name})` : a.class.name,
  }));
  if (plan.class && options.length === 0) options.push({ value: `${plan.class.id}|`, label: plan.class.name });
  const [choice, setChoice] = useState<string | null>(options[0]?.value ?? null);
  const [preview, setPreview] = useState<FillTopicsResult | null>(null);
  const [classId, groupId] = (choice ?? "|").split("|") as [string, string];

  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      call(lessonPlanEndpoints.fillTopics, { params: { planId: plan.id }, body: { classId, groupId: groupId || null, dryRun } }),
    onSuccess: (result) => {
      setPreview(result);
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: lessonKeys.all });
    },
  });

  return (
    <Modal opened onClose={onClose} title={t("lessons.fill.title")} closeButtonProps={{ "aria-label": t("lessons.close") }} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t("lessons.fill.intro")}</Text>
        <Select
          label={t("lessons.fill.class")}
          data={options}
          value={choice}
          onChange={(value) => {
            setChoice(value);
            setPreview(null);
          }}
          allowDeselect={false}
          nothingFoundMessage={t("lessons.fill.noClasses")}
        />
        {run.isError && (
          <Alert color="red" role="alert">
            {lessonErrorText(t, run.error)}
          </Alert>
        )}
        {preview && (
          <Alert color="blue" title={preview.dryRun ? t("lessons.fill.previewTitle") : t("lessons.fill.doneTitle")}>
            <Stack gap={4}>
              <Text size="sm">
                {t("lessons.fill.counts", { filled: preview.filled.length, kept: preview.keptTopics, without: preview.withoutRow })}
              </Text>
              {preview.dryRun && preview.filled.length > 0 && (
                <List size="sm" spacing={2}>
                  {preview.filled.slice(0, PREVIEW_ROWS).map((f) => (
                    <List.Item key={f.lessonId}>
                      {formatDate(f.date, i18n.language)}, {t("lessons.fill.lessonNumber", { number: f.lessonNumber })}: № {f.itemNumber}.{" "}
                      {f.topic}
                    </List.Item>
                  ))}
                  {preview.filled.length > PREVIEW_ROWS && (
                    <List.Item>{t("lessons.fill.more", { count: preview.filled.length - PREVIEW_ROWS })}</List.Item>
                  )}
                </List>
              )}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {preview && !preview.dryRun ? t("lessons.close") : t("lessons.cancel")}
          </Button>
          {!(preview && !preview.dryRun) && (
            <>
              <Button variant="light" onClick={() => run.mutate(true)} disabled={!choice} loading={run.isPending && run.variables === true}>
                {t("lessons.fill.preview")}
              </Button>
              <Button
                onClick={() => run.mutate(false)}
                disabled={!preview?.dryRun || preview.filled.length === 0}
                loading={run.isPending && run.variables === false}
              >
                {t("lessons.fill.run")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
