import { Alert, Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { structureEndpoints as e, type SubjectView } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./structure-errors.ts";

/** Adds a subject or edits one (`subject` null means "new"). */
export function SubjectModal({ subject, onClose, onSaved }: { subject: SubjectView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(subject?.name ?? "");
  const [shortName, setShortName] = useState(subject?.shortName ?? "");
  const mutation = useMutation({
    mutationFn: () =>
      subject
        ? call(e.updateSubject, { params: { subjectId: subject.id }, body: { name, shortName } })
        : call(e.createSubject, { body: { name, shortName } }),
    onSuccess: onSaved,
  });
  const errors = formErrorsOf(t, mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Modal closeButtonProps={{ "aria-label": t("structure.common.close") }} opened onClose={onClose} title={subject ? t("structure.subjects.editTitle") : t("structure.subjects.createTitle")} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("structure.subjects.name")}
            placeholder={t("structure.subjects.namePlaceholder")}
            required
            maxLength={120}
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={errors.fields.name}
            data-autofocus
          />
          <TextInput
            label={t("structure.subjects.shortName")}
            description={t("structure.subjects.shortNameHint")}
            required
            maxLength={24}
            value={shortName}
            onChange={(ev) => setShortName(ev.currentTarget.value)}
            error={errors.fields.shortName}
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
