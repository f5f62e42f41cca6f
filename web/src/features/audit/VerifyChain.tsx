import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { auditEndpoints } from "@otmetka/core/contracts/audit.ts";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { call } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";

/**
 * Recomputes the school's hash chain on the server and says whether any event was edited,
 * reordered or deleted since it was written; a broken chain links to its first bad event.
 */
export function VerifyChain({ onShowEvent }: { onShowEvent(seq: number): void }) {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => call(auditEndpoints.verify) });
  const result = verify.data;

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t("audit.verify.run")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("audit.verify.hint")}
        </Text>
      </Group>
      <div aria-live="polite">
        {verify.isError && <Alert color="red">{errorMessage(t, verify.error)}</Alert>}
        {result?.intact && (
          <Alert color="green" title={t("audit.verify.intactTitle")}>
            {t("audit.verify.intact", { count: result.checked })}
          </Alert>
        )}
        {result && !result.intact && result.firstBroken && (
          <Alert color="red" title={t("audit.verify.brokenTitle")}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {t("audit.verify.broken", {
                  seq: result.firstBroken.seq,
                  problem: t(`audit.verify.problem.${result.firstBroken.problem}`),
                })}
              </Text>
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                onClick={() => result.firstBroken && onShowEvent(result.firstBroken.seq)}
              >
                {t("audit.verify.showEvent")}
              </Button>
            </Stack>
          </Alert>
        )}
      </div>
    </Stack>
  );
}
