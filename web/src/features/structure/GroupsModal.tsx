import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { type ClassGroupView, type ClassView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { ArchivedBadge } from "./ArchivedBadge.tsx";
import { structureKeys, useInvalidateStructure } from "./structure-api.ts";
import { formErrorsOf } from "./structure-errors.ts";

/** Subgroups of one class (e.g. two English groups): add, rename, archive, bring back. */
export function GroupsModal({ klass, onClose }: { klass: ClassView; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateStructure();
  const detail = useQuery({
    queryKey: [...structureKeys.all, "class", klass.id],
    queryFn: () => call(e.getClass, { params: { classId: klass.id }, query: { includeArchived: "true" } }),
  });
  const current = detail.data ?? klass;
  const [name, setName] = useState("");
  const add = useMutation({
    mutationFn: () => call(e.createGroup, { params: { classId: klass.id }, body: { name } }),
    onSuccess: async () => {
      setName("");
      await invalidate();
    },
  });
  const addErrors = formErrorsOf(t, add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };

  return (
    <Modal closeButtonProps={{ "aria-label": t("structure.common.close") }} opened onClose={onClose} title={t("structure.groups.title", { name: klass.name })} centered size="lg">
      <Stack>
        {detail.isError && <Alert color="red">{errorMessage(t, detail.error)}</Alert>}
        {current.groups.length === 0 && <Text c="dimmed">{t("structure.groups.empty")}</Text>}
        <Stack gap="xs">
          {current.groups.map((g) => (
            <GroupRow key={g.id} group={g} />
          ))}
        </Stack>
        {current.abilities.edit && (
          <form onSubmit={submit} noValidate>
            <Group align="flex-start" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t("structure.groups.newName")}
                placeholder={t("structure.groups.namePlaceholder")}
                maxLength={80}
                value={name}
                onChange={(ev) => setName(ev.currentTarget.value)}
                error={addErrors.fields.name ?? addErrors.form}
              />
              <Button type="submit" mt={25} loading={add.isPending}>
                {t("structure.groups.add")}
              </Button>
            </Group>
          </form>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("structure.common.close")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function GroupRow({ group }: { group: ClassGroupView }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateStructure();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const rename = useMutation({
    mutationFn: () => call(e.updateGroup, { params: { groupId: group.id }, body: { name } }),
    onSuccess: async () => {
      setEditing(false);
      await invalidate();
    },
  });
  const toggle = useMutation({
    mutationFn: () => call(group.archived ? e.restoreGroup : e.archiveGroup, { params: { groupId: group.id } }),
    onSuccess: () => invalidate(),
  });
  const errors = formErrorsOf(t, rename.error ?? toggle.error);

  if (editing) {
    return (
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          rename.mutate();
        }}
        noValidate
      >
        <Group align="flex-start" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            aria-label={t("structure.groups.renameLabel", { name: group.name })}
            value={name}
            maxLength={80}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={errors.fields.name ?? errors.form}
            data-autofocus
          />
          <Button type="submit" loading={rename.isPending}>
            {t("structure.common.save")}
          </Button>
          <Button variant="default" onClick={() => setEditing(false)}>
            {t("structure.common.cancel")}
          </Button>
        </Group>
      </form>
    );
  }
  return (
    <Stack gap={2}>
      <Group justify="space-between" wrap="wrap" gap={4}>
        <Group gap="xs" style={{ minWidth: 0, flex: "1 1 12rem" }}>
          <Text>{group.name}</Text>
          {group.archived && <ArchivedBadge />}
        </Group>
        <Group gap={4} wrap="nowrap">
          {group.abilities.edit && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setEditing(true)}
              aria-label={t("structure.groups.renameLabel", { name: group.name })}
            >
              {t("structure.groups.rename")}
            </Button>
          )}
          {(group.abilities.archive || group.abilities.restore) && (
            <Button
              size="xs"
              variant="subtle"
              color={group.archived ? undefined : "red"}
              loading={toggle.isPending}
              onClick={() => toggle.mutate()}
              aria-label={t(group.archived ? "structure.groups.restoreLabel" : "structure.groups.archiveLabel", { name: group.name })}
            >
              {group.archived ? t("structure.common.restore") : t("structure.common.archive")}
            </Button>
          )}
        </Group>
      </Group>
      {toggle.isError && (
        <Text size="sm" c="red" role="alert">
          {errors.fields.name ?? errors.form}
        </Text>
      )}
    </Stack>
  );
}
