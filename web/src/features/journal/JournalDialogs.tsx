import { Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { attendanceText, type CellValue, marksText } from "./cell-value.ts";
import { useGridLabels } from "./grid-labels.ts";
import type { JournalController, JournalDialog } from "./journal-controller.ts";
import { useValue } from "./keyed-store.ts";
import { usePeriodValueText } from "./SummaryCells.tsx";

/**
 * The journal's questions, one at a time: a conflict with someone else's change, a reason for
 * changing a mark, a cell's comment, and a reason for changing a period mark.
 */
export function JournalDialogs({ c, lessonNames }: { c: JournalController; lessonNames: readonly string[] }) {
  const dialog = useValue(c.dialogs)[0];
  const periodReason = useValue(c.periodMarks.reasonRequest);
  const cellName = (key: string) => {
    const p = c.positionOf(key);
    return p ? { student: c.students[p.row]?.displayName ?? "", lesson: lessonNames[p.col] ?? "" } : { student: "", lesson: "" };
  };
  const done = () => {
    c.closeDialog();
    c.focus.restore();
  };
  return (
    <>
      {dialog && <CellDialog key={`${dialog.type}:${dialog.key}`} c={c} dialog={dialog} name={cellName(dialog.key)} onDone={done} />}
      {!dialog && periodReason && (
        <ReasonModal
          key={periodReason.studentId}
          subject={c.students.find((s) => s.id === periodReason.studentId)?.displayName ?? ""}
          newValue={periodReason.value}
          onCancel={() => {
            c.periodMarks.reasonRequest.set(null);
            c.focus.restore();
          }}
          onSave={(reason) => {
            c.periodMarks.reasonRequest.set(null);
            void c.periodMarks.save(periodReason.studentId, periodReason.value, reason);
            c.focus.restore();
          }}
        />
      )}
    </>
  );
}

function CellDialog({
  c,
  dialog,
  name,
  onDone,
}: {
  c: JournalController;
  dialog: JournalDialog;
  name: { student: string; lesson: string };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const labels = useGridLabels();
  const show = (v: CellValue) =>
    [marksText(v.marks, labels.special), attendanceText(v.attendance, labels.letters)].filter(Boolean).join(" ") || "—";
  const closeProps = { "aria-label": t("journal.dialog.close") };
  const subject = `${name.student}, ${name.lesson}`;
  if (dialog.type === "conflict") {
    const keep = () => {
      c.discardChange(dialog.key);
      onDone();
    };
    return (
      <Modal opened onClose={keep} title={t("journal.dialog.conflictTitle")} centered closeButtonProps={closeProps}>
        <Stack>
          <Text>
            {dialog.updatedBy
              ? t("journal.dialog.conflictBy", { name: dialog.updatedBy, cell: subject })
              : t("journal.dialog.conflictText", { cell: subject })}
          </Text>
          <Table withTableBorder variant="vertical">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t("journal.dialog.current")}</Table.Th>
                <Table.Td data-testid="conflict-current">{show(dialog.current)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t("journal.dialog.mine")}</Table.Th>
                <Table.Td data-testid="conflict-mine">{show(dialog.mine)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button variant="default" onClick={keep}>
              {t("journal.dialog.keep")}
            </Button>
            <Button
              onClick={() => {
                c.overwrite(dialog.key);
                onDone();
              }}
            >
              {t("journal.dialog.overwrite")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  if (dialog.type === "reason") {
    return (
      <ReasonModal
        subject={subject}
        onCancel={() => {
          c.discardChange(dialog.key);
          onDone();
        }}
        onSave={(reason) => {
          c.saveWithReason(dialog.key, reason);
          onDone();
        }}
      />
    );
  }
  return <CommentModal c={c} cellKey={dialog.key} subject={subject} onDone={onDone} />;
}

function ReasonModal({
  subject,
  newValue,
  onCancel,
  onSave,
}: {
  subject: string;
  newValue?: string | null;
  onCancel: () => void;
  onSave: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const valueText = usePeriodValueText();
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === "";
  return (
    <Modal
      opened
      onClose={onCancel}
      title={t("journal.dialog.reasonTitle")}
      centered
      closeButtonProps={{ "aria-label": t("journal.dialog.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!missing) onSave(reason.trim());
        }}
      >
        <Stack>
          <Text>{t("journal.dialog.reasonText", { cell: subject })}</Text>
          {newValue !== undefined && (
            <Text>
              {t("journal.dialog.reasonNewValue", { value: newValue === null ? t("journal.periodMark.none") : valueText(newValue) })}
            </Text>
          )}
          <TextInput
            data-autofocus
            label={t("journal.dialog.reasonLabel")}
            required
            maxLength={300}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={touched && missing ? t("journal.dialog.reasonRequired") : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t("journal.dialog.cancel")}
            </Button>
            <Button type="submit">{t("journal.dialog.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CommentModal({ c, cellKey, subject, onDone }: { c: JournalController; cellKey: string; subject: string; onDone: () => void }) {
  const { t } = useTranslation();
  const state = c.cells.get(cellKey);
  const [comment, setComment] = useState(state?.value.comment ?? "");
  const save = (text: string) => {
    const latest = c.cells.get(cellKey);
    if (latest) c.change(cellKey, { ...latest.value, comment: text.trim() });
    onDone();
  };
  return (
    <Modal
      opened
      onClose={onDone}
      title={t("journal.dialog.commentTitle", { cell: subject })}
      centered
      closeButtonProps={{ "aria-label": t("journal.dialog.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save(comment);
        }}
      >
        <Stack>
          <Textarea
            data-autofocus
            label={t("journal.dialog.commentLabel")}
            description={t("journal.dialog.commentHint")}
            maxLength={500}
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                save(comment);
              }
            }}
          />
          <Group justify="space-between">
            {state?.value.comment ? (
              <Button variant="default" color="red" onClick={() => save("")}>
                {t("journal.dialog.commentRemove")}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onDone}>
                {t("journal.dialog.cancel")}
              </Button>
              <Button type="submit">{t("journal.dialog.save")}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
