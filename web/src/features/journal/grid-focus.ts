import { KeyedStore } from "./keyed-store.ts";
import { type Position, positionKey } from "./grid-model.ts";

/**
 * The roving tab stop of the grid: one cell (or column header) has tabindex 0 and the focus;
 * moving it re-renders only the cell it leaves and the cell it enters.
 */
export class GridFocus {
  readonly active = new KeyedStore<boolean>();
  private position: Position = { row: 0, col: 0 };
  private element: HTMLElement | null = null;
  private rows: number;
  private cols: number;

  constructor(rows: number, cols: number, start: Position) {
    this.rows = rows;
    this.cols = cols;
    this.position = this.clamp(start);
    this.active.set(positionKey(this.position), true);
  }

  get current(): Position {
    return this.position;
  }

  /** The table element, to find cells by `data-pos`. */
  attach(element: HTMLElement | null): void {
    this.element = element;
  }

  cellElement(p: Position): HTMLElement | null {
    return this.element?.querySelector<HTMLElement>(`[data-pos="${positionKey(p)}"]`) ?? null;
  }

  /** Marks a position active without moving the DOM focus (the browser already moved it: a click). */
  setActive(p: Position): void {
    const next = this.clamp(p);
    if (next.row === this.position.row && next.col === this.position.col) return;
    this.active.set(positionKey(this.position), false);
    this.position = next;
    this.active.set(positionKey(next), true);
  }

  focus(p: Position): void {
    this.setActive(p);
    const cell = this.cellElement(this.position);
    if (!cell) return;
    cell.focus({ preventScroll: true });
    // Scroll padding on the scroller keeps the cell clear of the sticky header and name column.
    cell.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  /** Gives the focus back to the active cell (after a dialog or a popover closes). */
  restore(): void {
    this.focus(this.position);
  }

  moveBy(rows: number, cols: number): void {
    this.focus({ row: this.position.row + rows, col: this.position.col + cols });
  }

  moveTo(to: "rowStart" | "rowEnd" | "gridStart" | "gridEnd"): void {
    const { row } = this.position;
    if (to === "rowStart") this.focus({ row, col: 0 });
    else if (to === "rowEnd") this.focus({ row, col: this.cols - 1 });
    else if (to === "gridStart") this.focus({ row: 0, col: 0 });
    else this.focus({ row: this.rows - 1, col: this.cols - 1 });
  }

  /** Tab walks the row and wraps to the next one; false at either end, so Tab leaves the grid. */
  tab(backwards: boolean): boolean {
    let { row, col } = this.position;
    col += backwards ? -1 : 1;
    if (col >= this.cols) [row, col] = [row + 1, 0];
    if (col < 0) [row, col] = [row - 1, this.cols - 1];
    if (row < -1 || row >= this.rows) return false;
    this.focus({ row, col });
    return true;
  }

  /** Rows are students (−1: the header row); columns are lessons then summary columns. */
  private clamp(p: Position): Position {
    return {
      row: Math.max(-1, Math.min(this.rows - 1, p.row)),
      col: Math.max(0, Math.min(this.cols - 1, p.col)),
    };
  }
}
