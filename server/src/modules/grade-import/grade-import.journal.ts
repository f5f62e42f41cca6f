/**
 * The journal a grade file goes into, as the row check needs it: its lessons in the period with
 * what the actor may do in each, its students with their full names, the school's mark rules
 * and the saved cells. Who may import is who may enter marks in the journal; anyone who may not
 * even open it gets 404.
 */
import type { JournalCell } from "@otmetka/core/contracts/journal.ts";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import { type JournalContext, type JournalKey, loadJournalContext, loadMembers } from "../journal/journal.context.ts";
import { type CellRights, canReadJournal, cellRightsOf, type JournalRelation, journalAbilities } from "../journal/journal.policy.ts";
import { CELL_COLUMNS, type CellRow, cellView } from "../journal/journal.queries.ts";

export interface ImportLesson {
  id: string;
  date: string;
  lessonNumber: number;
  topic: string;
  status: "scheduled" | "cancelled";
  rights: CellRights;
}

export interface ImportStudent {
  id: string;
  /** «Фамилия Имя», as the journal shows it. */
  displayName: string;
  middleName: string;
  /** In the journal from this day to `to` (null: to the end of the period). */
  from: string;
  to: string | null;
}

export interface ImportJournal {
  key: JournalKey;
  context: JournalContext & { period: NonNullable<JournalContext["period"]> };
  settings: SchoolSettings;
  lessons: ImportLesson[];
  students: ImportStudent[];
}

export interface JournalQueryKey extends JournalKey {
  periodId: string;
}

/** Loads the journal and refuses an actor who may not enter marks in it (404 if they may not open it either). */
export async function loadImportJournal(db: Db, actor: SchoolActor, query: JournalQueryKey, now: Date): Promise<ImportJournal> {
  const key: JournalKey = { classId: query.classId, subjectId: query.subjectId, groupId: query.groupId };
  const [context, settings] = await Promise.all([
    loadJournalContext(db, actor, { ...key, periodId: query.periodId }, now),
    getSchoolSettings(db, actor.schoolId),
  ]);
  const period = context.period as NonNullable<JournalContext["period"]>;
  const groupCondition = key.groupId ? sql`l.group_id = ${key.groupId}` : sql`l.group_id is null`;
  const [lessonRows, members] = await Promise.all([
    db.many<{
      id: string;
      date: string;
      lesson_number: number;
      topic: string;
      status: "scheduled" | "cancelled";
      teacher_id: string;
      substitute_teacher_id: string | null;
    }>(sql`
      select l.id, l.date, l.lesson_number, l.topic, l.status, l.teacher_id, l.substitute_teacher_id
      from lessons l
      where l.school_id = ${actor.schoolId} and l.class_id = ${key.classId} and l.subject_id = ${key.subjectId}
        and l.date between ${period.startsOn} and ${period.endsOn} and l.period_id = ${period.id} and ${groupCondition}
      order by l.date, l.lesson_number, l.id`),
    loadMembers(db, actor.schoolId, key, period.startsOn, period.endsOn),
  ]);
  const relation: JournalRelation = {
    isAdmin: context.isAdmin,
    isAssigned: context.isAssigned,
    isClassTeacher: context.isClassTeacher,
    leadsLessons: lessonRows.some((l) => l.teacher_id === actor.userId),
    substitutes: lessonRows.some((l) => l.substitute_teacher_id === actor.userId),
  };
  if (!canReadJournal(relation)) throw new AppError("not_found", "No such journal");
  if (!journalAbilities(relation).edit) throw new AppError("forbidden", "You may not enter marks in this journal");

  const middleNames = new Map(
    (
      await db.many<{ id: string; middle_name: string }>(
        sql`select id, middle_name from people where school_id = ${actor.schoolId} and id = any(${members.map((m) => m.id)}::uuid[])`,
      )
    ).map((p) => [p.id, p.middle_name]),
  );
  return {
    key,
    context: { ...context, period },
    settings,
    lessons: lessonRows.map((l) => ({
      id: l.id,
      date: l.date,
      lessonNumber: l.lesson_number,
      topic: l.topic,
      status: l.status,
      rights: cellRightsOf(actor.userId, relation, { teacherId: l.teacher_id, substituteId: l.substitute_teacher_id }),
    })),
    students: members.map((m) => ({ ...m, middleName: middleNames.get(m.id) ?? "" })),
  };
}

/** The saved cells of the journal's lessons, keyed `lessonId:studentId`. */
export async function loadJournalCells(db: Db, schoolId: string, lessonIds: readonly string[]): Promise<Map<string, JournalCell>> {
  if (lessonIds.length === 0) return new Map();
  const rows = await db.many<CellRow>(sql`
    select ${CELL_COLUMNS} from journal_cells c left join users cu on cu.id = c.updated_by
    where c.school_id = ${schoolId} and c.lesson_id = any(${lessonIds}::uuid[])`);
  return new Map(rows.map((r) => [`${r.lesson_id}:${r.student_id}`, cellView(r)]));
}
