import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import type { ClassView } from "@otmetka/core/contracts/structure.ts";
import { type TimetableEntryView, timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import type { TranslationKey } from "../../lib/i18n.ts";
import { ConflictAlert } from "./ConflictAlert.tsx";
import { LESSON_NUMBERS } from "./timetable-api.ts";
import { timetableErrorsOf } from "./timetable-errors.ts";

export interface Option {
  value: string;
  label: string;
}

/**
 * Adds or changes one weekly timetable entry of a class: day, lesson number, subject, teacher,
 * subgroup, room and the dates it holds. A double booking comes back as a list of conflicts.
 */
export function EntryModal({
  klass,
  year,
  entry,
  slot,
  studyDays,
  subjects,
  teachers,
  onClose,
  onSaved,
}: {
  klass: ClassView;
  year: { startsOn: string; endsOn: string };
  entry: TimetableEntryView | null;
  slot: { weekday: number; lessonNumber: number };
  studyDays: number;
  subjects: Option[];
  teachers: Option[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    weekday: String(entry?.weekday ?? slot.weekday),
    lessonNumber: String(entry?.lessonNumber ?? slot.lessonNumber),
    subjectId: entry?.subject.id ?? null,
    teacherId: entry?.teacher.id ?? null,
    groupId: entry?.group?.id ?? "",
    room: entry?.room ?? "",
    validFrom: entry?.validFrom ?? year.startsOn,
    validTo: entry?.validTo ?? year.endsOn,
  });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        weekday: Number(form.weekday),
        lessonNumber: Number(form.lessonNumber),
        subjectId: form.subjectId ?? "",
        teacherId: form.teacherId ?? "",
        groupId: form.groupId || null,
        room: form.room,
        validFrom: form.validFrom,
        validTo: form.validTo,
      };
      return entry
        ? call(e.updateEntry, { params: { entryId: entry.id }, body })
        : call(e.createEntry, { body: { ...body, classId: klass.id } });
    },
    onSuccess: onSaved,
  });
  const remove = useMutation({ mutationFn: () => call(e.archiveEntry, { params: { entryId: entry?.id ?? "" } }), onSuccess: onSaved });
  const errors = timetableErrorsOf(t, save.error ?? remove.error);
  const missing = (value: string | null) => (attempted && !value ? t("timetable.issue.required") : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (form.subjectId && form.teacherId) save.mutate();
  };
  const weekdays = Array.from({ length: Math.max(studyDays, entry?.weekday ?? 0) }, (_, i) => ({
    value: String(i + 1),
    label: t(`timetable.weekday.${i + 1}` as TranslationKey),
  }));
  const groups = [
    { value: "", label: t("timetable.wholeClass") },
    ...klass.groups.filter((g) => !g.archived).map((g) => ({ value: g.id, label: g.name })),
  ];

  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      title={t(entry ? "timetable.entry.editTitle" : "timetable.entry.createTitle", { class: klass.name })}
      closeButtonProps={{ "aria-label": t("structure.common.close") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t("timetable.entry.weekday")}
              data={weekdays}
              value={form.weekday}
              onChange={(v) => set({ weekday: v ?? "1" })}
              allowDeselect={false}
              error={errors.fields.weekday}
            />
            <Select
              label={t("timetable.entry.lessonNumber")}
              data={LESSON_NUMBERS.map((n) => ({ value: String(n), label: t("timetable.lessonN", { n }) }))}
              value={form.lessonNumber}
              onChange={(v) => set({ lessonNumber: v ?? "1" })}
              allowDeselect={false}
              error={errors.fields.lessonNumber}
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
            <Select
              label={t("timetable.entry.group")}
              data={groups}
              value={form.groupId}
              onChange={(v) => set({ groupId: v ?? "" })}
              allowDeselect={false}
              error={errors.fields.groupId}
            />
            <TextInput
              label={t("timetable.entry.room")}
              maxLength={20}
              value={form.room}
              onChange={(ev) => set({ room: ev.currentTarget.value })}
              error={errors.fields.room}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="date"
              label={t("timetable.entry.validFrom")}
              min={year.startsOn}
              max={year.endsOn}
              value={form.validFrom}
              onChange={(ev) => set({ validFrom: ev.currentTarget.value })}
              error={errors.fields.validFrom}
            />
            <TextInput
              type="date"
              label={t("timetable.entry.validTo")}
              min={form.validFrom || year.startsOn}
              max={year.endsOn}
              value={form.validTo}
              onChange={(ev) => set({ validTo: ev.currentTarget.value })}
              error={errors.fields.validTo}
            />
          </SimpleGrid>
          <ConflictAlert error={save.error} />
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          {confirmRemove && (
            <Alert color="red" variant="light" role="alert" title={t("timetable.entry.removeTitle")}>
              <Stack gap="xs" align="flex-start">
                {t("timetable.entry.removeText")}
                <Group>
                  <Button color="red" size="xs" loading={remove.isPending} onClick={() => remove.mutate()}>
                    {t("timetable.entry.removeConfirm")}
                  </Button>
                  <Button variant="default" size="xs" onClick={() => setConfirmRemove(false)}>
                    {t("structure.common.cancel")}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Group justify="space-between">
            {entry?.abilities.archive && !confirmRemove ? (
              <Button variant="subtle" color="red" onClick={() => setConfirmRemove(true)}>
                {t("timetable.entry.remove")}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                {t("structure.common.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("structure.common.save")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
