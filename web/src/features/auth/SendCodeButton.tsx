import { Alert, Button, Stack } from "@mantine/core";
import { identityEndpoints } from "@otmetka/core/contracts/identity.ts";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { call, isApiError } from "../../lib/api.ts";
import { errorMessage, formatWait } from "../../lib/i18n.ts";
import { useCountdown } from "./use-countdown.ts";

/** On the second-factor step: asks the server to send a sign-in code by e-mail or SMS. */
export function SendCodeButton({ method }: { method: "email" | "sms" }) {
  const { t } = useTranslation();
  const countdown = useCountdown();
  const send = useMutation({
    mutationFn: () => call(identityEndpoints.sendMfaCode, { body: { method } }),
    meta: { ignoreUnauthenticated: true },
    onSuccess: (result) => countdown.start(result.resendAfterSeconds),
    onError: (error) => {
      if (isApiError(error, "rate_limited") && error.retryAfterSeconds) countdown.start(error.retryAfterSeconds);
    },
  });
  const sentTo = send.data?.channel === method ? send.data.destination : undefined;
  return (
    <Stack gap="xs">
      {sentTo && (
        <Alert color="teal" variant="light" role="status">
          {t("auth.mfa.sent", { destination: sentTo })}
        </Alert>
      )}
      {send.isError && !isApiError(send.error, "rate_limited") && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, send.error)}
        </Alert>
      )}
      <Button variant="default" disabled={countdown.left > 0} loading={send.isPending} onClick={() => send.mutate()}>
        {countdown.left > 0 ? t("auth.mfa.sendAgainIn", { wait: formatWait(t, countdown.left) }) : t(`auth.mfa.send.${method}`)}
      </Button>
    </Stack>
  );
}
