import { Alert, Button, CloseButton, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { type BellTime, type BellTimesView, timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { useInvalidateTimetable } from "./timetable-api.ts";
import { timetableErrorsOf } from "./timetable-errors.ts";

const SHIFTS = ["1", "2", "3"] as const;

/** "09:15" plus minutes → "09:25" (within the day). */
function later(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number);
  const total = Math.min((h ?? 0) * 60 + (m ?? 0) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** Bell times (расписание звонков) of one shift at a time: lesson numbers with start and end. */
export function BellTimesEditor({ view }: { view: BellTimesView }) {
  const { t } = useTranslation();
  const [shift, setShift] = useState<(typeof SHIFTS)[number]>("1");
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="bell-shift-label">
          {t("timetable.bells.shift")}
        </Text>
        <SegmentedControl
          aria-labelledby="bell-shift-label"
          data={SHIFTS.map((s) => ({ value: s, label: t("timetable.bells.shiftN", { n: s }) }))}
          value={shift}
          onChange={(v) => setShift(v as typeof shift)}
          style={{ alignSelf: "flex-start" }}
        />
      </Stack>
      <ShiftForm
        key={`${view.academicYearId}-${shift}`}
        yearId={view.academicYearId}
        shift={Number(shift)}
        saved={view.shifts.find((s) => s.shift === Number(shift))?.lessons ?? []}
        canEdit={view.abilities.edit}
      />
    </Stack>
  );
}

function ShiftForm({ yearId, shift, saved, canEdit }: { yearId: string; shift: number; saved: BellTime[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateTimetable();
  const [rows, setRows] = useState<BellTime[]>(saved);
  const [done, setDone] = useState(false);
  const mutation = useMutation({
    mutationFn: () => call(e.saveBellTimes, { params: { yearId }, body: { shift, lessons: rows } }),
    onSuccess: () => {
      setDone(true);
      void invalidate();
    },
  });
  const errors = timetableErrorsOf(t, mutation.error);
  const set = (i: number, patch: Partial<BellTime>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setDone(false);
  };
  const add = () => {
    const last = rows[rows.length - 1];
    const startsAt = last ? later(last.endsAt, 10) : shift === 1 ? "08:30" : "13:30";
    setRows([...rows, { lessonNumber: last ? last.lessonNumber + 1 : 1, startsAt, endsAt: later(startsAt, 45) }]);
    setDone(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {rows.length === 0 && <Text c="dimmed">{t("timetable.bells.empty")}</Text>}
        {rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their number may change
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <NumberInput
              w={56}
              hideControls
              label={t("timetable.bells.number")}
              min={0}
              max={10}
              allowDecimal={false}
              allowNegative={false}
              value={r.lessonNumber}
              onChange={(v) => set(i, { lessonNumber: typeof v === "number" ? v : 0 })}
              error={errors.fields[`lessons.${i}.lessonNumber`]}
              disabled={!canEdit}
            />
            <TextInput
              type="time"
              w={124}
              label={t("timetable.bells.startsAt")}
              value={r.startsAt}
              onChange={(ev) => set(i, { startsAt: ev.currentTarget.value })}
              error={errors.fields[`lessons.${i}.startsAt`]}
              disabled={!canEdit}
            />
            <TextInput
              type="time"
              w={124}
              label={t("timetable.bells.endsAt")}
              value={r.endsAt}
              onChange={(ev) => set(i, { endsAt: ev.currentTarget.value })}
              error={errors.fields[`lessons.${i}.endsAt`]}
              disabled={!canEdit}
            />
            {canEdit && (
              <CloseButton
                mt={28}
                aria-label={t("timetable.bells.remove", { n: r.lessonNumber })}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              />
            )}
          </Group>
        ))}
        {errors.form && (
          <Alert color="red" variant="light" role="alert">
            {errors.form}
          </Alert>
        )}
        {done && (
          <Alert color="green" variant="light" role="status">
            {t("timetable.bells.saved")}
          </Alert>
        )}
        {canEdit && (
          <Group>
            <Button variant="light" onClick={add} disabled={rows.length >= 11}>
              {t("timetable.bells.add")}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t("structure.common.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
