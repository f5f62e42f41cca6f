import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { auditEndpoints } from "@otmetka/core/contracts/audit.ts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { call, isApiError } from "../../lib/api.ts";
import { errorMessage } from "../../lib/i18n.ts";
import { usePageTitle } from "../../ui/page-title.ts";
import { useIsPhone } from "../people/use-is-phone.ts";
import type { AuditNavigation } from "./AuditDetails.tsx";
import { AuditFilters } from "./AuditFilters.tsx";
import { AuditList } from "./AuditList.tsx";
import { type AuditFilterValues, filtersFromParams, filtersToParams, filtersToQuery, hasFilters, NO_FILTERS } from "./audit-filters.ts";
import { VerifyChain } from "./VerifyChain.tsx";

/** The school's audit log (журнал изменений) for administrators: who changed what, when and why. */
export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t("audit.title"));
  const [params, setParams] = useSearchParams();
  const isPhone = useIsPhone();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filters = filtersFromParams(params);
  const query = filtersToQuery(filters);
  const events = useInfiniteQuery({
    queryKey: ["audit", "events", query],
    queryFn: ({ pageParam, signal }) =>
      call(auditEndpoints.listEvents, { query: pageParam ? { ...query, before: pageParam } : query, signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
  });
  const apply = (next: AuditFilterValues) => setParams(filtersToParams(next));
  const navigate: AuditNavigation = {
    byActor: (actor) => apply({ ...NO_FILTERS, actorUserId: actor.id, actorName: actor.displayName }),
    byRecord: (entity, entityId) => apply({ ...NO_FILTERS, entity, entityId }),
  };
  const activeFilters = (["q", "entity", "entityId", "action", "actorUserId", "from", "to"] as const).filter((f) => filters[f]).length;
  const list = events.data?.pages.flatMap((p) => p.events) ?? [];
  const fieldErrors: Record<string, string> = {};
  if (isApiError(events.error, "validation_failed")) {
    for (const issue of events.error.issues)
      if (issue.path[0] === "querystring" && issue.path[1]) fieldErrors[String(issue.path[1])] ??= t("audit.filters.invalid");
  }

  return (
    <Stack gap="md" maw={1200}>
      <Stack gap={4}>
        <Title order={1}>{t("audit.title")}</Title>
        <Text c="dimmed">{t("audit.description")}</Text>
      </Stack>
      <VerifyChain onShowEvent={(seq) => apply({ ...NO_FILTERS, before: String(seq + 1) })} />
      {isPhone && (
        <Button variant="default" onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersOpen} aria-controls="audit-filters">
          {activeFilters ? t("audit.filters.toggleActive", { count: activeFilters }) : t("audit.filters.toggle")}
        </Button>
      )}
      {(!isPhone || filtersOpen || Object.keys(fieldErrors).length > 0) && (
        <AuditFilters
          key={params.toString()}
          value={filters}
          onApply={(next) => {
            setFiltersOpen(false);
            apply(next);
          }}
          errors={fieldErrors}
          seen={{ entities: [...new Set(list.map((e) => e.entity))], actions: [...new Set(list.map((e) => e.action))] }}
        />
      )}
      {filters.before && (
        <Alert
          variant="light"
          withCloseButton
          closeButtonLabel={t("audit.list.fromNewest")}
          onClose={() => apply({ ...filters, before: "" })}
        >
          {t("audit.list.startsAt", { seq: Number(filters.before) - 1 })}
        </Alert>
      )}
      {events.isPending && (
        <Center py="xl" role="status">
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      {events.isError && Object.keys(fieldErrors).length === 0 && <Alert color="red">{errorMessage(t, events.error)}</Alert>}
      {events.isSuccess && list.length === 0 && (
        <Text c="dimmed">{hasFilters(filters) ? t("audit.list.noneFiltered") : t("audit.list.none")}</Text>
      )}
      {list.length > 0 && <AuditList events={list} navigate={navigate} />}
      {events.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
            {t("audit.list.more")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
