import { Group, Select, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));

export interface Range {
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

/**
 * First and last day (native date inputs: the phone's own picker) and first and last grade.
 * A reversed range is flagged as soon as both ends are filled; the server's issues win.
 */
export function RangeFields({
  value,
  onChange,
  errors,
  bounds,
}: {
  value: Range;
  onChange: (next: Range) => void;
  errors: Record<string, string>;
  bounds?: { startsOn: string; endsOn: string };
}) {
  const { t } = useTranslation();
  const datesReversed = value.startsOn !== "" && value.endsOn !== "" && value.endsOn < value.startsOn;
  const gradesReversed = value.gradeTo < value.gradeFrom;
  return (
    <>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          type="date"
          label={t("structure.range.startsOn")}
          required
          min={bounds?.startsOn}
          max={bounds?.endsOn}
          value={value.startsOn}
          onChange={(ev) => onChange({ ...value, startsOn: ev.currentTarget.value })}
          error={errors.startsOn}
          miw={150}
        />
        <TextInput
          type="date"
          label={t("structure.range.endsOn")}
          required
          min={value.startsOn || bounds?.startsOn}
          max={bounds?.endsOn}
          value={value.endsOn}
          onChange={(ev) => onChange({ ...value, endsOn: ev.currentTarget.value })}
          error={errors.endsOn ?? (datesReversed ? t("structure.issue.ends_before_start") : undefined)}
          miw={150}
        />
      </Group>
      <Group grow align="flex-start">
        <Select
          label={t("structure.range.gradeFrom")}
          data={GRADES}
          value={String(value.gradeFrom)}
          onChange={(v) => onChange({ ...value, gradeFrom: Number(v ?? 1) })}
          allowDeselect={false}
          error={errors.gradeFrom}
        />
        <Select
          label={t("structure.range.gradeTo")}
          data={GRADES}
          value={String(value.gradeTo)}
          onChange={(v) => onChange({ ...value, gradeTo: Number(v ?? 11) })}
          allowDeselect={false}
          error={errors.gradeTo ?? (gradesReversed ? t("structure.issue.grade_range_reversed") : undefined)}
        />
      </Group>
    </>
  );
}
