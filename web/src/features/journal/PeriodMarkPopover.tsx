import { Button, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import type { FinalMarkValue, JournalGrid } from "@otmetka/core/contracts/journal.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchoredPopover } from "./AnchoredPopover.tsx";
import { finalMarkOptions } from "./final-marks.ts";
import { useGridLabels } from "./grid-labels.ts";
import { SUMMARY_COLUMNS } from "./grid-model.ts";
import type { JournalController } from "./journal-controller.ts";
import { useKeyed, useValue } from "./keyed-store.ts";
import type { PeriodMarkState } from "./period-marks.ts";
import { usePeriodValueText } from "./SummaryCells.tsx";

/** The period mark's menu: average, suggestion, and the mark to set (with a reason when changing one). */
export function PeriodMarkPopover({ c, grid }: { c: JournalController; grid: JournalGrid }) {
  const { t } = useTranslation();
  const editor = useValue(c.editor);
  const lessons = useValue(c.lessons);
  const row = editor?.kind === "periodMark" ? editor.row : null;
  const student = row === null ? undefined : c.students[row];
  const col = lessons.length + SUMMARY_COLUMNS.indexOf("periodMark");
  const close = () => {
    c.editor.set(null);
    c.focus.restore();
  };
  const title = student ? t("journal.periodMark.title", { student: student.displayName }) : "";
  return (
    <AnchoredPopover anchor={row === null ? null : c.focus.cellElement({ row, col })} onClose={close} label={title} width={300}>
      {student && <PeriodMarkForm key={student.id} c={c} grid={grid} studentId={student.id} title={title} onDone={close} />}
    </AnchoredPopover>
  );
}

function PeriodMarkForm({
  c,
  grid,
  studentId,
  title,
  onDone,
}: {
  c: JournalController;
  grid: JournalGrid;
  studentId: string;
  title: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const labels = useGridLabels();
  const valueText = usePeriodValueText();
  const state = useKeyed(c.periodMarks.rows, studentId) as PeriodMarkState | undefined;
  const view = state?.view;
  const [value, setValue] = useState<string>(view?.value ?? "");
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  if (!view) return null;
  const changesSetMark = view.value !== null && (value || null) !== view.value;
  const reasonMissing = changesSetMark && reason.trim() === "";
  const canSet = grid.abilities.setPeriodMarks;
  const save = (next: FinalMarkValue | null) => {
    void c.periodMarks.save(studentId, next, changesSetMark ? reason.trim() : undefined);
    onDone();
  };
  const suggested = view.suggested;
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm" className="jg-menu-title">
        {title}
      </Text>
      <Text size="sm">
        {t("journal.periodMark.average", { value: view.average?.text.replace(".", labels.decimal) ?? t("journal.aria.noAverage") })}
      </Text>
      <Text size="sm">
        {t("journal.periodMark.suggested", { value: valueText(suggested) })}
        {view.reason ? ` (${t(`journal.suggestedReason.${view.reason}`, { count: view.count, min: c.minMarks })})` : ""}
      </Text>
      {view.setBy && view.setAt && (
        <Text size="xs" c="dimmed">
          {t("journal.periodMark.setBy", { name: view.setBy.displayName, time: new Date(view.setAt).toLocaleString() })}
        </Text>
      )}
      {canSet && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setTouched(true);
            if (!reasonMissing) save((value || null) as FinalMarkValue | null);
          }}
        >
          <Stack gap="xs">
            <NativeSelect
              label={t("journal.periodMark.value")}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              data={finalMarkOptions(t, grid.settings.allowMarkOne, t("journal.periodMark.none"))}
            />
            {changesSetMark && (
              <TextInput
                label={t("journal.dialog.reasonLabel")}
                description={t("journal.periodMark.reasonHint")}
                required
                maxLength={300}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={touched && reasonMissing ? t("journal.dialog.reasonRequired") : undefined}
              />
            )}
            <Group justify="space-between" gap="xs">
              {view.value === null && suggested !== view.value && (
                <Button size="compact-sm" variant="default" onClick={() => save(suggested)}>
                  {t("journal.periodMark.accept", { value: valueText(suggested) })}
                </Button>
              )}
              <Button type="submit" size="compact-sm" ml="auto">
                {t("journal.periodMark.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
