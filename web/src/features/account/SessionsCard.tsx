import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { identityEndpoints, type SessionView } from "@otmetka/core/contracts/identity.ts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { currentLanguage, errorMessage } from "../../lib/i18n.ts";
import { CenteredLoader } from "../../ui/CenteredLoader.tsx";
import { describeUserAgent } from "./user-agent.ts";

export const SESSIONS_KEY = ["account", "sessions"] as const;

/** The user's open sessions, one card each (reads on a phone as well as on a desktop), with "end". */
export function SessionsCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => call(identityEndpoints.listSessions, { signal }) });
  const revoke = useMutation({
    mutationFn: (id: string) => call(identityEndpoints.revokeSession, { params: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
  const revokeOthers = useMutation({
    mutationFn: () => call(identityEndpoints.revokeOtherSessions),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
  const format = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "medium", timeStyle: "short" });
  const deviceOf = (s: SessionView) => {
    const d = describeUserAgent(s.userAgent);
    return d ? t("account.sessions.deviceOn", d) : t("account.sessions.unknownDevice");
  };
  const others = sessions.data?.filter((s) => !s.current) ?? [];
  const error = revoke.error ?? revokeOthers.error;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="sessions-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="sessions-title">
            {t("account.sessions.title")}
          </Title>
          <Text c="dimmed" size="sm">
            {t("account.sessions.intro")}
          </Text>
        </div>
        {sessions.isPending && <CenteredLoader />}
        {sessions.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, sessions.error)}
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, error)}
          </Alert>
        )}
        {revokeOthers.isSuccess && (
          <Alert color="teal" variant="light" role="status">
            {t("account.sessions.revokedOthers", { count: revokeOthers.data.revoked })}
          </Alert>
        )}
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
          {sessions.data?.map((s) => (
            <Card key={s.id} component="li" withBorder radius="sm" padding="sm">
              <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
                <Stack gap={2} style={{ minWidth: 0, flex: "1 1 220px" }}>
                  <Group gap="xs">
                    <Text fw={600}>{deviceOf(s)}</Text>
                    {s.current && (
                      <Badge color="blue" variant="light">
                        {t("account.sessions.current")}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t("account.sessions.started")}: {format.format(new Date(s.createdAt))} · {t("account.sessions.lastSeen")}:{" "}
                    {format.format(new Date(s.lastSeenAt))}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {t("account.sessions.ip")}: {s.ip || "—"}
                  </Text>
                </Stack>
                {!s.current && (
                  <Button
                    variant="default"
                    size="xs"
                    aria-label={t("account.sessions.revokeLabel", { device: deviceOf(s) })}
                    loading={revoke.isPending && revoke.variables === s.id}
                    onClick={() => revoke.mutate(s.id)}
                  >
                    {t("account.sessions.revoke")}
                  </Button>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
        {others.length > 0 && (
          <Button
            variant="light"
            color="red"
            onClick={() => revokeOthers.mutate()}
            loading={revokeOthers.isPending}
            style={{ alignSelf: "flex-start" }}
          >
            {t("account.sessions.revokeOthers")}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
