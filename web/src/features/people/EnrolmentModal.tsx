import { Alert, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { type EnrolmentView, peopleEndpoints } from "@otmetka/core/contracts/people.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./form-errors.ts";
import { useClasses } from "./people-api.ts";
import { todayIso } from "./people-format.ts";

export type EnrolmentAction = { kind: "enrol" } | { kind: "transfer"; from: EnrolmentView } | { kind: "end"; enrolment: EnrolmentView };

/** Enrol into a class, transfer to another class or subgroup, or end an enrolment on a date. */
export function EnrolmentModal({
  studentId,
  action,
  onClose,
  onSaved,
}: {
  studentId: string;
  action: EnrolmentAction;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const classes = useClasses(action.kind !== "end");
  const [classId, setClassId] = useState<string | null>(action.kind === "transfer" ? action.from.class.id : null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [date, setDate] = useState(todayIso());
  const groups = classes.data?.find((c) => c.id === classId)?.groups.filter((g) => !g.archived) ?? [];

  const mutation = useMutation({
    mutationFn: () => {
      if (action.kind === "end")
        return call(peopleEndpoints.endEnrolment, { params: { enrolmentId: action.enrolment.id }, body: { endsOn: date } });
      const target = { classId: classId ?? "", groupId: groupId ?? null };
      if (action.kind === "transfer") return call(peopleEndpoints.transfer, { params: { studentId }, body: { ...target, date } });
      return call(peopleEndpoints.enrol, { body: { studentId, ...target, startsOn: date } });
    },
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const title = t(`people.enrolment.${action.kind}Title`);
  const dateLabel =
    action.kind === "end"
      ? t("people.enrolment.lastDay")
      : action.kind === "transfer"
        ? t("people.enrolment.transferDate")
        : t("people.enrolment.firstDay");
  const dateError = errors.fields.endsOn ?? errors.fields.startsOn ?? errors.fields.date;

  return (
    <Modal closeButtonProps={{ "aria-label": t("people.common.close") }} opened onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          {action.kind !== "end" && (
            <>
              <Select
                label={t("people.field.class")}
                required
                searchable
                data={(classes.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.academicYearName}` }))}
                value={classId}
                onChange={(v) => {
                  setClassId(v);
                  setGroupId(null);
                }}
                error={errors.fields.classId && (classId ? errors.fields.classId : t("people.issue.required"))}
              />
              <Select
                label={t("people.field.group")}
                placeholder={t("people.enrolment.wholeClass")}
                clearable
                disabled={groups.length === 0}
                data={groups.map((g) => ({ value: g.id, label: g.name }))}
                value={groupId}
                onChange={setGroupId}
                error={errors.fields.groupId}
              />
            </>
          )}
          {action.kind === "transfer" && (
            <Alert variant="light">{t("people.enrolment.transferHint", { name: action.from.class.name })}</Alert>
          )}
          <TextInput
            label={dateLabel}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={dateError}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("people.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending} color={action.kind === "end" ? "red" : undefined}>
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
