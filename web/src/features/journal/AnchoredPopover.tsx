import { Drawer, Popover } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type ReactNode, useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A cell's menu: next to the cell on a wide screen, a bottom sheet on a phone (where a popover
 * under a cell would run off the screen). The grid has 2,450 cells, so instead of a popover per
 * cell there is one, pinned to a box laid over the cell it opens for, which follows it on scroll.
 */
export function AnchoredPopover({
  anchor,
  onClose,
  label,
  width = 300,
  children,
}: {
  /** The cell to open next to; null: closed. */
  anchor: HTMLElement | null;
  onClose: () => void;
  label: string;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const [rect, setRect] = useState<DOMRect | null>(null);
  useLayoutEffect(() => {
    setRect(anchor?.getBoundingClientRect() ?? null);
    if (!anchor) return;
    // Follow the cell when the grid or the page scrolls (focusing a cell may scroll it into view).
    const follow = () => setRect(anchor.getBoundingClientRect());
    window.addEventListener("scroll", follow, true);
    window.addEventListener("resize", follow);
    return () => {
      window.removeEventListener("scroll", follow, true);
      window.removeEventListener("resize", follow);
    };
  }, [anchor]);
  const opened = anchor !== null && rect !== null;
  if (isPhone) {
    return (
      <Drawer
        opened={anchor !== null}
        onClose={onClose}
        position="bottom"
        // As tall as the menu, not a fixed size (Mantine has no "auto" size for a drawer).
        styles={{ content: { height: "auto", maxHeight: "90dvh" } }}
        title={label}
        closeButtonProps={{ "aria-label": t("journal.dialog.close") }}
      >
        {anchor !== null && children}
      </Drawer>
    );
  }
  return (
    <Popover
      opened={opened}
      onDismiss={onClose}
      trapFocus
      returnFocus={false}
      withinPortal
      position="bottom"
      shadow="md"
      withArrow
      width={width}
      middlewares={{ flip: true, shift: true }}
    >
      <Popover.Target>
        <div
          aria-hidden="true"
          style={{
            position: "fixed",
            top: rect?.top ?? 0,
            left: rect?.left ?? 0,
            width: rect?.width ?? 0,
            height: rect?.height ?? 0,
            pointerEvents: "none",
          }}
        />
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={label} maw="calc(100vw - 16px)">
        {opened && children}
      </Popover.Dropdown>
    </Popover>
  );
}
