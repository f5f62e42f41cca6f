import { Alert, Button, Divider, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { type LessonView, timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { RowActions } from "../structure/RowActions.tsx";
import { defaultYearId, useClassList, useSubjectList, useTeacherCandidates, useYears } from "../structure/structure-api.ts";
import { ConflictAlert } from "./ConflictAlert.tsx";
import { ExtraLessonModal } from "./ExtraLessonModal.tsx";
import { LessonChangeModal, type LessonChangeKind } from "./LessonChangeModal.tsx";
import { LessonLine } from "./LessonLine.tsx";
import { formatDay, localToday, useInvalidateTimetable, useSchoolDay } from "./timetable-api.ts";
import { timetableErrorsOf } from "./timetable-errors.ts";

type Dialog = { kind: LessonChangeKind; lesson: LessonView } | { kind: "extra" } | null;

/** «Замены»: the school's lessons of one day, with substitutions, cancellations, room changes and extra lessons. */
export function SubstitutionsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("timetable.substitutions.title"));
  const [date, setDate] = useState(localToday);
  const [classId, setClassId] = useState<string | null>(null);
  const day = useSchoolDay(date);
  const years = useYears(false);
  const classes = useClassList(defaultYearId(years.data?.items ?? [], date), false);
  const subjects = useSubjectList(false);
  const teachers = useTeacherCandidates();
  const teacherOptions = (teachers.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const invalidate = useInvalidateTimetable();
  const [dialog, setDialog] = useState<Dialog>(null);
  const quick = useMutation({
    mutationFn: ({ lesson, action }: { lesson: LessonView; action: "uncancel" | "unsubstitute" }) =>
      action === "uncancel"
        ? call(e.uncancelLesson, { params: { lessonId: lesson.id }, body: { version: lesson.version } })
        : call(e.substitute, { params: { lessonId: lesson.id }, body: { version: lesson.version, teacherId: null } }),
    onSuccess: () => void invalidate(),
  });
  const quickErrors = timetableErrorsOf(t, quick.error);
  const done = () => {
    setDialog(null);
    quick.reset();
    void invalidate();
  };
  const lessons = (day.data?.lessons ?? []).filter((l) => !classId || l.class.id === classId);
  const byClass = [...new Set(lessons.map((l) => l.class.name))];
  const actionsOf = (l: LessonView) =>
    l.abilities.change
      ? [
          l.status === "scheduled" && {
            label: t("timetable.changes.substituteTitle"),
            onClick: () => setDialog({ kind: "substitute", lesson: l }),
          },
          l.substitute !== null && {
            label: t("timetable.changes.unsubstitute"),
            onClick: () => quick.mutate({ lesson: l, action: "unsubstitute" }),
          },
          { label: t("timetable.changes.roomTitle"), onClick: () => setDialog({ kind: "room", lesson: l }) },
          l.status === "scheduled"
            ? { label: t("timetable.changes.cancelTitle"), onClick: () => setDialog({ kind: "cancel", lesson: l }), danger: true }
            : { label: t("timetable.changes.uncancel"), onClick: () => quick.mutate({ lesson: l, action: "uncancel" }) },
        ]
      : [];

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("timetable.substitutions.title")}</Title>
        <Button onClick={() => setDialog({ kind: "extra" })}>{t("timetable.extra.add")}</Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t("timetable.substitutions.date")}
          value={date}
          onChange={(ev) => setDate(ev.currentTarget.value)}
          w={180}
        />
        <Select
          label={t("timetable.substitutions.class")}
          placeholder={t("timetable.substitutions.allClasses")}
          data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={setClassId}
          clearable
          searchable
          nothingFoundMessage={t("timetable.nothingFound")}
          w={180}
        />
      </Group>
      {date && (
        <Text fw={600} aria-live="polite">
          {formatDay(date, i18n.language)}
        </Text>
      )}
      <ConflictAlert error={quick.error} />
      {quickErrors.form && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          closeButtonLabel={t("structure.common.close")}
          onClose={() => quick.reset()}
        >
          {quickErrors.form}
        </Alert>
      )}
      {day.isError && <Alert color="red">{errorMessage(t, day.error)}</Alert>}
      {day.isPending && date && <CenteredLoader />}
      {day.isSuccess && lessons.length === 0 && <Text c="dimmed">{t("timetable.substitutions.empty")}</Text>}
      {byClass.map((name) => (
        <Paper
          key={name}
          withBorder
          radius="md"
          p="sm"
          component="section"
          aria-label={t("timetable.substitutions.classN", { class: name })}
        >
          <Title order={2} size="h4">
            {t("timetable.substitutions.classN", { class: name })}
          </Title>
          {lessons
            .filter((l) => l.class.name === name)
            .map((l, i) => (
              <div key={l.id}>
                {i > 0 && <Divider />}
                <LessonLine
                  lesson={l}
                  showClass={false}
                  actions={
                    <RowActions name={`${l.subject.name}, ${t("timetable.lessonN", { n: l.lessonNumber })}`} actions={actionsOf(l)} />
                  }
                />
              </div>
            ))}
        </Paper>
      ))}

      {dialog && dialog.kind !== "extra" && (
        <LessonChangeModal
          kind={dialog.kind}
          lesson={dialog.lesson}
          teachers={teacherOptions}
          onClose={() => setDialog(null)}
          onSaved={done}
        />
      )}
      {dialog?.kind === "extra" && (
        <ExtraLessonModal
          date={date}
          classes={classes.data?.items ?? []}
          subjects={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          teachers={teacherOptions}
          onClose={() => setDialog(null)}
          onSaved={done}
        />
      )}
    </Stack>
  );
}
