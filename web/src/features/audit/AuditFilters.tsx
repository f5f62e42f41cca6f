import { Button, Group, Paper, Pill, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AuditFilterValues, NO_FILTERS } from "./audit-filters.ts";
import { actionLabel, entityLabel, KNOWN_ACTIONS, KNOWN_ENTITIES, optionsOf } from "./audit-labels.ts";

interface Props {
  /** The applied filters (remount with a `key` to show new ones). */
  value: AuditFilterValues;
  onApply(values: AuditFilterValues): void;
  /** Entities and actions seen in the loaded events, offered next to the known ones. */
  seen: { entities: string[]; actions: string[] };
  /** Server messages by field name. */
  errors: Record<string, string>;
}

/** The filter form of the audit log. Filters apply on submit, so typing does not reload the list. */
export function AuditFilters({ value, onApply, seen, errors }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const set = (field: keyof AuditFilterValues) => (next: string | null) => setDraft((d) => ({ ...d, [field]: next ?? "" }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, before: "" });
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" id="audit-filters" onSubmit={submit} aria-label={t("audit.filters.label")}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <TextInput
          label={t("audit.filters.q")}
          placeholder={t("audit.filters.qPlaceholder")}
          value={draft.q}
          onChange={(e) => set("q")(e.currentTarget.value)}
          error={errors.q}
          maxLength={200}
        />
        <Select
          label={t("audit.filters.entity")}
          placeholder={t("audit.filters.any")}
          data={optionsOf(KNOWN_ENTITIES, seen.entities, (v) => entityLabel(t, v))}
          value={draft.entity || null}
          onChange={set("entity")}
          error={errors.entity}
          searchable
          clearable
        />
        <Select
          label={t("audit.filters.action")}
          placeholder={t("audit.filters.any")}
          data={optionsOf(KNOWN_ACTIONS, seen.actions, (v) => actionLabel(t, v))}
          value={draft.action || null}
          onChange={set("action")}
          error={errors.action}
          searchable
          clearable
        />
        <TextInput
          label={t("audit.filters.entityId")}
          value={draft.entityId}
          onChange={(e) => set("entityId")(e.currentTarget.value)}
          error={errors.entityId}
          maxLength={200}
          spellCheck={false}
        />
        <TextInput
          type="date"
          label={t("audit.filters.from")}
          value={draft.from}
          onChange={(e) => set("from")(e.currentTarget.value)}
          error={errors.from}
        />
        <TextInput
          type="date"
          label={t("audit.filters.to")}
          value={draft.to}
          onChange={(e) => set("to")(e.currentTarget.value)}
          error={errors.to}
        />
      </SimpleGrid>
      <Group justify="space-between" mt="md" gap="sm">
        <Group gap="xs">
          {draft.actorUserId && (
            <Pill
              size="lg"
              withRemoveButton
              removeButtonProps={{ "aria-label": t("audit.filters.removeActor") }}
              onRemove={() => setDraft((d) => ({ ...d, actorUserId: "", actorName: "" }))}
            >
              {t("audit.filters.actor", { name: draft.actorName || draft.actorUserId })}
            </Pill>
          )}
          {errors.actorUserId && (
            <Text c="red" size="sm">
              {errors.actorUserId}
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <Button variant="default" onClick={() => onApply(NO_FILTERS)}>
            {t("audit.filters.reset")}
          </Button>
          <Button type="submit">{t("audit.filters.apply")}</Button>
        </Group>
      </Group>
    </Paper>
  );
}
