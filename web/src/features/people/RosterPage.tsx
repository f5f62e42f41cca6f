import { Alert, Anchor, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { peopleEndpoints } from "@otmetka/core/contracts/people.ts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/session.tsx";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { peopleKeys, useClasses, useMyTeaching } from "./people-api.ts";
import { formatDate, todayIso } from "./people-format.ts";
import { useIsPhone } from "./use-is-phone.ts";

/** Class lists on a date: an admin picks any class; a teacher the classes they teach or lead. */
export function RosterPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("people.roster.title"));
  const me = useCurrentUser();
  const isAdmin = me.roles.includes("admin");
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const classId = params.get("class");
  const date = params.get("date") || todayIso();
  const allClasses = useClasses(isAdmin);
  const mine = useMyTeaching(!isAdmin);
  const options = isAdmin
    ? (allClasses.data ?? []).map((c) => ({ value: c.id, label: c.name }))
    : uniqueClasses([...(mine.data?.classesLed ?? []), ...(mine.data?.assignments.map((a) => a.class) ?? [])]);
  const roster = useQuery({
    queryKey: peopleKeys.roster(classId ?? "", date),
    queryFn: () => call(peopleEndpoints.roster, { params: { classId: classId ?? "" }, query: { date } }),
    enabled: Boolean(classId),
  });
  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t("people.roster.title")}</Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("people.field.class")}
          placeholder={t("people.roster.pickClass")}
          searchable
          data={options}
          value={classId}
          onChange={(v) => update("class", v)}
          w={{ base: "100%", xs: 200 }}
        />
        <TextInput
          label={t("people.roster.date")}
          type="date"
          value={date}
          onChange={(e) => update("date", e.currentTarget.value)}
          w={{ base: "100%", xs: 180 }}
        />
      </Group>
      {!classId && <Text c="dimmed">{options.length === 0 && !isAdmin ? t("people.roster.noClasses") : t("people.roster.pickClass")}</Text>}
      {roster.isError && <Alert color="red">{errorMessage(t, roster.error)}</Alert>}
      {roster.data && (
        <>
          <Text>
            {t("people.roster.summary", {
              count: roster.data.students.length,
              name: roster.data.class.name,
              date: formatDate(roster.data.date, i18n.language),
            })}
            {roster.data.class.classTeacher &&
              ` · ${t("people.roster.classTeacher", { name: roster.data.class.classTeacher.displayName })}`}
          </Text>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>№</Table.Th>
                <Table.Th>{t("people.field.fullName")}</Table.Th>
                {!isPhone && <Table.Th>{t("people.field.group")}</Table.Th>}
                {!isPhone && <Table.Th>{t("people.roster.since")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roster.data.students.map((s, i) => (
                <Table.Tr key={s.personId}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    {isAdmin ? (
                      <Anchor component={Link} to={`/students/${s.personId}`}>
                        {s.displayName}
                      </Anchor>
                    ) : (
                      s.displayName
                    )}
                    {isPhone && s.group && (
                      <Text size="sm" c="dimmed">
                        {s.group.name}
                      </Text>
                    )}
                  </Table.Td>
                  {!isPhone && <Table.Td>{s.group?.name ?? "—"}</Table.Td>}
                  {!isPhone && <Table.Td>{formatDate(s.startsOn, i18n.language)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function uniqueClasses(classes: { id: string; name: string }[]) {
  const seen = new Map<string, string>();
  for (const c of classes) seen.set(c.id, c.name);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "ru", { numeric: true }));
}
