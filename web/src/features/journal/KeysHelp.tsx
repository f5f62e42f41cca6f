import { Button, Collapse, Kbd, Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { AttendanceState } from "@otmetka/core/contracts/journal.ts";
import { useTranslation } from "react-i18next";
import type { GridAction, Keymap } from "./keymap.ts";

const PANEL_ID = "journal-keys-help";

/** The «Клавиши» panel: every key of the grid, the letters in both layouts. */
export function KeysHelp({ keymap, letters }: { keymap: Keymap; letters: Record<AttendanceState, string> }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  const describe = (action: GridAction): string => {
    switch (action.type) {
      case "attendance":
        return `${letters[action.state]} — ${t(`journal.attendance.${action.state}`)}${action.state === "LATE" ? ` ${t("journal.keys.lateAsks")}` : ""}`;
      case "special":
        return `${t(`journal.mark.${action.value}`)} — ${t(`journal.markName.${action.value}`)}`;
      case "comment":
        return t("journal.keys.comment");
      default:
        return "";
    }
  };
  const general: [string, string][] = [
    [t("journal.keys.arrows"), t("journal.keys.move")],
    ["Tab, Shift+Tab", t("journal.keys.tab")],
    ["Enter, Shift+Enter", t("journal.keys.enter")],
    ["1–5", t("journal.keys.digits")],
    ["/", t("journal.keys.second")],
    ["* + = −", t("journal.keys.symbols")],
    ["Backspace, Delete", t("journal.keys.clear")],
    ["Ctrl+Z (⌘Z)", t("journal.keys.undo")],
    [t("journal.keys.spaceF2"), t("journal.keys.open")],
    ["Shift+F2", t("journal.keys.comment")],
    ["Home, End, PageUp, PageDown", t("journal.keys.jump")],
  ];
  return (
    <div>
      <Button variant="default" size="compact-sm" onClick={toggle} aria-expanded={opened} aria-controls={PANEL_ID}>
        {opened ? t("journal.keys.hide") : t("journal.keys.show")}
      </Button>
      <Collapse expanded={opened} id={PANEL_ID}>
        <Paper withBorder p="sm" mt="xs">
          <Text size="sm" mb="xs">
            {t("journal.keys.intro")}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={t("journal.keys.letters")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("journal.keys.russian")}</Table.Th>
                  <Table.Th>{t("journal.keys.latin")}</Table.Th>
                  <Table.Th>{t("journal.keys.action")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keymap.letters.map((binding) => (
                  <Table.Tr key={binding.key}>
                    <Table.Td>
                      <Kbd>{binding.key}</Kbd>
                    </Table.Td>
                    <Table.Td>{binding.latin && <Kbd>{binding.latin}</Kbd>}</Table.Td>
                    <Table.Td>{describe(binding.action)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={t("journal.keys.general")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("journal.keys.key")}</Table.Th>
                  <Table.Th>{t("journal.keys.action")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {general.map(([key, action]) => (
                  <Table.Tr key={key}>
                    <Table.Td>
                      <Kbd>{key}</Kbd>
                    </Table.Td>
                    <Table.Td>{action}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
        </Paper>
      </Collapse>
    </div>
  );
}
