import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formErrorsOf } from "./structure-errors.ts";

/** "Are you sure?" for archiving or deleting; shows the server's refusal if any. */
export function StructureConfirm({
  title,
  text,
  confirmLabel,
  onClose,
  action,
  onDone,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onClose: () => void;
  action: () => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: action, onSuccess: onDone });
  return (
    <Modal closeButtonProps={{ "aria-label": t("structure.common.close") }} opened onClose={onClose} title={title} centered>
      <Stack>
        <Text>{text}</Text>
        {mutation.isError && (
          <Alert color="red" variant="light" role="alert">
            {formErrorsOf(t, mutation.error).form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("structure.common.cancel")}
          </Button>
          <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
