import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { type LessonPlan, type LessonPlanItem, lessonPlanEndpoints } from "@otmetka/core/contracts/lesson-plans.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { formatDate } from "../people/people-format.ts";
import { useIsPhone } from "../people/use-is-phone.ts";
import { FillTopicsModal } from "./FillTopicsModal.tsx";
import { lessonKeys, usePlan, usePlans } from "./lessons-api.ts";
import { lessonErrorText } from "./lessons-errors.ts";
import { PlanImport } from "./PlanImport.tsx";
import { PlanModal } from "./PlanModal.tsx";

type Dialog = { kind: "create" } | { kind: "edit"; plan: LessonPlan } | { kind: "fill"; plan: LessonPlan } | null;

/** «Тематическое планирование»: the teacher's plans, one plan's rows, its import and «fill topics». */
export function LessonPlansPage() {
  const { t } = useTranslation();
  usePageTitle(t("lessons.plans.title"));
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const items = plans.data?.items ?? [];
  const selectedId = params.get("plan") ?? items[0]?.id ?? null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const select = (id: string) => setParams({ plan: id }, { replace: true });
  const refresh = () => queryClient.invalidateQueries({ queryKey: lessonKeys.all });

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("lessons.plans.title")}</Title>
        <Button onClick={() => setDialog({ kind: "create" })}>{t("lessons.plans.add")}</Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("lessons.plans.intro")}
      </Text>
      {plans.isError && <Alert color="red">{errorMessage(t, plans.error)}</Alert>}
      {plans.isSuccess && items.length === 0 && <Text c="dimmed">{t("lessons.plans.empty")}</Text>}
      {items.length > 0 && (
        <nav aria-label={t("lessons.plans.list")}>
          <Group gap="xs" wrap="wrap">
            {items.map((p) => (
              <UnstyledButton
                key={p.id}
                onClick={() => select(p.id)}
                aria-current={p.id === selectedId ? "true" : undefined}
                px="sm"
                py={6}
                style={{
                  borderRadius: "var(--mantine-radius-md)",
                  border: `1px solid ${p.id === selectedId ? "var(--mantine-color-blue-filled)" : "var(--mantine-color-default-border)"}`,
                  fontWeight: p.id === selectedId ? 600 : 400,
                }}
              >
                <Text size="sm" fw="inherit">
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {[p.subject.name, p.class?.name ?? t("lessons.plans.anyClass"), t("lessons.plans.rows", { count: p.itemCount })].join(
                    " · ",
                  )}
                </Text>
              </UnstyledButton>
            ))}
          </Group>
        </nav>
      )}
      {selectedId && (
        <PlanDetails
          planId={selectedId}
          onEdit={(plan) => setDialog({ kind: "edit", plan })}
          onFill={(plan) => setDialog({ kind: "fill", plan })}
        />
      )}
      {(dialog?.kind === "create" || dialog?.kind === "edit") && (
        <PlanModal
          plan={dialog.kind === "edit" ? dialog.plan : null}
          onClose={() => setDialog(null)}
          onSaved={(plan) => {
            setDialog(null);
            select(plan.id);
            void refresh();
          }}
        />
      )}
      {dialog?.kind === "fill" && <FillTopicsModal plan={dialog.plan} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

function PlanDetails({
  planId,
  onEdit,
  onFill,
}: {
  planId: string;
  onEdit: (plan: LessonPlan) => void;
  onFill: (plan: LessonPlan) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [, setParams] = useSearchParams();
  const details = usePlan(planId);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => call(lessonPlanEndpoints.archive, { params: { planId } }),
    onSuccess: () => {
      setParams({}, { replace: true });
      void queryClient.invalidateQueries({ queryKey: lessonKeys.all });
    },
  });
  if (details.isError) return <Alert color="red">{errorMessage(t, details.error)}</Alert>;
  if (!details.data) return null;
  const { plan, items } = details.data;

  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" component="section" aria-labelledby="plan-title">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={2} size="h3" id="plan-title">
              {plan.name}
            </Title>
            <Group gap="xs" wrap="wrap">
              <Button onClick={() => onFill(plan)} disabled={items.length === 0}>
                {t("lessons.fill.open")}
              </Button>
              <Button variant="light" onClick={() => onEdit(plan)}>
                {t("lessons.plans.edit")}
              </Button>
              {!confirming ? (
                <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
                  {t("lessons.plans.delete")}
                </Button>
              ) : (
                <Group gap="xs">
                  <Text size="sm">{t("lessons.plans.deleteConfirm")}</Text>
                  <Button color="red" size="xs" loading={remove.isPending} onClick={() => remove.mutate()}>
                    {t("lessons.plans.deleteYes")}
                  </Button>
                  <Button variant="default" size="xs" onClick={() => setConfirming(false)}>
                    {t("lessons.cancel")}
                  </Button>
                </Group>
              )}
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {[plan.subject.name, plan.class?.name ?? t("lessons.plans.anyClass"), plan.teacher.displayName].join(" · ")}
          </Text>
          {remove.isError && (
            <Text size="sm" c="red.8" role="alert">
              {lessonErrorText(t, remove.error)}
            </Text>
          )}
          {items.length === 0 ? <Text c="dimmed">{t("lessons.plans.noRows")}</Text> : <PlanItems items={items} />}
        </Stack>
      </Paper>
      <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" component="section" aria-labelledby="plan-import-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="plan-import-title">
            {t("lessons.import.title")}
          </Title>
          <PlanImport planId={plan.id} />
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Links in «ЭОР/ЦОР» are links; the rest is text. */
function Resources({ text }: { text: string }) {
  const parts: { at: number; text: string; link: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s)]+/g)) {
    if (match.index > at) parts.push({ at, text: text.slice(at, match.index), link: false });
    parts.push({ at: match.index, text: match[0], link: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ at, text: text.slice(at), link: false });
  return (
    <>
      {parts.map((part) =>
        part.link ? (
          <Anchor
            key={part.at}
            href={part.text}
            target="_blank"
            rel="noopener noreferrer"
            underline="always"
            size="sm"
            style={{ overflowWrap: "anywhere" }}
          >
            {part.text}
          </Anchor>
        ) : (
          <span key={part.at}>{part.text}</span>
        ),
      )}
    </>
  );
}

function PlanItems({ items }: { items: LessonPlanItem[] }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  if (isPhone) {
    return (
      <Stack gap={6}>
        {items.map((item) => (
          <Paper key={item.id} withBorder p="xs" radius="sm">
            <Text size="sm" fw={500}>
              № {item.number}. {item.topic}
            </Text>
            <Text size="xs" c="dimmed">
              {[t("lessons.plans.hoursShort", { count: item.hours }), item.plannedOn ? formatDate(item.plannedOn, i18n.language) : null]
                .filter(Boolean)
                .join(" · ")}
            </Text>
            {item.resources && (
              <Text size="xs">
                <Resources text={item.resources} />
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>№</Table.Th>
            <Table.Th>{t("lessons.plans.topic")}</Table.Th>
            <Table.Th w={70}>{t("lessons.plans.hours")}</Table.Th>
            <Table.Th w={70}>{t("lessons.plans.control")}</Table.Th>
            <Table.Th w={70}>{t("lessons.plans.practical")}</Table.Th>
            <Table.Th w={110}>{t("lessons.plans.plannedOn")}</Table.Th>
            <Table.Th>{t("lessons.plans.resources")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{item.number}</Table.Td>
              <Table.Td>{item.topic}</Table.Td>
              <Table.Td>{item.hours}</Table.Td>
              <Table.Td>{item.controlHours}</Table.Td>
              <Table.Td>{item.practicalHours}</Table.Td>
              <Table.Td>{item.plannedOn ? formatDate(item.plannedOn, i18n.language) : "—"}</Table.Td>
              <Table.Td>
                <Resources text={item.resources} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
