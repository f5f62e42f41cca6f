import { Alert, Button, Checkbox, Group, List, Select, Stack, Text } from "@mantine/core";
import { type GenerateLessonsResult, timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formatGrades, formatRange, usePeriods } from "../structure/structure-api.ts";
import { useInvalidateTimetable } from "./timetable-api.ts";
import { timetableErrorsOf } from "./timetable-errors.ts";

const KEPT_SHOWN = 10;

/**
 * «Сформировать уроки»: creates the dated lessons of a study period from the weekly timetable
 * (for the whole school or one class) and shows what was created, changed, removed and kept.
 */
export function GeneratePanel({
  yearId,
  klass,
  today,
}: {
  yearId: string;
  klass: { id: string; name: string; grade: number } | null;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const periods = usePeriods(yearId, false);
  const items = periods.data?.items ?? [];
  const current = items.find(
    (p) => p.startsOn <= today && today <= p.endsOn && (!klass || (p.gradeFrom <= klass.grade && klass.grade <= p.gradeTo)),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const periodId = chosen ?? current?.id ?? items[0]?.id ?? null;
  const [onlyClass, setOnlyClass] = useState(false);
  const invalidate = useInvalidateTimetable();
  const mutation = useMutation({
    mutationFn: () => call(e.generateLessons, { body: { periodId: periodId ?? "", ...(onlyClass && klass ? { classId: klass.id } : {}) } }),
    onSuccess: () => void invalidate(),
  });
  const errors = timetableErrorsOf(t, mutation.error);
  return (
    <Stack gap="sm">
      <Text size="sm">{t("timetable.generate.hint")}</Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("timetable.generate.period")}
          data={items.map((p) => ({
            value: p.id,
            label: `${p.name} (${t("timetable.generate.grades", { grades: formatGrades(p.gradeFrom, p.gradeTo) })}, ${formatRange(p.startsOn, p.endsOn, i18n.language)})`,
          }))}
          value={periodId}
          onChange={(v) => {
            setChosen(v);
            mutation.reset();
          }}
          allowDeselect={false}
          w={{ base: "100%", sm: 420 }}
          error={errors.fields.periodId ?? errors.fields.classId}
        />
        {klass && (
          <Checkbox
            label={t("timetable.generate.onlyClass", { class: klass.name })}
            checked={onlyClass}
            onChange={(ev) => setOnlyClass(ev.currentTarget.checked)}
            mb={8}
          />
        )}
        <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!periodId}>
          {t("timetable.generate.run")}
        </Button>
      </Group>
      {periods.isSuccess && items.length === 0 && <Text c="dimmed">{t("timetable.generate.noPeriods")}</Text>}
      {errors.form && (
        <Alert color="red" variant="light" role="alert">
          {errors.form}
        </Alert>
      )}
      {mutation.data && <GenerateResult result={mutation.data} />}
    </Stack>
  );
}

function GenerateResult({ result }: { result: GenerateLessonsResult }) {
  const { t, i18n } = useTranslation();
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "ru-RU", { timeZone: "UTC", day: "numeric", month: "long" }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  return (
    <Alert color="green" variant="light" role="status" title={t("timetable.generate.done")}>
      <Stack gap={4}>
        <Text size="sm">{t("timetable.generate.counts", result)}</Text>
        {result.kept > 0 && (
          <>
            <Text size="sm">{t("timetable.generate.keptHint")}</Text>
            <List size="sm">
              {result.keptLessons.slice(0, KEPT_SHOWN).map((k) => (
                <List.Item key={k.lessonId}>
                  {t("timetable.generate.keptLine", {
                    date: day(k.date),
                    n: k.lessonNumber,
                    class: k.class,
                    subject: k.subject,
                    reason: t(`timetable.generate.reason.${k.reason}`),
                  })}
                </List.Item>
              ))}
            </List>
            {result.kept > KEPT_SHOWN && <Text size="sm">{t("timetable.generate.keptMore", { count: result.kept - KEPT_SHOWN })}</Text>}
          </>
        )}
      </Stack>
    </Alert>
  );
}
