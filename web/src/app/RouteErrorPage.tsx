import { Button, Container, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { NotFoundContent } from "./NotFound.tsx";

/** Last-resort boundary for errors thrown while rendering a page (a failed lazy import, a bug). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Container component="main" id="main" tabIndex={-1} p="md">
        <NotFoundContent />
      </Container>
    );
  }
  console.error(error);
  return (
    <Stack component="main" id="main" tabIndex={-1} align="center" justify="center" mih="70vh" p="md" ta="center">
      <Title order={1}>{t("app.crash.title")}</Title>
      <Text maw={520}>{t("app.crash.text")}</Text>
      <Button onClick={() => window.location.reload()}>{t("app.crash.reload")}</Button>
    </Stack>
  );
}
