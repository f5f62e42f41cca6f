import { Button, CloseButton, Group, Select, Stack, Text } from "@mantine/core";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { useTranslation } from "react-i18next";

type Row = SchoolSettings["periodSystem"][number];
const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));
const KINDS = ["quarter", "trimester", "half_year"] as const;

/** Which kind of period each grade range studies by, e.g. quarters for 1–9, half-years for 10–11. */
export function PeriodSystemEditor({
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
  const whole = errorOf("periodSystem");
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
            error={errorOf(`periodSystem.${i}.gradeFrom`)}
            disabled={disabled}
          />
          <Select
            w={90}
            label={t("schools.settings.periodSystem.to")}
            data={GRADES}
            value={String(r.gradeTo)}
            onChange={(v) => set(i, { gradeTo: Number(v ?? 11) })}
            allowDeselect={false}
            error={errorOf(`periodSystem.${i}.gradeTo`)}
            disabled={disabled}
          />
          <Select
            w={160}
            label={t("schools.settings.periodSystem.kind")}
            data={KINDS.map((k) => ({ value: k, label: t(`structure.periodKind.${k}`) }))}
            value={r.kind}
            onChange={(v) => set(i, { kind: (v ?? "quarter") as Row["kind"] })}
            allowDeselect={false}
            disabled={disabled}
          />
          {!disabled && rows.length > 1 && (
            <CloseButton
              mt={28}
              aria-label={t("schools.settings.periodSystem.remove", { n: i + 1 })}
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
          <Button variant="light" onClick={() => onChange([...rows, { gradeFrom: 10, gradeTo: 11, kind: "half_year" }])}>
            {t("schools.settings.periodSystem.add")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
