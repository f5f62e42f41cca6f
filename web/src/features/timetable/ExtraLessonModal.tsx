import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import type { ClassView } from "@otmetka/core/contracts/structure.ts";
import { timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { ConflictAlert } from "./ConflictAlert.tsx";
import type { Option } from "./EntryModal.tsx";
import { LESSON_NUMBERS } from "./timetable-api.ts";
import { timetableErrorsOf } from "./timetable-errors.ts";

/** A one-off extra lesson on a date: class (or subgroup), subject, teacher, lesson number, room and why. */
export function ExtraLessonModal({
  date,
  classes,
  subjects,
  teachers,
  onClose,
  onSaved,
}: {
  date: string;
  classes: ClassView[];
  subjects: Option[];
  teachers: Option[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    date,
    classId: null as string | null,
    groupId: "",
    subjectId: null as string | null,
    teacherId: null as string | null,
    lessonNumber: "1",
    room: "",
    reason: "",
  });
  const [attempted, setAttempted] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const klass = classes.find((c) => c.id === form.classId);
  const mutation = useMutation({
    mutationFn: () =>
      call(e.addExtraLesson, {
        body: {
          date: form.date,
          classId: form.classId ?? "",
          groupId: form.groupId || null,
          subjectId: form.subjectId ?? "",
          teacherId: form.teacherId ?? "",
          lessonNumber: Number(form.lessonNumber),
          room: form.room,
          reason: form.reason,
        },
      }),
    onSuccess: onSaved,
  });
  const errors = timetableErrorsOf(t, mutation.error);
  const missing = (value: string | null) => (attempted && !value ? t("timetable.issue.required") : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (form.classId && form.subjectId && form.teacherId && form.date) mutation.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      title={t("timetable.extra.title")}
      closeButtonProps={{ "aria-label": t("structure.common.close") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="date"
              label={t("timetable.extra.date")}
              required
              value={form.date}
              onChange={(ev) => set({ date: ev.currentTarget.value })}
              error={errors.fields.date ?? missing(form.date)}
            />
            <Select
              label={t("timetable.entry.lessonNumber")}
              data={LESSON_NUMBERS.map((n) => ({ value: String(n), label: t("timetable.lessonN", { n }) }))}
              value={form.lessonNumber}
              onChange={(v) => set({ lessonNumber: v ?? "1" })}
              allowDeselect={false}
            />
            <Select
              label={t("timetable.admin.class")}
              required
              searchable
              data={classes.map((c) => ({ value: c.id, label: c.name }))}
              value={form.classId}
              onChange={(v) => set({ classId: v, groupId: "" })}
              error={errors.fields.classId ?? missing(form.classId)}
              nothingFoundMessage={t("timetable.nothingFound")}
            />
            <Select
              label={t("timetable.entry.group")}
              data={[
                { value: "", label: t("timetable.wholeClass") },
                ...(klass?.groups ?? []).filter((g) => !g.archived).map((g) => ({ value: g.id, label: g.name })),
              ]}
              value={form.groupId}
              onChange={(v) => set({ groupId: v ?? "" })}
              allowDeselect={false}
              error={errors.fields.groupId}
            />
          </SimpleGrid>
          <Select
            label={t("timetable.entry.subject")}
            required
            searchable
            data={subjects}
            value={form.subjectId}
            onChange={(v) => set({ subjectId: v })}
            error={errors.fields.subjectId ?? missing(form.subjectId)}
            nothingFoundMessage={t("timetable.nothingFound")}
          />
          <Select
            label={t("timetable.entry.teacher")}
            required
            searchable
            data={teachers}
            value={form.teacherId}
            onChange={(v) => set({ teacherId: v })}
            error={errors.fields.teacherId ?? missing(form.teacherId)}
            nothingFoundMessage={t("timetable.nothingFound")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t("timetable.entry.room")}
              maxLength={20}
              value={form.room}
              onChange={(ev) => set({ room: ev.currentTarget.value })}
              error={errors.fields.room}
            />
            <TextInput
              label={t("timetable.changes.reason")}
              maxLength={200}
              value={form.reason}
              onChange={(ev) => set({ reason: ev.currentTarget.value })}
              error={errors.fields.reason}
            />
          </SimpleGrid>
          <ConflictAlert error={mutation.error} />
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("structure.common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t("timetable.extra.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
