import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { type GuardianView, peopleEndpoints, type StudentCard } from "@otmetka/core/contracts/people.ts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { ConfirmModal } from "./ConfirmModal.tsx";
import { GuardianModal } from "./GuardianModal.tsx";
import { formatDateTime, formatPhone } from "./people-format.ts";

/** Parents and guardians linked to the student, with who confirmed each link. */
export function StudentGuardians({ card, onChanged }: { card: StudentCard; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [unlinking, setUnlinking] = useState<GuardianView | null>(null);
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="guardians-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="guardians-title">
            {t("people.guardians.title")}
          </Title>
          {card.abilities.addGuardian && (
            <Button size="xs" onClick={() => setAdding(true)}>
              {t("people.guardians.addTitle")}
            </Button>
          )}
        </Group>
        {card.guardians.length === 0 && <Text c="dimmed">{t("people.guardians.none")}</Text>}
        {card.guardians.map((g) => (
          <Group key={g.userId} justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <div>
              <Text fw={500}>
                {g.displayName}{" "}
                <Text span c="dimmed" size="sm">
                  · {t(`people.relation.${g.relation}`)}
                </Text>
              </Text>
              <Text size="sm">{[g.email, formatPhone(g.phone)].filter(Boolean).join(" · ")}</Text>
              {g.confirmedBy && (
                <Text size="xs" c="dimmed">
                  {t("people.guardians.confirmed", { name: g.confirmedBy.displayName, date: formatDateTime(g.confirmedAt, i18n.language) })}
                </Text>
              )}
              {g.invited && (
                <Badge size="sm" variant="filled" color="yellow" autoContrast>
                  {t("people.staff.invited")}
                </Badge>
              )}
            </div>
            {g.abilities.unlink && (
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setUnlinking(g)}>
                {t("people.guardians.unlink")}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {adding && (
        <GuardianModal
          studentId={card.id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
      {unlinking && (
        <ConfirmModal
          opened
          title={t("people.guardians.unlinkTitle")}
          text={t("people.guardians.unlinkText", { name: unlinking.displayName, student: card.displayName })}
          confirmLabel={t("people.guardians.unlink")}
          onClose={() => setUnlinking(null)}
          action={() => call(peopleEndpoints.removeGuardian, { params: { studentId: card.id, parentUserId: unlinking.userId } })}
          onDone={() => {
            setUnlinking(null);
            onChanged();
          }}
        />
      )}
    </Paper>
  );
}
