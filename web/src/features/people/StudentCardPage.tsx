import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { peopleEndpoints } from "@otmetka/core/contracts/people.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { usePageTitle } from "../../ui/page-title.ts";
import { ConfirmModal } from "./ConfirmModal.tsx";
import { useInvalidatePeople, useStudent } from "./people-api.ts";
import { formatDate, formatDocument, formatSnils } from "./people-format.ts";
import { StudentAccount } from "./StudentAccount.tsx";
import { StudentEnrolments } from "./StudentEnrolments.tsx";
import { StudentFormModal } from "./StudentForm.tsx";
import { StudentGuardians } from "./StudentGuardians.tsx";

/** One student: personal data, login, classes over time, parents. */
export function StudentCardPage() {
  const { t, i18n } = useTranslation();
  const { studentId = "" } = useParams();
  const student = useStudent(studentId);
  const invalidate = useInvalidatePeople();
  const [dialog, setDialog] = useState<"edit" | "archive" | null>(null);
  usePageTitle(student.data?.displayName ?? t("people.students.cardTitle"));
  const refresh = () => void invalidate();

  if (student.isPending) return <CenteredLoader />;
  if (student.isError) return <Alert color="red">{errorMessage(t, student.error)}</Alert>;
  const card = student.data;
  const fields: [string, string][] = [
    [t("people.field.birthDate"), formatDate(card.birthDate, i18n.language)],
    [t("people.field.gender"), card.gender ? t(`people.gender.${card.gender}`) : "—"],
    [t("people.field.snils"), card.snils ? formatSnils(card.snils) : "—"],
    [t("people.field.document"), card.document ? `${t(`people.document.${card.document.type}`)}: ${formatDocument(card.document)}` : "—"],
  ];

  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/students" size="sm">
        ← {t("people.students.back")}
      </Anchor>
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div>
          <Title order={1}>{card.displayName}</Title>
          {card.archived && (
            <Badge variant="light" color="gray">
              {t("people.common.archived")}
            </Badge>
          )}
        </div>
        <Group gap="xs">
          {card.abilities.edit && (
            <Button variant="default" onClick={() => setDialog("edit")}>
              {t("people.common.edit")}
            </Button>
          )}
          {card.abilities.archive && (
            <Button variant="subtle" color="red" onClick={() => setDialog("archive")}>
              {t("people.common.archive")}
            </Button>
          )}
        </Group>
      </Group>
      <Paper component="section" withBorder p="md" radius="md" aria-labelledby="person-title">
        <Title order={2} size="h3" id="person-title" mb="sm">
          {t("people.students.personal")}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="dl" m={0}>
          {fields.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="dd" m={0}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {card.snilsNeedsReview && (
          <Alert mt="sm" color="yellow" variant="light">
            {t("people.students.snilsReview")}
          </Alert>
        )}
      </Paper>
      <StudentEnrolments card={card} onChanged={refresh} />
      <StudentGuardians card={card} onChanged={refresh} />
      <StudentAccount card={card} onChanged={refresh} />
      {dialog === "edit" && (
        <StudentFormModal
          student={card}
          opened
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
      {dialog === "archive" && (
        <ConfirmModal
          opened
          title={t("people.students.archiveTitle")}
          text={t("people.students.archiveText", { name: card.displayName })}
          confirmLabel={t("people.common.archive")}
          onClose={() => setDialog(null)}
          action={() => call(peopleEndpoints.archiveStudent, { params: { studentId: card.id } })}
          onDone={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
    </Stack>
  );
}
