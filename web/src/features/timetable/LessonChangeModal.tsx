import { Alert, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { type LessonView, timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { ConflictAlert } from "./ConflictAlert.tsx";
import type { Option } from "./EntryModal.tsx";
import { LessonLine } from "./LessonLine.tsx";
import { timetableErrorsOf } from "./timetable-errors.ts";

export type LessonChangeKind = "substitute" | "cancel" | "room";

/** One change of one dated lesson: a substitute teacher, a cancellation with its reason, or another room. */
export function LessonChangeModal({
  kind,
  lesson,
  teachers,
  onClose,
  onSaved,
}: {
  kind: LessonChangeKind;
  lesson: LessonView;
  teachers: Option[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [teacherId, setTeacherId] = useState<string | null>(lesson.substitute?.id ?? null);
  const [text, setText] = useState(kind === "room" ? lesson.room : "");
  const [attempted, setAttempted] = useState(false);
  const params = { lessonId: lesson.id };
  const mutation = useMutation({
    mutationFn: () => {
      const version = lesson.version;
      if (kind === "substitute") return call(e.substitute, { params, body: { version, teacherId, reason: text } });
      if (kind === "cancel") return call(e.cancelLesson, { params, body: { version, reason: text } });
      return call(e.changeRoom, { params, body: { version, room: text } });
    },
    onSuccess: onSaved,
  });
  const errors = timetableErrorsOf(t, mutation.error);
  const missing = attempted && ((kind === "substitute" && !teacherId) || (kind === "cancel" && !text.trim()));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if ((kind === "substitute" && teacherId) || (kind === "cancel" && text.trim()) || kind === "room") mutation.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      title={t(`timetable.changes.${kind}Title`)}
      closeButtonProps={{ "aria-label": t("structure.common.close") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <LessonLine lesson={lesson} showClass />
          {kind === "substitute" && (
            <Select
              label={t("timetable.changes.substitute")}
              required
              searchable
              data={teachers.filter((o) => o.value !== lesson.teacher.id)}
              value={teacherId}
              onChange={setTeacherId}
              error={errors.fields.teacherId ?? (missing ? t("timetable.issue.required") : undefined)}
              nothingFoundMessage={t("timetable.nothingFound")}
            />
          )}
          <TextInput
            label={t(
              kind === "room"
                ? "timetable.changes.room"
                : kind === "cancel"
                  ? "timetable.changes.cancelReason"
                  : "timetable.changes.reason",
            )}
            required={kind === "cancel"}
            maxLength={kind === "room" ? 20 : 200}
            value={text}
            onChange={(ev) => setText(ev.currentTarget.value)}
            error={errors.fields.reason ?? errors.fields.room ?? (kind === "cancel" && missing ? t("timetable.issue.required") : undefined)}
            data-autofocus={kind !== "substitute" || undefined}
          />
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
            <Button type="submit" loading={mutation.isPending} color={kind === "cancel" ? "red" : undefined}>
              {t(`timetable.changes.${kind}Save`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
