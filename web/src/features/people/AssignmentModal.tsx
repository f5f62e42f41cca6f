import { Alert, Button, Group, Modal, Select, Stack } from "@mantine/core";
import { staffEndpoints } from "@otmetka/core/contracts/staff.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./form-errors.ts";
import { useClasses, useSubjects, useTeachers } from "./people-api.ts";

/** Assigns a teacher to teach a subject to a class or one of its subgroups. */
export function AssignmentModal({
  initial,
  onClose,
  onSaved,
}: {
  initial: { classId?: string | null; teacherId?: string | null };
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const classes = useClasses();
  const subjects = useSubjects();
  const teachers = useTeachers();
  const [teacherId, setTeacherId] = useState<string | null>(initial.teacherId ?? null);
  const [classId, setClassId] = useState<string | null>(initial.classId ?? null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const groups = classes.data?.find((c) => c.id === classId)?.groups.filter((g) => !g.archived) ?? [];
  const mutation = useMutation({
    mutationFn: () =>
      call(staffEndpoints.createAssignment, {
        body: { teacherId: teacherId ?? "", classId: classId ?? "", groupId, subjectId: subjectId ?? "" },
      }),
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const required = t("people.issue.required");
  return (
    <Modal closeButtonProps={{ "aria-label": t("people.common.close") }} opened onClose={onClose} title={t("people.assignments.addTitle")} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Select
            label={t("people.field.teacher")}
            required
            searchable
            data={(teachers.data ?? []).filter((m) => !m.archived).map((m) => ({ value: m.userId, label: m.displayName }))}
            value={teacherId}
            onChange={setTeacherId}
            error={errors.fields.teacherId && (teacherId ? errors.fields.teacherId : required)}
          />
          <Select
            label={t("people.field.class")}
            required
            searchable
            data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={classId}
            onChange={(v) => {
              setClassId(v);
              setGroupId(null);
            }}
            error={errors.fields.classId && (classId ? errors.fields.classId : required)}
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
          <Select
            label={t("people.field.subject")}
            required
            searchable
            data={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={subjectId}
            onChange={setSubjectId}
            error={errors.fields.subjectId && (subjectId ? errors.fields.subjectId : required)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("people.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t("people.assignments.addSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
