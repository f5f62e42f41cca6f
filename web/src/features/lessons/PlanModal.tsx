import { Alert, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { type LessonPlan, lessonPlanEndpoints } from "@otmetka/core/contracts/lesson-plans.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { useMyTeaching } from "../people/people-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";

/** Creating a plan (subject and, optionally, class from what the teacher teaches) or renaming one. */
export function PlanModal({
  plan,
  onClose,
  onSaved,
}: {
  plan: LessonPlan | null;
  onClose: () => void;
  onSaved: (plan: LessonPlan) => void;
}) {
  const { t } = useTranslation();
  const teaching = useMyTeaching();
  const assignments = teaching.data?.assignments ?? [];
  const subjects = [...new Map(assignments.map((a) => [a.subject.id, a.subject.name])).entries()].map(([value, label]) => ({
    value,
    label,
  }));
  const [name, setName] = useState(plan?.name ?? "");
  const [subjectId, setSubjectId] = useState<string | null>(plan?.subject.id ?? null);
  const [classId, setClassId] = useState<string | null>(plan?.class?.id ?? null);
  const classes = [...new Map(assignments.filter((a) => a.subject.id === subjectId).map((a) => [a.class.id, a.class.name])).entries()].map(
    ([value, label]) => ({ value, label }),
  );
  if (plan?.class && !classes.some((c) => c.value === plan.class?.id)) classes.push({ value: plan.class.id, label: plan.class.name });

  const save = useMutation({
    mutationFn: () =>
      plan
        ? call(lessonPlanEndpoints.update, { params: { planId: plan.id }, body: { name, classId } })
        : call(lessonPlanEndpoints.create, { body: { name, subjectId: subjectId ?? "", classId } }),
    onSuccess: onSaved,
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={plan ? t("lessons.plans.editTitle") : t("lessons.plans.newTitle")}
      closeButtonProps={{ "aria-label": t("lessons.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("lessons.plans.name")}
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
          />
          <Select
            label={t("lessons.plans.subject")}
            required
            disabled={plan !== null}
            data={plan ? [{ value: plan.subject.id, label: plan.subject.name }] : subjects}
            value={subjectId}
            onChange={(value) => {
              setSubjectId(value);
              setClassId(null);
            }}
            nothingFoundMessage={t("lessons.plans.noSubjects")}
          />
          <Select
            label={t("lessons.plans.class")}
            description={t("lessons.plans.classHint")}
            clearable
            data={classes}
            value={classId}
            onChange={setClassId}
          />
          {save.isError && (
            <Alert color="red" role="alert">
              {lessonErrorText(t, save.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("lessons.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={name.trim() === "" || !subjectId}>
              {t("lessons.plans.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
