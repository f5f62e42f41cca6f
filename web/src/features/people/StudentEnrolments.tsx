import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { StudentCard } from "@otmetka/core/contracts/people.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type EnrolmentAction, EnrolmentModal } from "./EnrolmentModal.tsx";
import { formatDate } from "./people-format.ts";

/** The student's classes over time, newest first, with enrol / transfer / end. */
export function StudentEnrolments({ card, onChanged }: { card: StudentCard; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState<EnrolmentAction | null>(null);
  const open = card.enrolments.find((e) => e.endsOn === null);
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="enrolments-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="enrolments-title">
            {t("people.enrolment.title")}
          </Title>
          {card.abilities.enrol && !open && (
            <Button size="xs" onClick={() => setAction({ kind: "enrol" })}>
              {t("people.enrolment.enrolTitle")}
            </Button>
          )}
        </Group>
        {card.enrolments.length === 0 ? (
          <Text c="dimmed">{t("people.enrolment.none")}</Text>
        ) : (
          <Stack gap={0}>
            {card.enrolments.map((e) => (
              <Group
                key={e.id}
                justify="space-between"
                wrap="wrap"
                gap="xs"
                py="xs"
                style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
              >
                <div>
                  <Text fw={500}>
                    {e.class.name}
                    {e.group && ` · ${e.group.name}`}{" "}
                    {e.current && (
                      <Badge size="sm" variant="light" color="blue">
                        {t("people.enrolment.current")}
                      </Badge>
                    )}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatDate(e.startsOn, i18n.language)} – {e.endsOn ? formatDate(e.endsOn, i18n.language) : t("people.enrolment.open")}
                  </Text>
                </div>
                <Group gap="xs">
                  {e.abilities.transfer && (
                    <Button size="compact-sm" variant="light" onClick={() => setAction({ kind: "transfer", from: e })}>
                      {t("people.enrolment.transferTitle")}
                    </Button>
                  )}
                  {e.abilities.end && (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => setAction({ kind: "end", enrolment: e })}>
                      {t("people.enrolment.endTitle")}
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {action && (
        <EnrolmentModal
          studentId={card.id}
          action={action}
          onClose={() => setAction(null)}
          onSaved={() => {
            setAction(null);
            onChanged();
          }}
        />
      )}
    </Paper>
  );
}
