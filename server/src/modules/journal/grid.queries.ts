import type { JournalGrid, JournalLesson, JournalQuery } from "@otmetka/core/contracts/journal.ts";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import { type JournalContext, type JournalKey, loadJournalContext, loadMembers, loadPeriodsOf, membersSql } from "./journal.context.ts";
import {
  canReadJournal,
  cellRightsOf,
  isPastEditWindow,
  type JournalRelation,
  journalAbilities,
  lessonWeight,
  lockedBefore,
  type WeightRules,
} from "./journal.policy.ts";
import {
  type CellRow,
  gridCellView,
  groupMarks,
  type PeriodSpan,
  periodMarkView,
  readPeriodMarkRows,
  suggestionOf,
  userName,
} from "./journal.queries.ts";

export interface LessonRow {
  id: string;
  date: string;
  lesson_number: number;
  topic: string;
  work_type: string | null;
  weight_tenths: number | null;
  status: "scheduled" | "cancelled";
  teacher_id: string;
  teacher_name: string;
  substitute_teacher_id: string | null;
  substitute_name: string | null;
  has_homework: boolean;
  version: number;
}

/** The columns of LessonRow; `l` is lessons, `tu`/`su` its teacher and substitute. */
export const LESSON_COLUMNS = sql`l.id, l.date, l.lesson_number, l.topic, l.work_type, l.weight_tenths, l.status,
  l.teacher_id, ${userName("tu")} as teacher_name, l.substitute_teacher_id, ${userName("su")} as substitute_name, l.version,
  exists (select 1 from homework h where h.school_id = l.school_id and h.lesson_id = l.id) as has_homework`;

/** A lesson column as this actor sees it (`locked` depends on who looks). */
export function lessonView(
  row: LessonRow,
  userId: string,
  relation: Pick<JournalRelation, "isAdmin" | "isAssigned" | "isClassTeacher">,
  facts: { today: string; lockedBefore: string; unlocked: boolean },
  settings: WeightRules,
): JournalLesson {
  const rights = cellRightsOf(userId, relation, { teacherId: row.teacher_id, substituteId: row.substitute_teacher_id });
  const pastWindow = isPastEditWindow({
    isAdmin: relation.isAdmin,
    unlocked: facts.unlocked,
    date: row.date,
    lockedBefore: facts.lockedBefore,
  });
  return {
    id: row.id,
    date: row.date,
    lessonNumber: row.lesson_number,
    topic: row.topic,
    workType: row.work_type,
    weightTenths: lessonWeight({ workType: row.work_type, weightTenths: row.weight_tenths }, settings),
    weightOverridden: row.weight_tenths !== null,
    status: row.status,
    teacher: { userId: row.teacher_id, displayName: row.teacher_name },
    substitute: row.substitute_teacher_id ? { userId: row.substitute_teacher_id, displayName: row.substitute_name ?? "" } : null,
    hasHomework: row.has_homework,
    locked: rights === "none" || pastWindow,
    future: row.date > facts.today,
    version: row.version,
  };
}

function settingsView(settings: SchoolSettings & { version: number }): JournalGrid["settings"] {
  return {
    version: settings.version,
    workTypes: settings.workTypes.map(({ code, name, abbr, weightTenths }) => ({ code, name, abbr, weightTenths })),
    attendanceLetters: settings.attendanceLetters,
    roundingRule: settings.roundingRule,
    minMarksForPeriod: settings.minMarksForPeriod,
    allowMarkOne: settings.allowMarkOne,
    editWindowDays: settings.editWindowDays,
  };
}

type GridCellRow = Omit<CellRow, "updated_at" | "updated_by" | "updated_by_name"> & {
  work_type: string | null;
  weight_tenths: number | null;
  in_journal: boolean;
};

/**
 * Cells of the students in every lesson of the subject in the period that their classes had
 * (a student moved between classes, or taught in whole-class and subgroup lessons, gets one
 * period suggestion from all their marks); `in_journal` marks the journal's own lessons. The
 * students are an id array, not a subquery: a semi-join would probe enrolments once per cell.
 */
function loadCells(db: Db, schoolId: string, key: JournalKey, period: PeriodSpan, studentIds: string[]) {
  const groupCondition = key.groupId ? sql`l.group_id = ${key.groupId}` : sql`l.group_id is null`;
  return db.many<GridCellRow>(sql`
    select c.lesson_id, c.student_id, c.mark1, c.mark2, c.attendance, c.late_minutes, c.comment, c.version,
           l.work_type, l.weight_tenths, (l.class_id = ${key.classId} and ${groupCondition}) as in_journal
    from lessons l join journal_cells c on c.school_id = l.school_id and c.lesson_id = l.id
    where l.school_id = ${schoolId} and l.subject_id = ${key.subjectId} and l.period_id = ${period.id}
      and l.date between ${period.startsOn} and ${period.endsOn}
      and l.class_id in (select e.class_id from enrolments e
                         where e.school_id = ${schoolId} and e.person_id = any(${studentIds}::uuid[])
                           and e.starts_on <= ${period.endsOn} and (e.ends_on is null or e.ends_on >= ${period.startsOn}))
      and c.student_id = any(${studentIds}::uuid[])`);
}

/**
 * The journal grid in three round trips of indexed queries: the context (with the actor's
 * standing) and the settings; then periods, lessons, students and period marks at once; then
 * the cells of those students.
 */
export async function getJournalGrid(db: Db, actor: SchoolActor, query: JournalQuery, now: Date): Promise<JournalGrid> {
  return (await buildJournalGrid(db, actor, query, now)).grid;
}

/** The grid with the school's time zone (what decides the day it is valid for). */
export async function buildJournalGrid(
  db: Db,
  actor: SchoolActor,
  query: JournalQuery,
  now: Date,
): Promise<{ grid: JournalGrid; timeZone: string }> {
  const key: JournalKey = { classId: query.classId, subjectId: query.subjectId, groupId: query.groupId ?? null };
  const [ctx, settings] = await Promise.all([
    loadJournalContext(db, actor, { ...key, periodId: query.periodId }, now),
    getSchoolSettings(db, actor.schoolId),
  ]);
  const period = ctx.period as NonNullable<JournalContext["period"]>;
  const members = membersSql(actor.schoolId, key, period.startsOn, period.endsOn);
  const groupCondition = key.groupId ? sql`l.group_id = ${key.groupId}` : sql`l.group_id is null`;
  const [periods, lessons, students, finalRows] = await Promise.all([
    loadPeriodsOf(db, actor.schoolId, ctx.class.academicYearId, ctx.class.grade),
    db.many<LessonRow>(sql`
      select ${LESSON_COLUMNS}
      from lessons l join users tu on tu.id = l.teacher_id left join users su on su.id = l.substitute_teacher_id
      where l.school_id = ${actor.schoolId} and l.class_id = ${key.classId} and l.subject_id = ${key.subjectId}
        and l.date between ${period.startsOn} and ${period.endsOn} and l.period_id = ${period.id} and ${groupCondition}
      order by l.date, l.lesson_number, l.id`),
    loadMembers(db, actor.schoolId, key, period.startsOn, period.endsOn),
    readPeriodMarkRows(db, actor.schoolId, period.id, key.subjectId, members),
  ]);

  const relation: JournalRelation = {
    isAdmin: ctx.isAdmin,
    isAssigned: ctx.isAssigned,
    isClassTeacher: ctx.isClassTeacher,
    leadsLessons: lessons.some((l) => l.teacher_id === actor.userId),
    substitutes: lessons.some((l) => l.substitute_teacher_id === actor.userId),
  };
  if (!canReadJournal(relation)) throw new AppError("not_found", "No such journal");

  const cells = students.length
    ? await loadCells(
        db,
        actor.schoolId,
        key,
        period,
        students.map((s) => s.id),
      )
    : [];
  const facts = { today: ctx.today, lockedBefore: lockedBefore(ctx.today, settings.editWindowDays), unlocked: ctx.unlockedUntil !== null };
  const marksByStudent = groupMarks(cells, settings);
  const finalByStudent = new Map(finalRows.map((r) => [r.student_id, r]));
  const grid: JournalGrid = {
    class: { id: ctx.class.id, name: ctx.class.name },
    group: ctx.group,
    subject: ctx.subject,
    period,
    periods,
    settings: settingsView(settings),
    lessons: lessons.map((l) => lessonView(l, actor.userId, relation, facts, settings)),
    students,
    cells: cells.filter((c) => c.in_journal).map((c) => gridCellView(c)),
    periodMarks: students.map((s) => periodMarkView(s.id, suggestionOf(marksByStudent.get(s.id), settings), finalByStudent.get(s.id))),
    abilities: journalAbilities(relation),
    unlockedUntil: ctx.unlockedUntil,
    today: ctx.today,
  };
  return { grid, timeZone: ctx.timeZone };
}
