import { Group, Select, Stack, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/session.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { useClasses, useMyTeaching } from "../people/people-api.ts";
import { todayIso } from "../people/people-format.ts";
import { AbsencesPanel } from "./AbsencesPanel.tsx";
import { CompletionPanel } from "./CompletionPanel.tsx";

/** The first day of the month before today's: the default start of the lists. */
function defaultFrom(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const month = m === 1 ? 12 : m - 1;
  return `${month === 12 ? y - 1 : y}-${String(month).padStart(2, "0")}-01`;
}

/**
 * The class teacher's page (классное руководство): the class's absences, with «Н» turned into
 * «Б»/«У» when a справка arrives, and what the class's journal is missing. An admin picks any class.
 */
export function ClassTeacherPage() {
  const { t } = useTranslation();
  usePageTitle(t("classTeacher.title"));
  const me = useCurrentUser();
  const isAdmin = me.roles.includes("admin");
  const allClasses = useClasses(isAdmin);
  const mine = useMyTeaching(!isAdmin);
  const [params, setParams] = useSearchParams();
  const options = isAdmin
    ? (allClasses.data ?? []).map((c) => ({ value: c.id, label: c.name }))
    : (mine.data?.classesLed ?? []).map((c) => ({ value: c.id, label: c.name }));
  const today = todayIso();
  const classId = params.get("class") ?? (options.length === 1 ? options[0]!.value : null);
  const from = params.get("from") || defaultFrom(today);
  const to = params.get("to") || today;
  const tab = params.get("tab") === "completion" ? "completion" : "absences";
  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const loading = isAdmin ? allClasses.isPending : mine.isPending;

  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t("classTeacher.title")}</Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("classTeacher.class")}
          placeholder={t("classTeacher.pickClass")}
          searchable
          data={options}
          value={classId}
          onChange={(v) => update("class", v)}
          w={{ base: "100%", xs: 200 }}
        />
        <TextInput
          label={t("classTeacher.from")}
          type="date"
          value={from}
          onChange={(e) => update("from", e.currentTarget.value)}
          w={{ base: "100%", xs: 180 }}
        />
        <TextInput
          label={t("classTeacher.to")}
          type="date"
          value={to}
          onChange={(e) => update("to", e.currentTarget.value)}
          w={{ base: "100%", xs: 180 }}
        />
      </Group>
      {!classId && !loading && (
        <Text c="dimmed">{options.length === 0 && !isAdmin ? t("classTeacher.noClasses") : t("classTeacher.pickClass")}</Text>
      )}
      {classId && (
        <Tabs value={tab} onChange={(v) => update("tab", v === "completion" ? v : null)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="absences">{t("classTeacher.absences.tab")}</Tabs.Tab>
            <Tabs.Tab value="completion">{t("classTeacher.completion.tab")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="absences" pt="md">
            <AbsencesPanel classId={classId} from={from} to={to} />
          </Tabs.Panel>
          <Tabs.Panel value="completion" pt="md">
            <CompletionPanel classId={classId} from={from} to={to} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
