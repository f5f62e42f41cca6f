import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { type ClassView, ClassLetter, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { useTeacherCandidates, useYears } from "./structure-api.ts";
import { formErrorsOf, issueMessage } from "./structure-errors.ts";

const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));

/** Creates a class or edits one (`klass` null means "new"; a class never moves to another year). */
export function ClassModal({
  klass,
  yearId,
  onClose,
  onSaved,
}: {
  klass: ClassView | null;
  yearId: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const years = useYears();
  const candidates = useTeacherCandidates();
  const [academicYearId, setYearId] = useState<string | null>(klass?.academicYearId ?? yearId);
  const [grade, setGrade] = useState<string | null>(klass ? String(klass.grade) : null);
  const [letter, setLetter] = useState(klass?.letter ?? "");
  const [shift, setShift] = useState(String(klass?.shift ?? 1));
  const [teacherId, setTeacherId] = useState<string | null>(klass?.classTeacher?.id ?? null);
  const [letterTouched, setLetterTouched] = useState(false);

  const mutation = useMutation({
    mutationFn: () => {
      const common = { grade: Number(grade), letter, shift: Number(shift), classTeacherId: teacherId };
      return klass
        ? call(e.updateClass, { params: { classId: klass.id }, body: common })
        : call(e.createClass, { body: { ...common, academicYearId: academicYearId ?? "" } });
    },
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  // The same rule as the server's: one or two Cyrillic capitals, Latin look-alikes mapped.
  const letterCheck = ClassLetter.safeParse(letter);
  const letterError =
    errors.fields.letter ?? (letterTouched && letter !== "" && !letterCheck.success ? issueMessage(t, "invalid_class_letter") : undefined);
  const name = grade && letterCheck.success ? `${grade}${letterCheck.data}` : null;

  // The current class teacher stays selectable even if they are no longer a teacher here.
  const teacherOptions = [
    ...(candidates.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName })),
    ...(klass?.classTeacher && !candidates.data?.items.some((u) => u.id === klass.classTeacher?.id)
      ? [{ value: klass.classTeacher.id, label: klass.classTeacher.displayName }]
      : []),
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <Modal closeButtonProps={{ "aria-label": t("structure.common.close") }}
      opened
      onClose={onClose}
      title={klass ? t("structure.classes.editTitle", { name: klass.name }) : t("structure.classes.createTitle")}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {!klass && (
            <Select
              label={t("structure.classes.year")}
              required
              data={(years.data?.items ?? []).map((y) => ({ value: y.id, label: y.name }))}
              value={academicYearId}
              onChange={setYearId}
              error={errors.fields.academicYearId}
              allowDeselect={false}
            />
          )}
          <Group grow align="flex-start">
            <Select
              label={t("structure.classes.grade")}
              required
              data={GRADES}
              value={grade}
              onChange={setGrade}
              error={errors.fields.grade}
              allowDeselect={false}
              data-autofocus
            />
            <TextInput
              label={t("structure.classes.letter")}
              description={t("structure.classes.letterHint")}
              required
              maxLength={2}
              value={letter}
              onChange={(ev) => setLetter(ev.currentTarget.value.toUpperCase())}
              onBlur={() => setLetterTouched(true)}
              error={letterError}
            />
          </Group>
          {name && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t("structure.classes.willBeNamed", { name })}
            </Text>
          )}
          <Stack gap={4}>
            <Text size="sm" fw={500} id="class-shift-label">
              {t("structure.classes.shift")}
            </Text>
            <SegmentedControl
              aria-labelledby="class-shift-label"
              data={["1", "2", "3"].map((s) => ({ value: s, label: t("structure.classes.shiftN", { n: s }) }))}
              value={shift}
              onChange={setShift}
            />
          </Stack>
          <Select
            label={t("structure.classes.classTeacher")}
            placeholder={t("structure.classes.noClassTeacher")}
            data={teacherOptions}
            value={teacherId}
            onChange={setTeacherId}
            searchable
            clearable
            nothingFoundMessage={t("structure.classes.noTeachers")}
            error={errors.fields.classTeacherId}
          />
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
              {t("structure.common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
