/**
 * Writers of the journal's table families (server/migrations/0004_journal.sql): bell times and
 * the weekly timetable, dated lessons, journal cells (marks and attendance), period marks.
 * TABLE_FAMILIES in write.ts calls them after the teaching assignments.
 */
import type { Db } from "../../server/src/platform/db/db.ts";
import { insertRows } from "./insert.ts";
import type { PlannedBellTime, PlannedCell, PlannedLesson, PlannedPeriodMark, PlannedTimetableEntry, SchoolPlan } from "./types.ts";
import type { RowCounts } from "./write.ts";

export async function writeTimetable(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const bell_times = await insertRows<PlannedBellTime>(
    db,
    "bell_times",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["academic_year_id", "uuid", () => plan.yearId],
      ["shift", "smallint", (b) => b.shift],
      ["lesson_number", "smallint", (b) => b.lessonNumber],
      ["starts_at", "time", (b) => b.startsAt],
      ["ends_at", "time", (b) => b.endsAt],
    ],
    plan.bellTimes,
  );
  const timetable_entries = await insertRows<PlannedTimetableEntry>(
    db,
    "timetable_entries",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["id", "uuid", (e) => e.id],
      ["academic_year_id", "uuid", () => plan.yearId],
      ["class_id", "uuid", (e) => e.classId],
      ["group_id", "uuid", (e) => e.groupId],
      ["subject_id", "uuid", (e) => e.subjectId],
      ["teacher_id", "uuid", (e) => e.teacherId],
      ["weekday", "smallint", (e) => e.weekday],
      ["lesson_number", "smallint", (e) => e.lessonNumber],
      ["room", "text", (e) => e.room],
      ["valid_from", "date", () => plan.calendar.startsOn],
      ["valid_to", "date", () => plan.calendar.endsOn],
    ],
    plan.timetable,
  );
  return { bell_times, timetable_entries };
}

export async function writeLessons(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const lessons = await insertRows<PlannedLesson>(
    db,
    "lessons",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["id", "uuid", (l) => l.id],
      ["academic_year_id", "uuid", () => plan.yearId],
      ["period_id", "uuid", (l) => l.periodId],
      ["class_id", "uuid", (l) => l.entry.classId],
      ["group_id", "uuid", (l) => l.entry.groupId],
      ["subject_id", "uuid", (l) => l.entry.subjectId],
      ["teacher_id", "uuid", (l) => l.entry.teacherId],
      ["timetable_entry_id", "uuid", (l) => l.entry.id],
      ["date", "date", (l) => l.date],
      ["lesson_number", "smallint", (l) => l.entry.lessonNumber],
      ["room", "text", (l) => l.entry.room],
      ["work_type", "text", (l) => l.workType],
    ],
    plan.lessons,
  );
  return { lessons };
}

export async function writeJournalCells(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const journal_cells = await insertRows<PlannedCell>(
    db,
    "journal_cells",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["lesson_id", "uuid", (c) => c.lessonId],
      ["student_id", "uuid", (c) => c.studentId],
      ["mark1", "text", (c) => c.mark1],
      ["mark2", "text", (c) => c.mark2],
      ["attendance", "text", (c) => c.attendance],
      ["late_minutes", "smallint", (c) => c.lateMinutes],
      ["updated_by", "uuid", (c) => c.updatedBy],
      ["updated_at", "timestamptz", (c) => c.updatedAt],
    ],
    plan.cells,
  );
  return { journal_cells };
}

export async function writePeriodMarks(db: Db, plan: SchoolPlan): Promise<RowCounts> {
  const period_marks = await insertRows<PlannedPeriodMark>(
    db,
    "period_marks",
    [
      ["school_id", "uuid", () => plan.schoolId],
      ["period_id", "uuid", (m) => m.periodId],
      ["subject_id", "uuid", (m) => m.subjectId],
      ["student_id", "uuid", (m) => m.studentId],
      ["average_num", "bigint", (m) => m.averageNum],
      ["average_den", "bigint", (m) => m.averageDen],
      ["suggested", "text", (m) => m.suggested],
      ["value", "text", (m) => m.value],
      ["settings_version", "integer", () => 1],
      ["set_by", "uuid", (m) => m.setBy],
      ["set_at", "timestamptz", (m) => m.setAt],
    ],
    plan.periodMarks,
  );
  return { period_marks };
}
