import { Alert, Button, Group, Stack, Switch, Text, Title } from "@mantine/core";
import { type StaffMember, staffEndpoints } from "@otmetka/core/contracts/staff.ts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { ConfirmModal } from "./ConfirmModal.tsx";
import { peopleKeys, useInvalidatePeople } from "./people-api.ts";
import { StaffFormModal } from "./StaffForm.tsx";
import { StaffList } from "./StaffList.tsx";

type Dialog = { kind: "create" } | { kind: "edit"; member: StaffMember } | { kind: "archive"; member: StaffMember } | null;

/** Administrators and teachers of the school: add, edit roles and contacts, archive, re-invite. */
export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t("people.staff.title"));
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invalidate = useInvalidatePeople();
  const staff = useQuery({
    queryKey: peopleKeys.staff(showArchived),
    queryFn: () => call(staffEndpoints.listStaff, { query: showArchived ? { includeArchived: "true" } : {} }),
  });
  const invite = useMutation({
    mutationFn: (m: StaffMember) => call(staffEndpoints.resendInvitation, { params: { userId: m.userId } }),
    onSuccess: (_r, m) => setNotice(t("people.staff.invitationSent", { name: m.displayName })),
    onError: (error) => setNotice(errorMessage(t, error)),
  });
  const done = (message: string | null) => () => {
    setDialog(null);
    setNotice(message);
    void invalidate();
  };

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("people.staff.title")}</Title>
        <Button onClick={() => setDialog({ kind: "create" })}>{t("people.staff.add")}</Button>
      </Group>
      <Switch label={t("people.common.showArchived")} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
      {notice && (
        <Alert variant="light" withCloseButton closeButtonLabel={t("people.common.close")} onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      )}
      {staff.isError && <Alert color="red">{errorMessage(t, staff.error)}</Alert>}
      {staff.data && (
        <StaffList
          items={staff.data.items}
          actions={{
            edit: (member) => setDialog({ kind: "edit", member }),
            invite: (member) => invite.mutate(member),
            archive: (member) => setDialog({ kind: "archive", member }),
          }}
        />
      )}
      {staff.data?.items.length === 0 && <Text c="dimmed">{t("people.common.empty")}</Text>}
      {dialog?.kind === "create" && (
        <StaffFormModal member={null} opened onClose={() => setDialog(null)} onSaved={done(t("people.staff.created"))} />
      )}
      {dialog?.kind === "edit" && <StaffFormModal member={dialog.member} opened onClose={() => setDialog(null)} onSaved={done(null)} />}
      {dialog?.kind === "archive" && (
        <ConfirmModal
          opened
          title={t("people.staff.archiveTitle")}
          text={t("people.staff.archiveText", { name: dialog.member.displayName })}
          confirmLabel={t("people.common.archive")}
          onClose={() => setDialog(null)}
          action={() => call(staffEndpoints.archiveStaff, { params: { userId: dialog.member.userId } })}
          onDone={done(null)}
        />
      )}
    </Stack>
  );
}
