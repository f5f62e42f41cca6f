import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formErrorsOf } from "./form-errors.ts";

/** "Are you sure?" for a one-click change (archive, unlink); shows the server's refusal if any. */
export function ConfirmModal({
  opened,
  title,
  text,
  confirmLabel,
  onClose,
  action,
  onDone,
}: {
  opened: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onClose: () => void;
  action: () => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: action, onSuccess: onDone });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <Modal closeButtonProps={{ "aria-label": t("people.common.close") }} opened={opened} onClose={close} title={title} centered>
      <Stack>
        <Text>{text}</Text>
        {mutation.isError && (
          <Alert color="red" variant="light" role="alert">
            {formErrorsOf(t, mutation.error).form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("people.common.cancel")}
          </Button>
          <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
