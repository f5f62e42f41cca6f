import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import type { AttendanceState, GridCell, JournalCell, PeriodMarkView } from "@otmetka/core/contracts/journal.ts";
import { formatAverage, type PeriodSuggestion, suggestPeriodMark, type WeightedMark } from "@otmetka/core/rules/grades.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { weightedMarksOf } from "./journal.policy.ts";

/** «Фамилия Имя Отчество» of a users row, as every UserRef shows it. */
export const userName = (alias: string): Sql =>
  sql.raw(`trim(${alias}.last_name || ' ' || ${alias}.first_name || ' ' || ${alias}.middle_name)`);

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * A timestamp column as ISO 8601 text (what toISOString gives), formatted by the database: the
 * grid reads thousands of cells, and parsing each into a Date only to print it again is wasted.
 */
export const isoTimestamp = (column: string): Sql => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export interface CellRow {
  lesson_id: string;
  student_id: string;
  mark1: string | null;
  mark2: string | null;
  attendance: AttendanceState | null;
  late_minutes: number | null;
  comment: string;
  version: number;
  /** ISO 8601 text (isoTimestamp). */
  updated_at: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
}

/** The columns of a cell row as CellRow names them; `c` is journal_cells, `cu` the user who saved it. */
export const CELL_COLUMNS = sql`c.lesson_id, c.student_id, c.mark1, c.mark2, c.attendance, c.late_minutes, c.comment, c.version,
  ${isoTimestamp("c.updated_at")} as updated_at, c.updated_by, ${userName("cu")} as updated_by_name`;

export function marksOf(row: { mark1: string | null; mark2: string | null }): JournalCell["marks"] {
  return [row.mark1, row.mark2].filter((m): m is string => m !== null) as JournalCell["marks"];
}

export function cellView(row: CellRow): JournalCell {
  return {
    ...gridCellView(row),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? { userId: row.updated_by, displayName: row.updated_by_name ?? "" } : null,
  };
}

/** A cell as the grid lists it (GridCell: without who saved it and when). */
export function gridCellView(row: Omit<CellRow, "updated_at" | "updated_by" | "updated_by_name">): GridCell {
  return {
    lessonId: row.lesson_id,
    studentId: row.student_id,
    marks: marksOf(row),
    attendance: row.attendance ? { state: row.attendance, lateMinutes: row.late_minutes } : null,
    comment: row.comment,
    version: row.version,
  };
}

/** A cell nobody has saved (or whose content was all cleared): version 0. */
export function emptyCell(lessonId: string, studentId: string): JournalCell {
  return { lessonId, studentId, marks: [], attendance: null, comment: "", version: 0, updatedAt: null, updatedBy: null };
}

export async function readCell(db: Db, schoolId: string, lessonId: string, studentId: string): Promise<JournalCell> {
  const row = await db.maybeOne<CellRow>(sql`
    select ${CELL_COLUMNS} from journal_cells c left join users cu on cu.id = c.updated_by
    where c.school_id = ${schoolId} and c.lesson_id = ${lessonId} and c.student_id = ${studentId}`);
  return row ? cellView(row) : emptyCell(lessonId, studentId);
}

/** A period of the school: the unit period marks are kept for. */
export interface PeriodSpan {
  id: string;
  startsOn: string;
  endsOn: string;
}

/** The grade rules of a school's settings as the period suggestion needs them. */
export function periodRules(settings: SchoolSettings) {
  return {
    roundingRule: settings.roundingRule,
    minMarksForPeriod: settings.minMarksForPeriod,
    requiredWorkTypes: settings.requiredWorkTypesForPeriod,
    allowMarkOne: settings.allowMarkOne,
  };
}

/**
 * The weighted marks of students in a subject and period, from every lesson of the subject in
 * the classes they belonged to during the period (a student moved between classes keeps the
 * marks of both in one period mark). The ids go in as an array so the cell lookups use the
 * whole primary key (lesson, student), one probe per lesson.
 */
export async function loadSubjectMarks(
  db: Db,
  schoolId: string,
  subjectId: string,
  period: PeriodSpan,
  studentIds: readonly string[],
  settings: SchoolSettings,
): Promise<Map<string, (WeightedMark & { workType: string | null })[]>> {
  const rows = await db.many<{
    student_id: string;
    mark1: string;
    mark2: string | null;
    work_type: string | null;
    weight_tenths: number | null;
  }>(sql`
    select c.student_id, c.mark1, c.mark2, l.work_type, l.weight_tenths
    from lessons l join journal_cells c on c.school_id = l.school_id and c.lesson_id = l.id
    where l.school_id = ${schoolId} and l.subject_id = ${subjectId} and l.period_id = ${period.id}
      and l.date between ${period.startsOn} and ${period.endsOn}
      and l.class_id in (select e.class_id from enrolments e
                         where e.school_id = ${schoolId} and e.person_id = any(${studentIds}::uuid[])
                           and e.starts_on <= ${period.endsOn} and (e.ends_on is null or e.ends_on >= ${period.startsOn}))
      and c.student_id = any(${studentIds}::uuid[]) and c.mark1 is not null`);
  return groupMarks(rows, settings);
}

/** Marks grouped by student, each with its lesson's weight. */
export function groupMarks(
  rows: readonly {
    student_id: string;
    mark1: string | null;
    mark2: string | null;
    work_type: string | null;
    weight_tenths: number | null;
  }[],
  settings: SchoolSettings,
): Map<string, (WeightedMark & { workType: string | null })[]> {
  const byStudent = new Map<string, (WeightedMark & { workType: string | null })[]>();
  for (const r of rows) {
    const marks = weightedMarksOf(r, { workType: r.work_type, weightTenths: r.weight_tenths }, settings);
    if (marks.length === 0) continue;
    const list = byStudent.get(r.student_id);
    if (list) list.push(...marks);
    else byStudent.set(r.student_id, marks);
  }
  return byStudent;
}

export function suggestionOf(marks: readonly (WeightedMark & { workType: string | null })[] | undefined, settings: SchoolSettings) {
  return suggestPeriodMark(marks ?? [], periodRules(settings));
}

export interface FinalMarkRow {
  student_id: string;
  value: PeriodMarkView["value"];
  set_by: string | null;
  set_by_name: string | null;
  set_at: Date | string | null;
  version: number;
}

export async function readPeriodMarkRows(
  db: Db,
  schoolId: string,
  periodId: string,
  subjectId: string,
  studentIds: Sql,
): Promise<FinalMarkRow[]> {
  return db.many<FinalMarkRow>(sql`
    select pm.student_id, pm.value, pm.set_by, ${userName("u")} as set_by_name, pm.set_at, pm.version
    from period_marks pm left join users u on u.id = pm.set_by
    where pm.school_id = ${schoolId} and pm.period_id = ${periodId} and pm.subject_id = ${subjectId} and pm.student_id in (${studentIds})`);
}

export function periodMarkView(studentId: string, suggestion: PeriodSuggestion, row: FinalMarkRow | undefined): PeriodMarkView {
  const value = row?.value ?? null;
  return {
    studentId,
    average: suggestion.average ? { ...suggestion.average, text: formatAverage(suggestion.average) } : null,
    count: suggestion.count,
    suggested: suggestion.suggested,
    reason: suggestion.reason,
    value,
    overridden: value !== null && value !== suggestion.suggested,
    setBy: row?.set_by ? { userId: row.set_by, displayName: row.set_by_name ?? "" } : null,
    setAt: iso(row?.set_at ?? null),
    version: row?.version ?? 0,
  };
}
