import type { JournalCell, PeriodMarkView, SaveCellInput } from "@otmetka/core/contracts/journal.ts";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { AppError, type ErrorIssue } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { liveNotification } from "../../platform/realtime/publish.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { changesExistingMarks, isPastEditWindow, lockedBefore, SLIP_FIX_MS } from "./journal.policy.ts";
import { CELL_COLUMNS, type CellRow, cellView, emptyCell } from "./journal.queries.ts";
import { type LessonFacts, loadLessonFacts } from "./lesson.facts.ts";
import { refreshPeriodMarks } from "./period-marks.service.ts";

/** What a cell holds, as saved and audited. */
type CellContent = Pick<JournalCell, "marks" | "attendance" | "comment">;

const contentOf = (cell: CellContent): CellContent => ({ marks: cell.marks, attendance: cell.attendance, comment: cell.comment });
const isEmpty = (c: CellContent) => c.marks.length === 0 && c.attendance === null && c.comment === "";
const sameContent = (a: CellContent, b: CellContent) => JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
const auditShape = (c: CellContent) => ({
  marks: c.marks,
  attendance: c.attendance?.state ?? null,
  lateMinutes: c.attendance?.lateMinutes ?? null,
  comment: c.comment,
});

function invalid(issues: ErrorIssue[]): AppError {
  return new AppError("validation_failed", issues.map((i) => i.message).join("; "), { issues });
}

/** The content rules of a cell that the schema alone cannot say. */
function validateContent(input: SaveCellInput, settings: Pick<SchoolSettings, "allowMarkOne">): void {
  const issues: ErrorIssue[] = [];
  if (!settings.allowMarkOne && input.marks.includes("1")) {
    issues.push({ path: ["body", "marks"], code: "mark_not_allowed", message: "The school does not use the mark 1" });
  }
  const state = input.attendance?.state;
  if (state === "LATE" && input.attendance?.lateMinutes === null) {
    issues.push({ path: ["body", "attendance", "lateMinutes"], code: "late_minutes_required", message: "Say how many minutes late" });
  }
  if (state && state !== "LATE" && input.attendance?.lateMinutes !== null) {
    issues.push({
      path: ["body", "attendance", "lateMinutes"],
      code: "late_minutes_not_late",
      message: "Minutes late go only with «late»",
    });
  }
  // An absent student gets no mark for the lesson; a «•» (owes the work) is what absence leaves.
  if (state?.startsWith("ABSENT_") && input.marks.some((m) => m !== "DUE")) {
    issues.push({
      path: ["body", "marks"],
      code: "mark_with_absence",
      message: "A student absent from the lesson cannot get a mark for it",
    });
  }
  if (issues.length) throw invalid(issues);
}

function requireOpenLesson(lesson: LessonFacts, settings: Pick<SchoolSettings, "editWindowDays">): void {
  const lessonIssue = (code: string, message: string) => invalid([{ path: ["params", "lessonId"], code, message }]);
  if (lesson.status === "cancelled") throw lessonIssue("lesson_cancelled", "The lesson was cancelled: nothing can be entered in it");
  if (lesson.date > lesson.today)
    throw lessonIssue("lesson_in_future", `The lesson is on ${lesson.date}: marks and attendance are entered from that day`);
  const before = lockedBefore(lesson.today, settings.editWindowDays);
  if (isPastEditWindow({ isAdmin: lesson.isAdmin, unlocked: lesson.unlocked, date: lesson.date, lockedBefore: before })) {
    throw new AppError("locked", `Lessons before ${before} are closed for changes; an administrator can reopen the journal`, {
      details: { reason: "edit_window", lockedBefore: before },
    });
  }
}

/** The student was in the lesson's class (and subgroup) on its day (loadLessonFacts checked it). */
function requireEnrolled(lesson: LessonFacts): void {
  if (!lesson.studentEnrolled) {
    throw invalid([
      {
        path: ["params", "studentId"],
        code: "not_enrolled",
        message: `The student is not in this lesson's class or subgroup on ${lesson.date}`,
      },
    ]);
  }
}

async function lockCell(tx: Db, schoolId: string, lessonId: string, studentId: string): Promise<JournalCell> {
  const row = await tx.maybeOne<CellRow>(sql`
    select ${CELL_COLUMNS} from journal_cells c left join users cu on cu.id = c.updated_by
    where c.school_id = ${schoolId} and c.lesson_id = ${lessonId} and c.student_id = ${studentId}
    for update of c`);
  return row ? cellView(row) : emptyCell(lessonId, studentId);
}

function staleVersion(current: JournalCell): AppError {
  return new AppError("conflict", "Someone else changed this cell; see the current value", {
    details: { reason: "stale_version", current },
  });
}

/** A class teacher (without teaching the subject) may change attendance, and nothing else. */
function requireChangeAllowed(lesson: LessonFacts, current: CellContent, next: CellContent): void {
  if (lesson.rights !== "attendance") return;
  if (JSON.stringify(current.marks) !== JSON.stringify(next.marks) || current.comment !== next.comment) {
    throw new AppError("forbidden", "As class teacher you may change attendance only; marks are the subject teacher's");
  }
}

function requireReason(actor: SchoolActor, current: JournalCell, next: CellContent, reason: string | undefined, now: Date): void {
  if (reason || !changesExistingMarks(current.marks, next.marks)) return;
  const savedAt = current.updatedAt ? Date.parse(current.updatedAt) : 0;
  const slipFix = current.updatedBy?.userId === actor.userId && now.getTime() - savedAt <= SLIP_FIX_MS;
  if (slipFix) return;
  const message = "Say why an existing mark is changed or removed (the reason goes to the audit log)";
  throw invalid([{ path: ["body", "reason"], code: "reason_required", message }]);
}

async function writeCell(tx: Db, actor: SchoolActor, current: JournalCell, next: CellContent, now: Date): Promise<JournalCell> {
  const { lessonId, studentId } = current;
  if (isEmpty(next)) {
    await tx.execute(
      sql`delete from journal_cells where school_id = ${actor.schoolId} and lesson_id = ${lessonId} and student_id = ${studentId}`,
    );
    return emptyCell(lessonId, studentId);
  }
  const [mark1 = null, mark2 = null] = next.marks;
  const values = { state: next.attendance?.state ?? null, late: next.attendance?.lateMinutes ?? null, at: now.toISOString() };
  const written =
    current.version === 0
      ? await tx.maybeOne<{ version: number }>(sql`
          insert into journal_cells (school_id, lesson_id, student_id, mark1, mark2, attendance, late_minutes, comment, version, updated_by, updated_at)
          values (${actor.schoolId}, ${lessonId}, ${studentId}, ${mark1}, ${mark2}, ${values.state}, ${values.late}, ${next.comment}, 1, ${actor.userId}, ${values.at})
          on conflict do nothing returning version`)
      : await tx.one<{ version: number }>(sql`
          update journal_cells set mark1 = ${mark1}, mark2 = ${mark2}, attendance = ${values.state}, late_minutes = ${values.late},
                 comment = ${next.comment}, version = version + 1, updated_by = ${actor.userId}, updated_at = ${values.at}
          where school_id = ${actor.schoolId} and lesson_id = ${lessonId} and student_id = ${studentId} returning version`);
  // Another save created the cell since this one found it empty: theirs stands, this one is stale.
  if (!written) throw staleVersion(await lockCell(tx, actor.schoolId, lessonId, studentId));
  return {
    ...current,
    ...next,
    version: written.version,
    updatedAt: values.at,
    updatedBy: { userId: actor.userId, displayName: actor.displayName },
  };
}

/**
 * Saves a cell as a whole, based on the version the client read. Checks run before anything is
 * written; the cell row stays locked from the version check to the commit, so two saves of one
 * cell are ordered and the later one, based on a stale version, gets 409 with the current cell.
 */
export async function saveCell(
  ctx: ChangeContext,
  actor: SchoolActor,
  lessonId: string,
  studentId: string,
  input: SaveCellInput,
): Promise<{ cell: JournalCell; periodMark: PeriodMarkView }> {
  const now = ctx.app.now();
  // Every statement of a save finds rows by key, so the plan PostgreSQL builds once per prepared
  // statement is as good as one planned for each call's values, and planning is skipped (without
  // this, some of them kept being planned on each call: about a fifth of a save's time).
  void ctx.tx.send(sql`set local plan_cache_mode = force_generic_plan`);
  // Statements that do not wait for each other's answers go out together (one round trip each
  // step on PostgreSQL): the lesson's facts with the cell's lock, then the write with the period
  // mark's lock and marks, then the average with the audit row. The cell is locked before the
  // period mark, as everywhere.
  const [lesson, current] = await Promise.all([
    loadLessonFacts(ctx.tx, actor, lessonId, now, { studentId }),
    lockCell(ctx.tx, actor.schoolId, lessonId, studentId),
  ]);
  const { settings } = lesson;
  validateContent(input, settings);
  requireOpenLesson(lesson, settings);
  requireEnrolled(lesson);

  const next: CellContent = { marks: input.marks, attendance: input.attendance, comment: input.comment };
  const periodMark = async () =>
    (await refreshPeriodMarks(ctx.tx, actor.schoolId, lesson.subjectId, lesson.period, [studentId], settings)).get(
      studentId,
    ) as PeriodMarkView;
  // Saving what the cell already holds changes nothing, whatever the version: a retried save succeeds.
  if (sameContent(current, next)) return { cell: current, periodMark: await periodMark() };
  if (current.version !== input.version) throw staleVersion(current);
  requireChangeAllowed(lesson, current, next);
  requireReason(actor, current, next, input.reason, now);

  const written = writeCell(ctx.tx, actor, current, next, now);
  // The audit row and the live event go in one statement (a save is the hottest write).
  const audited = written.then((cell) =>
    recordEvent(
      ctx.tx,
      {
        schoolId: actor.schoolId,
        actorUserId: actor.userId,
        entity: "journal_cell",
        entityId: `${lessonId}:${studentId}`,
        action: current.version === 0 ? "create" : isEmpty(next) ? "delete" : "update",
        before: current.version === 0 ? null : auditShape(current),
        after: isEmpty(next) ? null : auditShape(next),
        reason: input.reason || null,
        requestId: ctx.requestId,
      },
      liveNotification({
        schoolId: actor.schoolId,
        kind: "journal.cell",
        classId: lesson.classId,
        subjectId: lesson.subjectId,
        lessonId,
        studentId,
        version: cell.version,
      }),
    ),
  );
  const [cell, periodMarkView] = await Promise.all([written, periodMark(), audited]);
  return { cell, periodMark: periodMarkView };
}
