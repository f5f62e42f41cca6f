import { Alert, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { MeView } from "@otmetka/core/contracts/auth.ts";
import type { MyChildren } from "@otmetka/core/contracts/home.ts";
import { useTranslation } from "react-i18next";
import { useMyChildren } from "./home-api.ts";
import { Fact, QueryState } from "./home-ui.tsx";
import { HomeSection } from "./HomeSection.tsx";

/** A parent's part of the home page (also a user with no school yet): their children, or how to connect one. */
export function ParentHome(_props: { me: MeView }) {
  const { t } = useTranslation();
  const children = useMyChildren();
  return (
    <HomeSection userRole="parent" title={t("home.parent.title")} description={t("home.parent.description")}>
      <QueryState isPending={children.isPending} error={children.error}>
        {() => (children.data!.children.length === 0 ? <ConnectChild data={children.data!} /> : <ChildCards data={children.data!} />)}
      </QueryState>
    </HomeSection>
  );
}

function ChildCards({ data }: { data: MyChildren }) {
  const { t } = useTranslation();
  const manySchools = new Set(data.children.map((c) => c.school.id)).size > 1;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
      {data.children.map((child) => (
        <Paper component="li" key={`${child.school.id}:${child.personId}`} withBorder p="md" radius="md">
          <Stack gap="xs">
            <Title order={3} size="h4">
              {child.displayName}
            </Title>
            <Group gap="lg" wrap="nowrap" align="flex-start">
              <Fact label={t("home.fact.class")} value={child.class?.name ?? t("home.fact.noClass")} />
              <Fact label={t("home.fact.classTeacher")} value={child.classTeacher?.displayName ?? t("home.fact.notSet")} grow />
            </Group>
            {(manySchools || data.schools.length !== 1) && <Fact label={t("home.fact.school")} value={child.school.shortName} />}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** No children yet: the school links them (an application form comes later); whom to ask. */
function ConnectChild({ data }: { data: MyChildren }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" title={t("home.parent.empty.title")}>
      <Stack gap="xs">
        <Text size="sm">{t("home.parent.empty.text")}</Text>
        {data.schools.length > 0 ? (
          <>
            <Text size="sm">{t("home.parent.empty.contact", { count: data.schools.length })}</Text>
            <List size="sm" spacing={2}>
              {data.schools.map((s) => (
                <List.Item key={s.id}>
                  {s.address ? t("home.parent.empty.schoolAt", { name: s.shortName, address: s.address }) : s.shortName}
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm">{t("home.parent.empty.noSchool")}</Text>
        )}
      </Stack>
    </Alert>
  );
}
