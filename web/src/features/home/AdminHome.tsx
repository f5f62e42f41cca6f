import { Anchor, Badge, Button, Group, List, Paper, Progress, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import type { SetupStep, SetupStepKey } from "@otmetka/core/contracts/home.ts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TranslationKey } from "../../lib/i18n.ts";
import { formatDate } from "../people/people-format.ts";
import { useSchoolSetup } from "./home-api.ts";
import { QueryState, StepMark } from "./home-ui.tsx";
import { HomeSection } from "./HomeSection.tsx";

/** The admin page that fixes each step, and a second way when there is one. */
const STEP_PAGES: Record<SetupStepKey, { path: string; extra?: { path: string; labelKey: TranslationKey } }> = {
  schoolProfile: { path: "/school" },
  academicYear: { path: "/calendar" },
  periods: { path: "/calendar", extra: { path: "/settings", labelKey: "home.admin.extra.periodSystem" } },
  holidays: { path: "/calendar" },
  subjects: { path: "/subjects" },
  classes: { path: "/classes" },
  classTeachers: { path: "/classes" },
  staff: { path: "/staff", extra: { path: "/imports", labelKey: "home.admin.extra.import" } },
  students: { path: "/students", extra: { path: "/imports", labelKey: "home.admin.extra.import" } },
  guardians: { path: "/students" },
  teaching: { path: "/teaching" },
};

/** School administration's part of the home page: the setup checklist. */
export function AdminHome(_props: { me: MeView }) {
  const { t, i18n } = useTranslation();
  const setup = useSchoolSetup();
  return (
    <HomeSection userRole="admin" title={t("home.admin.title")} description={t("home.admin.description")} showLinks={false}>
      <QueryState isPending={setup.isPending} error={setup.error}>
        {() => {
          const data = setup.data!;
          const total = data.steps.length;
          return (
            <Stack gap="md">
              <div>
                <Group justify="space-between" gap="xs" mb={6}>
                  <Text fw={600} id="setup-progress">
                    {t("home.admin.progress", { done: data.doneCount, total })}
                  </Text>
                  <Text c="dimmed" size="sm">
                    {data.currentYear
                      ? t("home.admin.year", {
                          name: data.currentYear.name,
                          from: formatDate(data.currentYear.startsOn, i18n.language),
                          to: formatDate(data.currentYear.endsOn, i18n.language),
                        })
                      : t("home.admin.noYear")}
                  </Text>
                </Group>
                <Progress value={(data.doneCount / total) * 100} color="teal" size="md" aria-label={t("home.admin.progress", { done: data.doneCount, total })} />
              </div>
              {data.nextStep === null && (
                <Text c="var(--mantine-color-success)" fw={600}>
                  {t("home.admin.allDone")}
                </Text>
              )}
              <List listStyleType="none" spacing={0} aria-label={t("home.admin.stepsLabel")}>
                {data.steps.map((step, index) => (
                  <StepItem key={step.key} step={step} number={index + 1} isNext={step.key === data.nextStep} />
                ))}
              </List>
            </Stack>
          );
        }}
      </QueryState>
    </HomeSection>
  );
}

function StepItem({ step, number, isNext }: { step: SetupStep; number: number; isNext: boolean }) {
  const { t } = useTranslation();
  const page = STEP_PAGES[step.key];
  const title = t(`home.admin.step.${step.key}.title`);
  const detail = t(`home.admin.step.${step.key}.${step.done ? "done" : "todo"}`, { count: step.count, total: step.total ?? 0 });
  return (
    <List.Item styles={{ itemWrapper: { display: "block" }, itemLabel: { display: "block" } }} aria-current={isNext ? "step" : undefined}>
      <Paper
        px="sm"
        py={isNext ? "sm" : 6}
        my={isNext ? 6 : 0}
        radius="md"
        withBorder={isNext}
        bg={isNext ? "var(--mantine-primary-color-light)" : undefined}
        style={isNext ? { borderColor: "var(--mantine-primary-color-filled)" } : undefined}
      >
        <Group wrap="nowrap" align="flex-start" gap="sm">
          <StepMark done={step.done} />
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h5" fw={isNext ? 700 : 600}>
                <Anchor component={Link} to={page.path} c={step.done ? "inherit" : undefined} underline="hover">
                  {number}. {title}
                </Anchor>
                <VisuallyHidden>{` — ${step.done ? t("home.admin.done") : t("home.admin.notDone")}`}</VisuallyHidden>
              </Title>
              {isNext && (
                <Badge size="sm" variant="filled">
                  {t("home.admin.next")}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {detail}
            </Text>
            {isNext && (
              <Group gap="sm" mt={6} wrap="wrap">
                <Button component={Link} to={page.path} size="sm" aria-label={t("home.admin.openLabel", { page: title })}>
                  {t("home.admin.open")}
                </Button>
                {page.extra && (
                  <Anchor component={Link} to={page.extra.path} size="sm">
                    {t(page.extra.labelKey)}
                  </Anchor>
                )}
              </Group>
            )}
          </Stack>
        </Group>
      </Paper>
    </List.Item>
  );
}
