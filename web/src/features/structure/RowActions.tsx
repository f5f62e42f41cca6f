import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface RowAction {
  label: string;
  onClick: () => void;
  danger?: boolean;
}

/** The "Actions" menu of a list row; renders nothing when the row offers no action. */
export function RowActions({ name, actions }: { name: string; actions: (RowAction | false | undefined)[] }) {
  const { t } = useTranslation();
  const shown = actions.filter((a): a is RowAction => Boolean(a));
  if (shown.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="xs" style={{ flexShrink: 0 }} aria-label={t("structure.common.actionsFor", { name })}>
          {t("structure.common.actions")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {shown.map((a) => (
          <Menu.Item key={a.label} color={a.danger ? "red" : undefined} onClick={a.onClick}>
            {a.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
