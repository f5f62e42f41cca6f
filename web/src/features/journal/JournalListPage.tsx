import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { MyTeaching, TeachingAssignmentView } from "@otmetka/core/contracts/staff.ts";
import { useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/session.tsx";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { useClasses, useMyTeaching, useSubjects } from "../people/people-api.ts";
import { journalPath, useClassAssignments } from "./journal-api.ts";

/** «Журнал»: a teacher's journals (class × subject × group); an admin picks a class, then a subject. */
export function JournalListPage() {
  const { t } = useTranslation();
  usePageTitle(t("journal.list.title"));
  const me = useCurrentUser();
  const isTeacher = me.roles.includes("teacher");
  const isAdmin = me.roles.includes("admin");
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t("journal.list.title")}</Title>
      {isTeacher && <MyJournals />}
      {isAdmin && <AnyJournal />}
    </Stack>
  );
}

function assignmentLabel(t: TFunction, a: TeachingAssignmentView): string {
  return a.group ? t("journal.list.withGroup", { subject: a.subject.name, group: a.group.name }) : a.subject.name;
}

/** The teacher's assignments as links, class by class; classes they lead get a subject picker. */
function MyJournals() {
  const { t } = useTranslation();
  const mine = useMyTeaching();
  if (mine.isPending) return <CenteredLoader />;
  if (mine.error)
    return (
      <Alert color="red" variant="light" role="alert">
        {errorMessage(t, mine.error)}
      </Alert>
    );
  const byClass = groupByClass(mine.data);
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("journal.list.mine")}
      </Title>
      {byClass.length === 0 && <Text c="dimmed">{t("journal.list.noAssignments")}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {byClass.map(({ name, assignments }) => (
          <Paper component="li" key={name} withBorder p="md">
            <Title order={3} size="h4" mb={6}>
              {name}
            </Title>
            <List listStyleType="none" spacing={4}>
              {assignments.map((a) => (
                <List.Item key={a.id}>
                  <Anchor component={Link} to={journalPath(a.class.id, a.subject.id, { groupId: a.group?.id })} underline="always">
                    {assignmentLabel(t, a)}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Paper>
        ))}
      </SimpleGrid>
      {mine.data.classesLed.map((c) => (
        <ClassTeacherPicker key={c.id} classId={c.id} className={c.name} />
      ))}
    </Stack>
  );
}

function groupByClass(teaching: MyTeaching): { name: string; assignments: TeachingAssignmentView[] }[] {
  const groups = new Map<string, { name: string; assignments: TeachingAssignmentView[] }>();
  for (const a of teaching.assignments) {
    const group = groups.get(a.class.id) ?? { name: a.class.name, assignments: [] };
    group.assignments.push(a);
    groups.set(a.class.id, group);
  }
  return [...groups.values()];
}

/** A class teacher reads every subject of their class (and marks attendance there). */
function ClassTeacherPicker({ classId, className }: { classId: string; className: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const subjects = useSubjects();
  const [subjectId, setSubjectId] = useState("");
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (subjectId) void navigate(journalPath(classId, subjectId));
      }}
    >
      <Title order={2} size="h3">
        {t("journal.list.classLed", { name: className })}
      </Title>
      <Text size="sm" mb="xs">
        {t("journal.list.classLedHint")}
      </Text>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t("journal.list.subject")}
          value={subjectId}
          onChange={(e) => setSubjectId(e.currentTarget.value)}
          data={[
            { value: "", label: t("journal.list.pickSubject") },
            ...(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
          w={{ base: "100%", xs: 280 }}
        />
        <Button type="submit" variant="default" disabled={!subjectId}>
          {t("journal.list.open")}
        </Button>
      </Group>
    </form>
  );
}

/** An admin: any class, then one of its subjects as taught (with the teacher and subgroup). */
function AnyJournal() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const classId = params.get("class");
  const classes = useClasses();
  const assignments = useClassAssignments(classId);
  return (
    <Stack gap="sm">
      <Select
        label={t("journal.list.class")}
        placeholder={t("journal.list.pickClass")}
        searchable
        data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={classId}
        onChange={(value) => setParams(value ? { class: value } : {}, { replace: true })}
        w={{ base: "100%", xs: 240 }}
      />
      {assignments.error && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, assignments.error)}
        </Alert>
      )}
      {classId && assignments.data?.length === 0 && <Text c="dimmed">{t("journal.list.noClassAssignments")}</Text>}
      {assignments.data && assignments.data.length > 0 && (
        <List listStyleType="none" spacing={6} aria-label={t("journal.list.subjects")}>
          {assignments.data.map((a) => (
            <List.Item key={a.id}>
              <Anchor component={Link} to={journalPath(a.class.id, a.subject.id, { groupId: a.group?.id })} underline="always">
                {assignmentLabel(t, a)}
              </Anchor>
              <Text span size="sm" c="dimmed">
                {" "}
                {t("journal.list.teacher", { name: a.teacher.displayName })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
