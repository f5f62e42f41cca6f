import { Button, CloseButton, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../structure/use-is-phone.ts";
import { newWorkTypeCode, type WorkTypeRow } from "./settings-form.ts";

/** Work types (виды работ) with their weights; on a phone each type is a card. */
export function WorkTypesEditor({
  rows,
  onChange,
  errorOf,
  disabled,
}: {
  rows: WorkTypeRow[];
  onChange: (rows: WorkTypeRow[]) => void;
  errorOf: (path: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const set = (i: number, field: keyof WorkTypeRow, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const remove = (i: number) => onChange(rows.filter((_, j) => j !== i));
  const add = () => onChange([...rows, { code: newWorkTypeCode(rows), name: "", abbr: "", weight: "1" }]);
  const fields = (r: WorkTypeRow, i: number, labelled: boolean) => {
    const label = (key: "name" | "abbr" | "weight") =>
      labelled ? { label: t(`schools.settings.workType.${key}`) } : { "aria-label": `${t(`schools.settings.workType.${key}`)} ${i + 1}` };
    return {
      name: (
        <TextInput
          {...label("name")}
          value={r.name}
          maxLength={80}
          onChange={(ev) => set(i, "name", ev.currentTarget.value)}
          error={errorOf(`workTypes.${i}.name`)}
          disabled={disabled}
        />
      ),
      abbr: (
        <TextInput
          {...label("abbr")}
          value={r.abbr}
          maxLength={8}
          onChange={(ev) => set(i, "abbr", ev.currentTarget.value)}
          error={errorOf(`workTypes.${i}.abbr`)}
          disabled={disabled}
          w={labelled ? undefined : 90}
        />
      ),
      weight: (
        <TextInput
          {...label("weight")}
          value={r.weight}
          inputMode="decimal"
          maxLength={4}
          onChange={(ev) => set(i, "weight", ev.currentTarget.value)}
          error={errorOf(`workTypes.${i}.weight`) ?? errorOf(`workTypes.${i}.code`)}
          disabled={disabled}
          w={labelled ? undefined : 130}
        />
      ),
      remove: !disabled && rows.length > 1 && (
        <CloseButton aria-label={t("schools.settings.workType.remove", { name: r.name || i + 1 })} onClick={() => remove(i)} />
      ),
    };
  };

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("schools.settings.workType.hint")}
      </Text>
      {isPhone ? (
        rows.map((r, i) => {
          const f = fields(r, i, true);
          return (
            <Paper key={r.code} withBorder p="sm" radius="md">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ flex: 1 }}>{f.name}</div>
                  {f.remove}
                </Group>
                <Group grow align="flex-start">
                  {f.abbr}
                  {f.weight}
                </Group>
              </Stack>
            </Paper>
          );
        })
      ) : (
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("schools.settings.workType.name")}</Table.Th>
              <Table.Th>{t("schools.settings.workType.abbr")}</Table.Th>
              <Table.Th>{t("schools.settings.workType.weight")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => {
              const f = fields(r, i, false);
              return (
                <Table.Tr key={r.code} style={{ verticalAlign: "top" }}>
                  <Table.Td>{f.name}</Table.Td>
                  <Table.Td>{f.abbr}</Table.Td>
                  <Table.Td>{f.weight}</Table.Td>
                  <Table.Td w={40}>{f.remove}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {!disabled && (
        <Group>
          <Button variant="light" onClick={add} disabled={rows.length >= 40}>
            {t("schools.settings.workType.add")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
