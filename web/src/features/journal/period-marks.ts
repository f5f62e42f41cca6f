import { type FinalMarkValue, type JournalGrid, journalEndpoints, type PeriodMarkView } from "@otmetka/core/contracts/journal.ts";
import { ApiError, call } from "../../lib/api.ts";
import { journalErrorMessage } from "./journal-errors.ts";
import { KeyedStore, ValueStore } from "./keyed-store.ts";

export interface PeriodMarkState {
  view: PeriodMarkView;
  status: "idle" | "saving" | "saved" | "failed";
  error: ApiError | null;
}

/** A set period mark is about to change: the teacher is asked why before it is saved. */
export interface PeriodReasonRequest {
  studentId: string;
  value: FinalMarkValue | null;
}

/**
 * Period marks of the open journal, by student: the average and suggestion (recomputed by the
 * server with every saved cell) and the mark the teacher sets. Setting one is a deliberate act,
 * saved at once; changing one already set asks for a reason first.
 */
export class PeriodMarks {
  readonly rows = new KeyedStore<PeriodMarkState>();
  readonly reasonRequest = new ValueStore<PeriodReasonRequest | null>(null);
  private readonly periodId: string;
  private readonly subjectId: string;
  private readonly announce: (text: string) => void;
  private readonly onStale: () => void;

  constructor(grid: JournalGrid, announce: (text: string) => void, onStale: () => void) {
    this.periodId = grid.period.id;
    this.subjectId = grid.subject.id;
    this.announce = announce;
    this.onStale = onStale;
    for (const view of grid.periodMarks) this.rows.set(view.studentId, { view, status: "idle", error: null });
  }

  /** A recomputed result from a saved cell. */
  update(view: PeriodMarkView): void {
    const state = this.rows.get(view.studentId);
    if (state && state.view.version > view.version) return;
    this.rows.set(view.studentId, {
      view,
      status: state?.status === "saving" ? "saving" : (state?.status ?? "idle"),
      error: state?.error ?? null,
    });
  }

  merge(views: readonly PeriodMarkView[]): void {
    for (const view of views) {
      const state = this.rows.get(view.studentId);
      if (state?.status === "saving") continue;
      const old = state?.view;
      if (old && old.version === view.version && old.average?.text === view.average?.text && old.suggested === view.suggested) continue;
      this.rows.set(view.studentId, { view, status: state?.status ?? "idle", error: state?.error ?? null });
    }
  }

  /** Sets a student's mark; one set before is changed only with a reason. */
  request(studentId: string, value: FinalMarkValue | null): void {
    const state = this.rows.get(studentId);
    if (!state || state.view.value === value) return;
    if (state.view.value !== null) this.reasonRequest.set({ studentId, value });
    else void this.save(studentId, value);
  }

  async save(studentId: string, value: FinalMarkValue | null, reason?: string): Promise<void> {
    const state = this.rows.get(studentId);
    if (!state) return;
    this.rows.set(studentId, { ...state, status: "saving", error: null });
    try {
      const view = await call(journalEndpoints.setPeriodMark, {
        params: { periodId: this.periodId, subjectId: this.subjectId, studentId },
        body: { value, version: state.view.version, ...(reason ? { reason } : {}) },
      });
      this.rows.set(studentId, { view, status: "saved", error: null });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError({ status: 0, code: "network", message: String(error) });
      if (apiError.status === 400 && apiError.issues.some((i) => i.path.at(-1) === "reason")) {
        this.rows.set(studentId, { ...state, status: "idle", error: null });
        this.reasonRequest.set({ studentId, value });
        return;
      }
      this.rows.set(studentId, { ...state, status: "failed", error: apiError });
      this.announce(journalErrorMessage(apiError));
      if (apiError.code === "conflict") this.onStale();
    }
  }
}
