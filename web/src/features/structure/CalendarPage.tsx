import { Alert, Button, Divider, Group, Paper, Select, Stack, Switch, Text, Title } from "@mantine/core";
import { type AcademicYearView, structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { ArchivedBadge } from "./ArchivedBadge.tsx";
import { HolidaysSection } from "./HolidaysSection.tsx";
import { PeriodsSection } from "./PeriodsSection.tsx";
import { RowActions } from "./RowActions.tsx";
import { StructureConfirm } from "./StructureConfirm.tsx";
import { defaultYearId, formatRange, useInvalidateStructure, useYears } from "./structure-api.ts";
import { formErrorsOf } from "./structure-errors.ts";
import { YearModal } from "./YearModal.tsx";

type Dialog = { kind: "create" } | { kind: "edit"; year: AcademicYearView } | { kind: "archive"; year: AcademicYearView } | null;

/** The school calendar: academic years, their study periods, holidays and moved working days. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("structure.calendar.title"));
  const [showArchived, setShowArchived] = useState(false);
  const years = useYears(showArchived);
  const [chosen, setChosen] = useState<string | null>(null);
  const items = years.data?.items ?? [];
  const yearId = items.some((y) => y.id === chosen) ? chosen : (defaultYearId(items.filter((y) => !y.archived)) ?? items[0]?.id ?? null);
  const year = items.find((y) => y.id === yearId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invalidate = useInvalidateStructure();
  const restore = useMutation({
    mutationFn: (y: AcademicYearView) => call(e.restoreYear, { params: { yearId: y.id } }),
    onSuccess: () => invalidate(),
    onError: (error) => setNotice(formErrorsOf(t, error).form ?? errorMessage(t, error)),
  });
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    void invalidate();
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("structure.calendar.title")}</Title>
        <Button onClick={() => setDialog({ kind: "create" })}>{t("structure.years.add")}</Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("structure.years.year")}
          data={items.map((y) => ({ value: y.id, label: y.archived ? `${y.name} (${t("structure.common.archived")})` : y.name }))}
          value={yearId}
          onChange={setChosen}
          allowDeselect={false}
          w={240}
        />
        <Switch
          label={t("structure.years.showArchived")}
          checked={showArchived}
          onChange={(ev) => setShowArchived(ev.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {notice && (
        <Alert
          color="red"
          variant="light"
          withCloseButton
          closeButtonLabel={t("structure.common.close")}
          onClose={() => setNotice(null)}
          role="alert"
        >
          {notice}
        </Alert>
      )}
      {years.isError && <Alert color="red">{errorMessage(t, years.error)}</Alert>}
      {years.isSuccess && items.length === 0 && <Text c="dimmed">{t("structure.years.empty")}</Text>}
      {year && (
        <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md">
          <Stack gap="lg">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Title order={2} size="h2">
                    {year.name}
                  </Title>
                  {year.archived && <ArchivedBadge />}
                </Group>
                <Text c="dimmed">{formatRange(year.startsOn, year.endsOn, i18n.language)}</Text>
              </Stack>
              <RowActions
                name={year.name}
                actions={[
                  year.abilities.edit && { label: t("structure.common.edit"), onClick: () => setDialog({ kind: "edit", year }) },
                  year.abilities.restore && { label: t("structure.common.restore"), onClick: () => restore.mutate(year) },
                  year.abilities.archive && {
                    label: t("structure.common.archive"),
                    onClick: () => setDialog({ kind: "archive", year }),
                    danger: true,
                  },
                ]}
              />
            </Group>
            {year.archived && <Alert variant="light">{t("structure.years.archivedNote")}</Alert>}
            <PeriodsSection key={`p-${year.id}`} year={year} />
            <Divider />
            <HolidaysSection key={`h-${year.id}`} year={year} />
          </Stack>
        </Paper>
      )}
      {dialog?.kind === "create" && (
        <YearModal
          year={null}
          latest={items.find((y) => !y.archived)}
          onClose={close}
          onSaved={(saved) => {
            setChosen(saved.id);
            done();
          }}
        />
      )}
      {dialog?.kind === "edit" && <YearModal year={dialog.year} latest={undefined} onClose={close} onSaved={done} />}
      {dialog?.kind === "archive" && (
        <StructureConfirm
          title={t("structure.years.archiveTitle")}
          text={t("structure.years.archiveText", { name: dialog.year.name })}
          confirmLabel={t("structure.common.archive")}
          onClose={close}
          action={() => call(e.archiveYear, { params: { yearId: dialog.year.id } })}
          onDone={done}
        />
      )}
    </Stack>
  );
}
