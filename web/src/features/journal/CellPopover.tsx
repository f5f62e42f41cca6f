import { Button, Group, NumberInput, Stack, Text } from "@mantine/core";
import type { AttendanceState, JournalGrid, MarkValue } from "@otmetka/core/contracts/journal.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchoredPopover } from "./AnchoredPopover.tsx";
import { type CellValue, isNumeric } from "./cell-value.ts";
import { readOnlyMessage, toggleAttendance } from "./grid-actions.ts";
import { useGridLabels } from "./grid-labels.ts";
import { cellReadOnly, shortDate } from "./grid-model.ts";
import type { CellState, JournalController } from "./journal-controller.ts";
import { useKeyed, useValue } from "./keyed-store.ts";

const NUMERIC = ["1", "2", "3", "4", "5"] as const;
const SPECIAL = ["DUE", "NA", "PASS", "FAIL", "EXEMPT"] as const;
const ABSENCES = ["ABSENT_UNEXCUSED", "ABSENT_ILLNESS", "ABSENT_EXCUSED"] as const;

/** The cell menu for mouse and touch (and Space/F2): every key's action as a button. */
export function CellPopover({ c, grid }: { c: JournalController; grid: JournalGrid }) {
  const { t } = useTranslation();
  const editor = useValue(c.editor);
  const position = editor?.kind === "cell" ? editor : null;
  const key = position ? c.keyAt(position.row, position.col) : undefined;
  const lesson = position ? c.lessonAt(position.col) : undefined;
  const student = position ? c.students[position.row] : undefined;
  const anchor = position ? c.focus.cellElement(position) : null;
  const close = () => {
    c.editor.set(null);
    c.focus.restore();
  };
  const title =
    student && lesson
      ? t("journal.editor.title", {
          student: student.displayName,
          lesson: t("journal.aria.lesson", { date: shortDate(lesson.date), number: lesson.lessonNumber }),
        })
      : "";
  return (
    <AnchoredPopover anchor={key ? anchor : null} onClose={close} label={title} width={320}>
      {key && lesson && student && (
        <CellMenu
          c={c}
          cellKey={key}
          title={title}
          readOnly={cellReadOnly(lesson, student, grid.abilities)}
          settings={grid.settings}
          marksAllowed={grid.abilities.edit}
          onDone={close}
        />
      )}
    </AnchoredPopover>
  );
}

function CellMenu({
  c,
  cellKey,
  title,
  readOnly,
  settings,
  marksAllowed,
  onDone,
}: {
  c: JournalController;
  cellKey: string;
  title: string;
  readOnly: ReturnType<typeof cellReadOnly>;
  settings: JournalGrid["settings"];
  marksAllowed: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const labels = useGridLabels();
  const state = useKeyed(c.cells, cellKey) as CellState;
  const value = state.value;
  const [minutes, setMinutes] = useState<number | string>(value.attendance?.lateMinutes ?? 5);
  const set = (next: CellValue) => c.change(cellKey, next);
  const first = value.marks[0];
  const numeric = NUMERIC.filter((m) => m !== "1" || settings.allowMarkOne);
  // An absent student gets no mark, only a «•»; a student with a mark cannot be absent.
  const absent = value.attendance?.state.startsWith("ABSENT_") ?? false;
  const hasMark = value.marks.some((m) => m !== "DUE");
  const markButton = (mark: MarkValue, marks: MarkValue[], label: string, pressed: boolean) => (
    <Button
      key={label}
      size="compact-md"
      variant={pressed ? "filled" : "default"}
      aria-pressed={pressed}
      disabled={absent && mark !== "DUE"}
      onClick={() => set({ ...value, marks })}
    >
      {label}
    </Button>
  );
  const lateValid = typeof minutes === "number" && Number.isInteger(minutes) && minutes >= 1 && minutes <= 90;

  return (
    <Stack gap="xs">
      <Text fw={600} size="sm" className="jg-menu-title">
        {title}
      </Text>
      {readOnly && (
        <Text size="sm" c="dimmed">
          {readOnlyMessage(readOnly)}
        </Text>
      )}
      {readOnly && value.comment && <Text size="sm">{labels.comment(value.comment)}</Text>}
      {!readOnly && marksAllowed && (
        <>
          <Group gap={6} role="group" aria-label={t("journal.editor.mark")}>
            {numeric.map((m) => markButton(m, [m], m, first === m && value.marks.length === 1))}
          </Group>
          <Group gap={6} role="group" aria-label={t("journal.editor.second")}>
            {numeric.map((m) => (first && isNumeric(first) ? markButton(m, [first, m], `${first}/${m}`, value.marks[1] === m) : null))}
            {!(first && isNumeric(first)) && (
              <Text size="xs" c="dimmed">
                {t("journal.editor.secondHint")}
              </Text>
            )}
          </Group>
          <Group gap={6} role="group" aria-label={t("journal.editor.special")}>
            {SPECIAL.map((m) => (
              <Button
                key={m}
                size="compact-md"
                variant={first === m ? "filled" : "default"}
                aria-pressed={first === m}
                title={labels.specialNames[m]}
                aria-label={`${labels.special[m]} — ${labels.specialNames[m]}`}
                disabled={absent && m !== "DUE"}
                onClick={() => set({ ...value, marks: [m] })}
              >
                {labels.special[m]}
              </Button>
            ))}
          </Group>
        </>
      )}
      {!readOnly && (absent || hasMark) && (
        <Text size="xs" c="dimmed">
          {t("journal.editor.absenceRule")}
        </Text>
      )}
      {!readOnly && (
        <>
          <Group gap={6} role="group" aria-label={t("journal.editor.attendance")}>
            {ABSENCES.map((s: AttendanceState) => (
              <Button
                key={s}
                size="compact-md"
                variant={value.attendance?.state === s ? "filled" : "default"}
                aria-pressed={value.attendance?.state === s}
                aria-label={`${labels.letters[s]} — ${labels.attendanceNames[s]}`}
                disabled={hasMark && value.attendance?.state !== s}
                onClick={() => set(toggleAttendance(value, s as Exclude<AttendanceState, "LATE">))}
              >
                {labels.letters[s]}
              </Button>
            ))}
          </Group>
          <Group gap={6} align="flex-end" wrap="nowrap">
            <NumberInput
              label={t("journal.editor.lateMinutes")}
              size="xs"
              w={130}
              min={1}
              max={90}
              allowDecimal={false}
              value={minutes}
              onChange={setMinutes}
            />
            <Button
              size="compact-md"
              variant={value.attendance?.state === "LATE" ? "filled" : "default"}
              aria-pressed={value.attendance?.state === "LATE"}
              disabled={!lateValid}
              onClick={() => set({ ...value, attendance: { state: "LATE", lateMinutes: Number(minutes) } })}
            >
              {`${labels.letters.LATE} — ${labels.attendanceNames.LATE}`}
            </Button>
          </Group>
        </>
      )}
      <Group gap={6} justify="space-between">
        <Group gap={6}>
          {!readOnly && (
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => set({ ...value, marks: marksAllowed ? [] : value.marks, attendance: null })}
            >
              {t("journal.editor.clear")}
            </Button>
          )}
          {!readOnly && marksAllowed && (
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => {
                c.editor.set(null);
                c.openDialog({ type: "comment", key: cellKey });
              }}
            >
              {t("journal.editor.comment")}
            </Button>
          )}
        </Group>
        <Button size="compact-sm" onClick={onDone}>
          {t("journal.editor.done")}
        </Button>
      </Group>
    </Stack>
  );
}
