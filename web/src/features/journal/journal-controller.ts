import type { GridCell, JournalGrid, JournalLesson } from "@otmetka/core/contracts/journal.ts";
import type { ApiError } from "../../lib/api.ts";
import { type CellValue, cellKey, EMPTY_CELL, sameValue, cellValueOf } from "./cell-value.ts";
import { GridFocus } from "./grid-focus.ts";
import { type GridStudent, SUMMARY_COLUMNS } from "./grid-model.ts";
import { KeyedStore, ValueStore } from "./keyed-store.ts";
import { journalErrorMessage } from "./journal-errors.ts";
import { PeriodMarks } from "./period-marks.ts";
import type { SaveEvent, SaveQueue } from "./save-queue.ts";

export type CellStatus = "idle" | "saving" | "saved" | "retrying" | "conflict" | "reason" | "locked" | "rejected";

/** One cell as shown: the value (maybe not saved yet), the last saved value and the save state. */
export interface CellState {
  value: CellValue;
  /** The value and version last confirmed by the server. */
  server: CellValue;
  version: number;
  status: CellStatus;
  error: ApiError | null;
  /** «/» was typed: the next digit becomes the second mark. */
  awaitingSecond: boolean;
}

export type JournalDialog =
  | { type: "conflict"; key: string; current: CellValue; updatedBy: string | null; mine: CellValue }
  | { type: "reason"; key: string }
  | { type: "comment"; key: string };

/** An open popover: the cell menu, a column's menu, a period mark's menu. */
export type Editor = { kind: "cell"; row: number; col: number } | { kind: "column"; col: number } | { kind: "periodMark"; row: number };

/** A message for the screen reader's live region (a new id repeats the same text). */
export interface Announcement {
  text: string;
  id: number;
}

const SAVED_BADGE_MS = 3000;
const UNDO_DEPTH = 200;

/**
 * The state of one open journal: cells, period marks, focus, dialogs and the undo history.
 * Components read it through keyed stores; every change of a cell goes out through the
 * user's SaveQueue and comes back as its events.
 */
export class JournalController {
  readonly cells = new KeyedStore<CellState>();
  readonly lateEditing = new KeyedStore<boolean>();
  readonly lessons: ValueStore<JournalLesson[]>;
  readonly focus: GridFocus;
  readonly periodMarks: PeriodMarks;
  readonly dialogs = new ValueStore<JournalDialog[]>([]);
  readonly editor = new ValueStore<Editor | null>(null);
  readonly announcement = new ValueStore<Announcement>({ text: "", id: 0 });
  readonly students: readonly GridStudent[];
  /** Today in the school's time zone. */
  readonly today: string;
  /** Marks a period needs before a mark is suggested (fewer: «н/а»). */
  readonly minMarks: number;
  private readonly lessonIndex = new Map<string, number>();
  private readonly studentIndex = new Map<string, number>();
  /** The cell whose inline «minutes late» input is open. */
  private lateKey: string | undefined;
  private readonly undoStack: { key: string; value: CellValue }[] = [];
  /** When the server last confirmed each cell saved by this grid. */
  private readonly confirmedAt = new Map<string, number>();
  private readonly savedTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly queue: SaveQueue;

  constructor(grid: JournalGrid, queue: SaveQueue, options: { onStale: () => void }) {
    this.queue = queue;
    this.students = grid.students;
    this.today = grid.today;
    this.minMarks = grid.settings.minMarksForPeriod;
    this.lessons = new ValueStore(grid.lessons);
    for (const [i, lesson] of grid.lessons.entries()) this.lessonIndex.set(lesson.id, i);
    for (const [i, student] of grid.students.entries()) this.studentIndex.set(student.id, i);
    const todayColumn = grid.lessons.findLastIndex((l) => l.date <= grid.today);
    this.focus = new GridFocus(grid.students.length, grid.lessons.length + SUMMARY_COLUMNS.length, {
      row: 0,
      col: Math.max(0, todayColumn),
    });
    this.periodMarks = new PeriodMarks(grid, (text) => this.announce(text), options.onStale);
    for (const lesson of grid.lessons) {
      for (const student of grid.students) {
        const state: CellState = { value: EMPTY_CELL, server: EMPTY_CELL, version: 0, status: "idle", error: null, awaitingSecond: false };
        this.cells.set(cellKey(lesson.id, student.id), state);
      }
    }
    this.mergeCells(grid.cells, 0);
    for (const entry of queue.all()) {
      const state = this.cells.get(entry.key);
      if (state) this.cells.set(entry.key, { ...state, value: entry.value, status: "saving" });
    }
  }

  /**
   * Listens to the save queue (from an effect, so a discarded render subscribes nothing) and
   * sends what waits. A save that finished while no grid listened leaves its cell «saving»:
   * such cells settle to idle, and the next read of the grid brings their value.
   */
  connect(): () => void {
    const unsubscribe = this.queue.onEvent((event) => this.onSaveEvent(event));
    for (const key of this.cells.keys()) {
      const state = this.cells.get(key);
      if (state?.status === "saving" && !this.queue.get(key)) this.cells.set(key, { ...state, status: "idle" });
    }
    this.queue.start();
    return () => {
      unsubscribe();
      for (const timer of this.savedTimers.values()) clearTimeout(timer);
      this.savedTimers.clear();
    };
  }

  hasLesson(lessonId: string): boolean {
    return this.lessonIndex.has(lessonId);
  }

  lessonAt(col: number): JournalLesson | undefined {
    return this.lessons.get()[col];
  }

  keyAt(row: number, col: number): string | undefined {
    const lesson = this.lessonAt(col);
    const student = this.students[row];
    return lesson && student ? cellKey(lesson.id, student.id) : undefined;
  }

  positionOf(key: string): { row: number; col: number } | undefined {
    const [lessonId = "", studentId = ""] = key.split(":");
    const col = this.lessonIndex.get(lessonId);
    const row = this.studentIndex.get(studentId);
    return col === undefined || row === undefined ? undefined : { row, col };
  }

  announce(text: string): void {
    this.announcement.set({ text, id: this.announcement.get().id + 1 });
  }

  /** Sets a cell's value and sends it; `undoable` false for the undo itself. */
  change(key: string, next: CellValue, undoable = true): void {
    const state = this.cells.get(key);
    const [lessonId, studentId] = key.split(":");
    if (!state || !lessonId || !studentId) return;
    if (sameValue(state.value, next)) {
      if (state.awaitingSecond) this.cells.set(key, { ...state, awaitingSecond: false });
      return;
    }
    if (undoable) {
      this.undoStack.push({ key, value: state.value });
      if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    }
    this.clearSavedTimer(key);
    this.cells.set(key, { ...state, value: next, status: "saving", error: null, awaitingSecond: false });
    this.queue.enqueue({ key, lessonId, studentId, value: next, baseVersion: state.version });
  }

  setAwaitingSecond(key: string, awaiting: boolean): void {
    const state = this.cells.get(key);
    if (state && state.awaitingSecond !== awaiting) this.cells.set(key, { ...state, awaitingSecond: awaiting });
  }

  /** Ctrl+Z: puts the last changed cell back as it was (and saves that); false when nothing is left. */
  undo(): boolean {
    const last = this.undoStack.pop();
    if (!last) return false;
    const position = this.positionOf(last.key);
    this.change(last.key, last.value, false);
    if (position) this.focus.focus(position);
    return true;
  }

  openDialog(dialog: JournalDialog): void {
    this.dialogs.set([...this.dialogs.get(), dialog]);
  }

  closeDialog(): void {
    this.dialogs.set(this.dialogs.get().slice(1));
  }

  /** «Оставить текущее» / a reason not given: the change is given up and the saved value shown. */
  discardChange(key: string): void {
    this.queue.drop(key);
    const state = this.cells.get(key);
    if (state) this.cells.set(key, { ...state, value: state.server, status: "idle", error: null });
  }

  /** «Записать моё»: save the teacher's value over the current one. */
  overwrite(key: string): void {
    const state = this.cells.get(key);
    if (!state) return;
    this.cells.set(key, { ...state, status: "saving", error: null });
    this.queue.overwrite(key, state.version);
  }

  saveWithReason(key: string, reason: string): void {
    const state = this.cells.get(key);
    if (state) this.cells.set(key, { ...state, status: "saving", error: null });
    this.queue.provideReason(key, reason);
  }

  openLateEditor(key: string): void {
    this.closeLateEditor();
    this.lateKey = key;
    this.lateEditing.set(key, true);
  }

  closeLateEditor(): void {
    if (this.lateKey) this.lateEditing.set(this.lateKey, false);
    this.lateKey = undefined;
  }

  /** The key of the cell being edited, which a refetch must not disturb. */
  editingKey(): string | undefined {
    if (this.lateKey) return this.lateKey;
    const editor = this.editor.get();
    if (editor?.kind === "cell") return this.keyAt(editor.row, editor.col);
    return this.dialogs.get()[0]?.key;
  }

  /** A newer read of the grid (a live event, a refocused window): take what changed elsewhere. */
  merge(grid: JournalGrid, requestedAt: number): void {
    this.mergeCells(grid.cells, requestedAt);
    this.periodMarks.merge(grid.periodMarks);
    const lessons = this.lessons.get();
    if (grid.lessons.some((l, i) => l.version !== lessons[i]?.version)) this.lessons.set(grid.lessons);
  }

  updateLesson(lesson: JournalLesson): void {
    this.lessons.set(this.lessons.get().map((l) => (l.id === lesson.id ? lesson : l)));
  }

  /**
   * Cells are sparse: a cell saved before and missing now was cleared (the server deletes empty
   * cells), unless our own save of it was confirmed after the read began.
   */
  private mergeCells(cells: readonly GridCell[], requestedAt: number): void {
    const editing = this.editingKey();
    const present = new Set<string>();
    const take = (key: string, server: CellValue, version: number) => {
      const state = this.cells.get(key);
      if (!state) return;
      const keepShown = key === editing || this.queue.get(key) !== undefined;
      this.cells.set(key, keepShown ? { ...state, server, version } : { ...state, value: server, server, version });
    };
    for (const cell of cells) {
      const key = cellKey(cell.lessonId, cell.studentId);
      present.add(key);
      if (cell.version > (this.cells.get(key)?.version ?? Number.POSITIVE_INFINITY)) take(key, cellValueOf(cell), cell.version);
    }
    for (const key of this.cells.keys()) {
      if (!present.has(key) && (this.cells.get(key)?.version ?? 0) > 0 && (this.confirmedAt.get(key) ?? 0) < requestedAt)
        take(key, EMPTY_CELL, 0);
    }
  }

  private onSaveEvent(event: SaveEvent): void {
    const state = this.cells.get(event.key);
    if (!state) return;
    const { key } = event;
    switch (event.type) {
      case "sending":
        if (state.status !== "saving") this.cells.set(key, { ...state, status: "saving", error: null });
        return;
      case "saved": {
        const server = cellValueOf(event.result.cell);
        const version = event.result.cell.version;
        this.confirmedAt.set(key, Date.now());
        this.periodMarks.update(event.result.periodMark);
        if (!event.done) {
          this.cells.set(key, { ...state, server, version });
          return;
        }
        this.cells.set(key, { ...state, value: server, server, version, status: "saved", error: null });
        this.clearSavedTimer(key);
        this.savedTimers.set(
          key,
          setTimeout(() => {
            this.savedTimers.delete(key);
            const latest = this.cells.get(key);
            if (latest?.status === "saved") this.cells.set(key, { ...latest, status: "idle" });
          }, SAVED_BADGE_MS),
        );
        return;
      }
      case "retrying":
        this.cells.set(key, { ...state, status: "retrying", error: event.error });
        return;
      case "signedOut":
        // The page goes to the sign-in form; the change is sent once the teacher is back.
        this.cells.set(key, { ...state, status: "retrying", error: null });
        return;
      case "conflict": {
        const current = event.current;
        const server = current ? cellValueOf(current) : state.server;
        const version = current?.version ?? state.version;
        // The same value is already there (our own save whose answer was lost): nothing to decide.
        if (current && sameValue(server, event.mine)) {
          this.queue.drop(key);
          this.cells.set(key, { ...state, value: server, server, version, status: "idle", error: null });
          return;
        }
        this.cells.set(key, { ...state, server, version, status: "conflict", error: null });
        const updatedBy = current?.updatedBy?.displayName ?? null;
        this.openDialog({ type: "conflict", key, current: server, updatedBy, mine: event.mine });
        return;
      }
      case "needsReason":
        this.cells.set(key, { ...state, status: "reason", error: null });
        this.openDialog({ type: "reason", key });
        return;
      case "rejected":
        this.announce(journalErrorMessage(event.error));
        this.cells.set(key, {
          ...state,
          value: state.server,
          status: event.error.code === "locked" ? "locked" : "rejected",
          error: event.error,
        });
        return;
    }
  }

  private clearSavedTimer(key: string): void {
    clearTimeout(this.savedTimers.get(key));
    this.savedTimers.delete(key);
  }
}
