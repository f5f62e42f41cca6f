import type { FinalMarkValue, YearMarkView, YearSheet } from "@otmetka/core/contracts/journal.ts";
import { suggestYearMark } from "@otmetka/core/rules/grades.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import { type JournalKey, loadJournalContext, loadMembers, loadPeriodsOf } from "./journal.context.ts";
import { canReadJournal, canSetFinalMarks } from "./journal.policy.ts";
import { type FinalMarkRow, userName } from "./journal.queries.ts";

/** A student's year mark from the set period marks (in the sheet's period order) and the stored row. */
export function yearMarkView(
  studentId: string,
  periodIds: readonly string[],
  periodValues: ReadonlyMap<string, FinalMarkValue>,
  row: FinalMarkRow | undefined,
): YearMarkView {
  const periodMarks = periodIds.map((periodId) => ({ periodId, value: periodValues.get(periodId) ?? null }));
  const suggested = suggestYearMark(periodMarks.flatMap((p) => (p.value ? [p.value] : [])));
  const value = row?.value ?? null;
  return {
    studentId,
    periodMarks,
    suggested,
    value,
    overridden: value !== null && value !== suggested,
    setBy: row?.set_by ? { userId: row.set_by, displayName: row.set_by_name ?? "" } : null,
    setAt: row?.set_at ? new Date(row.set_at).toISOString() : null,
    version: row?.version ?? 0,
  };
}

/** Set period marks of students in a subject over a year: student → period → value. */
export async function loadSetPeriodMarks(db: Db, schoolId: string, yearId: string, subjectId: string, studentIds: readonly string[]) {
  // Periods first, so each lookup uses the whole primary key (period, subject, student).
  const rows = await db.many<{ student_id: string; period_id: string; value: FinalMarkValue }>(sql`
    select pm.student_id, pm.period_id, pm.value
    from periods p join period_marks pm on pm.school_id = p.school_id and pm.period_id = p.id
    where p.school_id = ${schoolId} and p.academic_year_id = ${yearId}
      and pm.subject_id = ${subjectId} and pm.student_id = any(${studentIds}::uuid[]) and pm.value is not null`);
  const byStudent = new Map<string, Map<string, FinalMarkValue>>();
  for (const r of rows) {
    const marks = byStudent.get(r.student_id) ?? new Map<string, FinalMarkValue>();
    marks.set(r.period_id, r.value);
    byStudent.set(r.student_id, marks);
  }
  return byStudent;
}

export async function readYearMarkRows(
  db: Db,
  schoolId: string,
  yearId: string,
  subjectId: string,
  studentIds: readonly string[],
): Promise<FinalMarkRow[]> {
  return db.many<FinalMarkRow>(sql`
    select ym.student_id, ym.value, ym.set_by, ${userName("u")} as set_by_name, ym.set_at, ym.version
    from year_marks ym left join users u on u.id = ym.set_by
    where ym.school_id = ${schoolId} and ym.academic_year_id = ${yearId} and ym.subject_id = ${subjectId} and ym.student_id = any(${studentIds}::uuid[])`);
}

/** Whether the actor took (as teacher of record or substitute) any lesson of the journal in [from, to]. */
async function lessonsTaughtBy(db: Db, actor: SchoolActor, key: JournalKey, from: string, to: string) {
  const row = await db.one<{ leads: boolean | null; substitutes: boolean | null }>(sql`
    select bool_or(l.teacher_id = ${actor.userId}) as leads, bool_or(l.substitute_teacher_id = ${actor.userId}) as substitutes
    from lessons l
    where l.school_id = ${actor.schoolId} and l.class_id = ${key.classId} and l.subject_id = ${key.subjectId}
      and l.date between ${from} and ${to} and ${key.groupId ? sql`l.group_id = ${key.groupId}` : sql`l.group_id is null`}`);
  return { leadsLessons: row.leads ?? false, substitutes: row.substitutes ?? false };
}

/** The period and year marks of a journal's students over the class's academic year. */
export async function getYearSheet(
  db: Db,
  actor: SchoolActor,
  query: { classId: string; subjectId: string; groupId?: string | undefined },
  now: Date,
): Promise<YearSheet> {
  const key: JournalKey = { classId: query.classId, subjectId: query.subjectId, groupId: query.groupId ?? null };
  const ctx = await loadJournalContext(db, actor, key, now);
  const year = await db.one<{ id: string; name: string; starts_on: string; ends_on: string }>(sql`
    select id, name, starts_on, ends_on from academic_years where school_id = ${actor.schoolId} and id = ${ctx.class.academicYearId}`);
  const taught =
    ctx.isAdmin || ctx.isAssigned
      ? { leadsLessons: false, substitutes: false }
      : await lessonsTaughtBy(db, actor, key, year.starts_on, year.ends_on);
  const relation = { isAdmin: ctx.isAdmin, isAssigned: ctx.isAssigned, isClassTeacher: ctx.isClassTeacher, ...taught };
  if (!canReadJournal(relation)) throw new AppError("not_found", "No such journal");

  const [periods, students] = await Promise.all([
    loadPeriodsOf(db, actor.schoolId, year.id, ctx.class.grade),
    loadMembers(db, actor.schoolId, key, year.starts_on, year.ends_on),
  ]);
  const ids = students.map((s) => s.id);
  const [setPeriodMarks, yearRows, settings] = await Promise.all([
    loadSetPeriodMarks(db, actor.schoolId, year.id, key.subjectId, ids),
    readYearMarkRows(db, actor.schoolId, year.id, key.subjectId, ids),
    getSchoolSettings(db, actor.schoolId),
  ]);
  const periodIds = periods.map((p) => p.id);
  const yearByStudent = new Map(yearRows.map((r) => [r.student_id, r]));
  return {
    class: { id: ctx.class.id, name: ctx.class.name },
    group: ctx.group,
    subject: ctx.subject,
    academicYear: { id: year.id, name: year.name },
    periods,
    students,
    marks: students.map((s) => yearMarkView(s.id, periodIds, setPeriodMarks.get(s.id) ?? new Map(), yearByStudent.get(s.id))),
    abilities: { setYearMarks: canSetFinalMarks(relation) },
    settings: { allowMarkOne: settings.allowMarkOne },
  };
}
