/** Reads of dated lessons: a class's week, a teacher's, a student's (own subgroup), a child's, the school's day. */
import type { LessonChange, LessonView, WeekView } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { addDays, datesBetween, mondayOf } from "@otmetka/core/rules/timetable.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { schoolToday } from "../people/people.queries.ts";
import { findClassInfo, fullName } from "./timetable.refs.ts";

export interface LessonRow {
  id: string;
  date: string;
  lessonNumber: number;
  startsAt: string | null;
  endsAt: string | null;
  classId: string;
  className: string;
  shift: number;
  groupId: string | null;
  groupName: string | null;
  subjectId: string;
  subjectName: string;
  subjectShortName: string;
  teacherId: string;
  teacherName: string;
  substituteId: string | null;
  substituteName: string | null;
  room: string;
  roomChanged: boolean;
  status: "scheduled" | "cancelled";
  cancelReason: string;
  isExtra: boolean;
  topic: string;
  version: number;
  academicYearId: string;
  periodId: string;
  entryId: string | null;
  yearArchived: boolean;
}

const lessonColumns = sql`
  l.id, l.date, l.lesson_number as "lessonNumber", to_char(b.starts_at, 'HH24:MI') as "startsAt", to_char(b.ends_at, 'HH24:MI') as "endsAt",
  l.class_id as "classId", c.grade::text || c.letter as "className", c.shift, l.group_id as "groupId", g.name as "groupName",
  l.subject_id as "subjectId", s.name as "subjectName", s.short_name as "subjectShortName",
  l.teacher_id as "teacherId", ${fullName("t")} as "teacherName", l.substitute_teacher_id as "substituteId", ${fullName("st")} as "substituteName",
  l.room, l.room_changed as "roomChanged", l.status, l.cancel_reason as "cancelReason", l.is_extra as "isExtra", l.topic, l.version,
  l.academic_year_id as "academicYearId", l.period_id as "periodId", l.timetable_entry_id as "entryId", y.archived_at is not null as "yearArchived"`;

const lessonFrom = sql`
  lessons l
  join classes c on c.school_id = l.school_id and c.id = l.class_id
  join subjects s on s.school_id = l.school_id and s.id = l.subject_id
  join users t on t.id = l.teacher_id
  join academic_years y on y.school_id = l.school_id and y.id = l.academic_year_id
  left join users st on st.id = l.substitute_teacher_id
  left join class_groups g on g.school_id = l.school_id and g.id = l.group_id
  left join bell_times b on b.school_id = l.school_id and b.academic_year_id = l.academic_year_id and b.shift = c.shift and b.lesson_number = l.lesson_number`;

const lessonOrder = sql`order by l.date, l.lesson_number, c.grade, c.letter, g.name nulls first, s.name`;

export function toLessonView(actor: SchoolActor, row: LessonRow): LessonView {
  const changes: LessonChange[] = [];
  if (row.substituteId) changes.push("substitute");
  if (row.status === "cancelled") changes.push("cancelled");
  if (row.roomChanged) changes.push("room");
  if (row.isExtra) changes.push("extra");
  return {
    id: row.id,
    date: row.date,
    lessonNumber: row.lessonNumber,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    class: { id: row.classId, name: row.className },
    group: row.groupId ? { id: row.groupId, name: row.groupName ?? "" } : null,
    subject: { id: row.subjectId, name: row.subjectName, shortName: row.subjectShortName },
    teacher: { id: row.teacherId, displayName: row.teacherName },
    substitute: row.substituteId ? { id: row.substituteId, displayName: row.substituteName ?? "" } : null,
    room: row.room,
    status: row.status,
    cancelReason: row.cancelReason,
    isExtra: row.isExtra,
    topic: row.topic,
    changes,
    asSubstitute: row.substituteId === actor.userId,
    version: row.version,
    abilities: { change: hasRole(actor, "admin") && !row.yearArchived },
  };
}

export async function findLesson(db: Db, actor: SchoolActor, lessonId: string): Promise<LessonRow> {
  const row = await db.maybeOne<LessonRow>(
    sql`select ${lessonColumns} from ${lessonFrom} where l.school_id = ${actor.schoolId} and l.id = ${lessonId}`,
  );
  if (!row) throw new AppError("not_found", "Lesson not found");
  return row;
}

async function lessonsWhere(db: Db, actor: SchoolActor, where: Sql, joins: Sql = sql``): Promise<LessonRow[]> {
  return db.many<LessonRow>(sql`
    select ${lessonColumns} from ${lessonFrom} ${joins}
    where l.school_id = ${actor.schoolId} and ${where} ${lessonOrder} limit 5000`);
}

interface Week {
  from: string;
  to: string;
}

/** The 7 days from `from`, or from Monday of the school's current week. */
export async function weekOf(db: Db, actor: SchoolActor, from: string | undefined, now: Date): Promise<Week> {
  const first = from ?? mondayOf(await schoolToday(db, actor.schoolId, now));
  return { from: first, to: addDays(first, 6) };
}

/** Holidays of a grade in the week, one per date (a moved working day cancels a holiday on its date). */
async function daysOff(db: Db, actor: SchoolActor, grade: number, week: Week): Promise<WeekView["daysOff"]> {
  const rows = await db.many<{ kind: string; name: string; startsOn: string; endsOn: string }>(sql`
    select kind, name, starts_on as "startsOn", ends_on as "endsOn" from holidays
    where school_id = ${actor.schoolId} and grade_from <= ${grade} and ${grade} <= grade_to
      and starts_on <= ${week.to}::date and ${week.from}::date <= ends_on
    order by starts_on, name`);
  const on = (date: string, kind: string) => rows.find((r) => r.kind === kind && r.startsOn <= date && date <= r.endsOn);
  return datesBetween(week.from, week.to).flatMap((date) => {
    const holiday = on(date, "holiday");
    return holiday && !on(date, "working_day") ? [{ date, name: holiday.name }] : [];
  });
}

const inWeek = (week: Week) => sql`l.date between ${week.from}::date and ${week.to}::date`;

/** A class's week: admins and the school's teachers see any class of the school. */
export async function getClassWeek(db: Db, actor: SchoolActor, classId: string, week: Week): Promise<WeekView> {
  const cls = await findClassInfo(db, actor, classId);
  if (!cls) throw new AppError("not_found", "Class not found");
  const rows = await lessonsWhere(db, actor, sql`l.class_id = ${classId} and ${inWeek(week)}`);
  return {
    ...week,
    class: { id: cls.id, name: cls.name },
    lessons: rows.map((r) => toLessonView(actor, r)),
    daysOff: await daysOff(db, actor, cls.grade, week),
  };
}

/** The signed-in teacher's week: lessons they teach, and those they substitute (flagged). */
export async function getTeacherWeek(db: Db, actor: SchoolActor, week: Week): Promise<WeekView> {
  const rows = await lessonsWhere(
    db,
    actor,
    sql`(l.teacher_id = ${actor.userId} or l.substitute_teacher_id = ${actor.userId}) and ${inWeek(week)}`,
  );
  return { ...week, class: null, lessons: rows.map((r) => toLessonView(actor, r)), daysOff: [] };
}

/**
 * A student's week: lessons of the class they are enrolled in on each day, for the whole class
 * or their subgroup (a student in no subgroup sees every subgroup's lessons).
 */
export async function getStudentWeek(db: Db, actor: SchoolActor, personId: string, week: Week): Promise<WeekView> {
  const rows = await lessonsWhere(
    db,
    actor,
    inWeek(week),
    sql`join enrolments e on e.school_id = l.school_id and e.person_id = ${personId} and e.class_id = l.class_id
          and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date)
          and (l.group_id is null or e.group_id is null or l.group_id = e.group_id)`,
  );
  const cls = await db.maybeOne<{ id: string; name: string; grade: number }>(sql`
    select c.id, c.grade::text || c.letter as name, c.grade
    from enrolments e join classes c on c.school_id = e.school_id and c.id = e.class_id
    where e.school_id = ${actor.schoolId} and e.person_id = ${personId}
      and e.starts_on <= ${week.to}::date and (e.ends_on is null or e.ends_on >= ${week.from}::date)
    order by e.starts_on desc, e.id limit 1`);
  return {
    ...week,
    class: cls ? { id: cls.id, name: cls.name } : null,
    lessons: rows.map((r) => toLessonView(actor, r)),
    daysOff: cls ? await daysOff(db, actor, cls.grade, week) : [],
  };
}

/** The signed-in student's person record in the school; none linked → 404. */
export async function findOwnPersonId(db: Db, actor: SchoolActor): Promise<string> {
  const row = await db.maybeOne<{ id: string }>(sql`
    select id from people where school_id = ${actor.schoolId} and user_id = ${actor.userId} and archived_at is null`);
  if (!row) throw new AppError("not_found", "No student record is linked to this account");
  return row.id;
}

/** A child the signed-in parent is a confirmed guardian of; anyone else's child is "not found". */
export async function requireOwnChild(db: Db, actor: SchoolActor, studentId: string): Promise<void> {
  const row = await db.maybeOne(sql`
    select 1 from guardianships g join people p on p.school_id = g.school_id and p.id = g.person_id
    where g.school_id = ${actor.schoolId} and g.parent_user_id = ${actor.userId} and g.person_id = ${studentId}
      and g.archived_at is null and g.confirmed_at is not null and p.archived_at is null`);
  if (!row) throw new AppError("not_found", "Student not found");
}

/** Every lesson of the school on a day (or one class's), for the substitutions page. */
export async function getSchoolDay(db: Db, actor: SchoolActor, date: string, classId?: string): Promise<LessonView[]> {
  const rows = await lessonsWhere(db, actor, sql`l.date = ${date}::date ${classId ? sql`and l.class_id = ${classId}` : sql``}`);
  return rows.map((r) => toLessonView(actor, r));
}
