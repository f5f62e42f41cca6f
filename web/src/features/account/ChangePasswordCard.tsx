import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { checkPassword } from "@otmetka/core/rules/password.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { issueCodesByField } from "../auth/identity-errors.ts";
import { PasswordChecklist } from "../auth/PasswordChecklist.tsx";
import { SESSIONS_KEY } from "./SessionsCard.tsx";

/** Change the password with the current one; the server ends the user's other sessions. */
export function ChangePasswordCard({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const context = { names: [me.displayName], email: me.email, phone: me.phone };

  const mutation = useMutation({
    mutationFn: () => call(identityEndpoints.changePassword, { body: { currentPassword: current, newPassword: next } }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (error) => {
      const byField = issueCodesByField(error);
      setErrors({
        current: byField.has("currentPassword") ? t("account.password.wrong") : undefined,
        next: byField.has("newPassword") ? t("passwordRules.notMet") : undefined,
      });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      current: current ? undefined : t("register.required"),
      next: checkPassword(next, context).length > 0 ? t("passwordRules.notMet") : undefined,
    };
    setErrors(found);
    if (found.current || found.next) return;
    mutation.reset();
    mutation.mutate();
  }

  const formError = mutation.isError && !errors.current && !errors.next ? errorMessage(t, mutation.error) : null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="password-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={480}>
          <div>
            <Title order={2} size="h3" id="password-title">
              {t("account.password.title")}
            </Title>
            <Text c="dimmed" size="sm">
              {t("account.password.intro")}
            </Text>
          </div>
          {mutation.isSuccess && (
            <Alert color="teal" variant="light" role="status">
              {t("account.password.done")}
            </Alert>
          )}
          {formError && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label={t("account.password.current")}
            name="current-password"
            autoComplete="current-password"
            required
            maxLength={256}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={errors.current}
          />
          <PasswordInput
            label={t("account.password.new")}
            name="new-password"
            autoComplete="new-password"
            required
            maxLength={256}
            value={next}
            onChange={(event) => setNext(event.currentTarget.value)}
            error={errors.next}
            aria-describedby="change-password-rules"
          />
          <PasswordChecklist id="change-password-rules" password={next} context={context} />
          <Button type="submit" loading={mutation.isPending} style={{ alignSelf: "flex-start" }}>
            {t("account.password.submit")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
