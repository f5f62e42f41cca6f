import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { peopleEndpoints } from "@otmetka/core/contracts/people.ts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { peopleKeys, useClasses, useInvalidatePeople } from "./people-api.ts";
import { formatDate } from "./people-format.ts";
import { StudentFormModal } from "./StudentForm.tsx";
import { useIsPhone } from "./use-is-phone.ts";

const PAGE_SIZE = 50;

/** All students of the school: search by ФИО or СНИЛС, filter by class, open a card, add a student. */
export function StudentsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t("people.students.title"));
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const invalidate = useInvalidatePeople();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [classId, setClassId] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const classes = useClasses();
  const filter = {
    q: q || undefined,
    classId: classId ?? undefined,
    includeArchived: showArchived ? "true" : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const students = useQuery({
    queryKey: peopleKeys.students(filter),
    queryFn: () => call(peopleEndpoints.listStudents, { query: filter }),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((students.data?.total ?? 0) / PAGE_SIZE));
  const resetPage =
    <T,>(fn: (v: T) => void) =>
    (v: T) => {
      setPage(1);
      fn(v);
    };

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("people.students.title")}</Title>
        <Button onClick={() => setCreating(true)}>{t("people.students.add")}</Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t("people.students.search")}
          placeholder={t("people.students.searchHint")}
          type="search"
          value={search}
          onChange={(e) => resetPage(setSearch)(e.currentTarget.value)}
          w={{ base: "100%", sm: 320 }}
        />
        <Select
          label={t("people.field.class")}
          placeholder={t("people.students.allClasses")}
          clearable
          searchable
          data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={resetPage(setClassId)}
          w={{ base: "100%", sm: 180 }}
        />
        <Switch
          label={t("people.common.showArchived")}
          checked={showArchived}
          onChange={(e) => resetPage(setShowArchived)(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {students.isError && <Alert color="red">{errorMessage(t, students.error)}</Alert>}
      <Text size="sm" c="dimmed" aria-live="polite">
        {students.data ? t("people.students.found", { count: students.data.total }) : t("app.loading")}
      </Text>
      {isPhone ? (
        <Stack gap="xs">
          {students.data?.items.map((s) => (
            <Paper key={s.id} withBorder p="sm" radius="md">
              <Anchor component={Link} to={`/students/${s.id}`} fw={500}>
                {s.displayName}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[s.currentClass?.name, formatDate(s.birthDate, i18n.language), s.archived ? t("people.common.archived") : null]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("people.field.fullName")}</Table.Th>
              <Table.Th>{t("people.field.birthDate")}</Table.Th>
              <Table.Th>{t("people.field.class")}</Table.Th>
              <Table.Th>{t("people.students.account")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {students.data?.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/students/${s.id}`} fw={500}>
                    {s.displayName}
                  </Anchor>
                  {s.archived && (
                    <Badge ml="xs" size="sm" variant="light" color="gray">
                      {t("people.common.archived")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(s.birthDate, i18n.language)}</Table.Td>
                <Table.Td>{s.currentClass?.name ?? "—"}</Table.Td>
                <Table.Td>{s.hasAccount ? t("people.common.yes") : t("people.common.no")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} aria-label={t("people.common.pages")}
          getItemProps={(p) => ({ "aria-label": t("pagination.page", { page: p }) })}
          getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
        />}
      {creating && (
        <StudentFormModal
          student={null}
          opened
          onClose={() => setCreating(false)}
          onSaved={(card) => {
            void invalidate();
            navigate(`/students/${card.id}`);
          }}
        />
      )}
    </Stack>
  );
}
