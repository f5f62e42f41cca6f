import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { peopleEndpoints, type StudentCard } from "@otmetka/core/contracts/people.ts";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { formErrorsOf } from "./form-errors.ts";
import { formatPhone } from "./people-format.ts";

/** The student's own login: shown when there is one, or a form to create it and send the invitation. */
export function StudentAccount({ card, onChanged }: { card: StudentCard; onChanged: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const mutation = useMutation({
    mutationFn: () =>
      call(peopleEndpoints.createStudentAccount, {
        params: { studentId: card.id },
        body: { email: email || undefined, phone: phone || undefined },
      }),
    onSuccess: onChanged,
  });
  const errors = formErrorsOf(t, mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  if (!card.account && !card.abilities.createAccount) return null;
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="account-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="account-title">
          {t("people.account.title")}
        </Title>
        {card.account ? (
          <Group gap="xs">
            <Text>{[card.account.email, formatPhone(card.account.phone)].filter(Boolean).join(" · ")}</Text>
            {card.account.invited && (
              <Badge size="sm" variant="filled" color="yellow" autoContrast>
                {t("people.staff.invited")}
              </Badge>
            )}
          </Group>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("people.account.hint")}
              </Text>
              {errors.form && (
                <Alert color="red" variant="light" role="alert">
                  {errors.form}
                </Alert>
              )}
              <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
                <TextInput
                  label={t("people.field.email")}
                  type="email"
                  autoComplete="off"
                  maxLength={254}
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={errors.fields.email}
                  miw={220}
                />
                <TextInput
                  label={t("people.field.phone")}
                  type="tel"
                  maxLength={30}
                  value={phone}
                  onChange={(e) => setPhone(e.currentTarget.value)}
                  error={errors.fields.phone}
                  miw={220}
                />
              </Group>
              <Group>
                <Button type="submit" loading={mutation.isPending}>
                  {t("people.account.create")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
