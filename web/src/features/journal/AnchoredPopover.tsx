import { Popover } from "@mantine/core";
import { type ReactNode, useLayoutEffect, useState } from "react";

/**
 * A popover next to a grid cell. The grid has 2,450 cells, so instead of a popover per cell
 * there is one, pinned to a box laid over the cell it opens for; it closes when the grid scrolls.
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
  const [rect, setRect] = useState<DOMRect | null>(null);
  useLayoutEffect(() => setRect(anchor?.getBoundingClientRect() ?? null), [anchor]);
  const opened = anchor !== null && rect !== null;
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
