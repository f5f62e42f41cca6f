import { Alert, Paper, Skeleton, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/i18n.ts";

/** A tick (done) or an empty circle (to do), 20 px, decorative: the text says which. */
export function StepMark({ done }: { done: boolean }) {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" aria-hidden="true" focusable="false" style={{ flex: "none", marginTop: 2 }}>
      {done ? (
        <>
          <circle cx="12" cy="12" r="11" fill="var(--mantine-color-teal-filled)" />
          <path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="white" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
        </>
      ) : (
        <circle cx="12" cy="12" r="10" fill="none" stroke="var(--mantine-color-dimmed)" strokeWidth="2" />
      )}
    </svg>
  );
}

/** Loading placeholder, then the error with a retry hint, then the content. */
export function QueryState({ isPending, error, children }: { isPending: boolean; error: Error | null; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, error)}
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Stack gap="xs" aria-busy="true" aria-label={t("home.loading")}>
        <Skeleton h={18} w="60%" />
        <Skeleton h={18} w="80%" />
        <Skeleton h={18} w="40%" />
      </Stack>
    );
  }
  return <>{children()}</>;
}

/** "No lessons today": the timetable is a later feature, so say so rather than invent lessons. */
export function TodayLessons() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" bg="var(--mantine-color-default-hover)">
      <Text fw={600}>{t("home.today.title")}</Text>
      <Text c="dimmed" size="sm" mt={4}>
        {t("home.today.noTimetable")}
      </Text>
    </Paper>
  );
}

/** A labelled value: «КЛАСС / 5А». */
export function Fact({ label, value, grow = false }: { label: string; value: string; grow?: boolean }) {
  return (
    <div style={grow ? { flex: 1, minWidth: 0 } : { flex: "none" }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </div>
  );
}
