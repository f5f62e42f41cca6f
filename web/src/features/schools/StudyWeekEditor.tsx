import { Button, CloseButton, Group, Select, Stack, Text } from "@mantine/core";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { useTranslation } from "react-i18next";

type Row = SchoolSettings["studyWeek"][number];
const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));

/** The study week of each grade range: 5 days (Monday–Friday) or 6 (Monday–Saturday). */
export function StudyWeekEditor({
  rows,
  onChange,
  errorOf,
  disabled,
}: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  errorOf: (path: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const whole = errorOf("studyWeek");
  return (
    <Stack gap="xs">
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
        <Group key={i} align="flex-start" wrap="wrap" gap="xs">
          <Select
            w={90}
            label={t("schools.settings.periodSystem.from")}
            data={GRADES}
            value={String(r.gradeFrom)}
            onChange={(v) => set(i, { gradeFrom: Number(v ?? 1) })}
            allowDeselect={false}
            error={errorOf(`studyWeek.${i}.gradeFrom`)}
            disabled={disabled}
          />
          <Select
            w={90}
            label={t("schools.settings.periodSystem.to")}
            data={GRADES}
            value={String(r.gradeTo)}
            onChange={(v) => set(i, { gradeTo: Number(v ?? 11) })}
            allowDeselect={false}
            error={errorOf(`studyWeek.${i}.gradeTo`)}
            disabled={disabled}
          />
          <Select
            w={190}
            label={t("timetable.studyWeek.days")}
            data={(["5", "6"] as const).map((d) => ({ value: d, label: t(`timetable.studyWeek.days${d}`) }))}
            value={String(r.days)}
            onChange={(v) => set(i, { days: v === "6" ? 6 : 5 })}
            allowDeselect={false}
            disabled={disabled}
          />
          {!disabled && rows.length > 1 && (
            <CloseButton
              mt={28}
              aria-label={t("timetable.studyWeek.remove", { n: i + 1 })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          )}
        </Group>
      ))}
      {whole && (
        <Text size="sm" c="red" role="alert">
          {whole}
        </Text>
      )}
      {!disabled && rows.length < 11 && (
        <Group>
          <Button variant="light" onClick={() => onChange([...rows, { gradeFrom: 10, gradeTo: 11, days: 6 }])}>
            {t("timetable.studyWeek.add")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
