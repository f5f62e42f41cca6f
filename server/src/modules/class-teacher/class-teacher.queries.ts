import type { AbsenceRow, CompletionReport } from "@otmetka/core/contracts/class-teacher.ts";
import type { ClassRef } from "@otmetka/core/contracts/staff.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { hasRole } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import { addDays, className, invalidField, requireClass, schoolToday } from "../people/people.queries.ts";

/** Longest date range the class teacher's lists take at once. */
export const MAX_RANGE_DAYS = 366;

/** The class, when the actor leads it or is an admin; otherwise it does not exist for them. */
export async function requireLedClass(db: Db, actor: SchoolActor, classId: string): Promise<ClassRef> {
  const row = await requireClass(db, actor.schoolId, classId);
  if (!hasRole(actor, "admin") && row.class_teacher_id !== actor.userId) throw new AppError("not_found", "No such class");
  return { id: row.id, name: className(row) };
}

export function requireRange(from: string, to: string): void {
  if (addDays(from, MAX_RANGE_DAYS) < to) throw invalidField("to", "range_too_long", `The range is longer than ${MAX_RANGE_DAYS} days`);
}

/**
 * The first lesson date a teacher may still change: lessons before it are past the school's
 * edit window. Admins are never limited (null).
 */
export async function editableFrom(db: Db, actor: SchoolActor, now: Date): Promise<string | null> {
  if (hasRole(actor, "admin")) return null;
  const [today, settings] = await Promise.all([schoolToday(db, actor.schoolId, now), getSchoolSettings(db, actor.schoolId)]);
  return addDays(today, -settings.editWindowDays);
}

interface AbsenceDbRow {
  lesson_id: string;
  student_id: string;
  student_name: string;
  date: string;
  lesson_number: number;
  subject_id: string;
  subject_name: string;
  attendance: AbsenceRow["state"];
  late_minutes: number | null;
  comment: string;
  version: number;
}

export async function listAbsences(
  db: Db,
  actor: SchoolActor,
  classId: string,
  range: { from: string; to: string },
  now: Date,
): Promise<{ class: ClassRef; items: AbsenceRow[] }> {
  const cls = await requireLedClass(db, actor, classId);
  requireRange(range.from, range.to);
  const lockedBefore = await editableFrom(db, actor, now);
  const rows = await db.many<AbsenceDbRow>(sql`
    select c.lesson_id, c.student_id, p.last_name || ' ' || p.first_name as student_name, l.date, l.lesson_number,
           s.id as subject_id, s.name as subject_name, c.attendance, c.late_minutes, c.comment, c.version
    from lessons l
    join journal_cells c on c.school_id = l.school_id and c.lesson_id = l.id
    join people p on p.school_id = c.school_id and p.id = c.student_id
    join subjects s on s.school_id = l.school_id and s.id = l.subject_id
    where l.school_id = ${actor.schoolId} and l.class_id = ${classId} and l.date between ${range.from} and ${range.to}
      and c.attendance is not null
    order by l.date desc, l.lesson_number, p.last_name, p.first_name, p.id`);
  return {
    class: cls,
    items: rows.map((r) => ({
      lessonId: r.lesson_id,
      studentId: r.student_id,
      studentName: r.student_name,
      date: r.date,
      lessonNumber: r.lesson_number,
      subject: { id: r.subject_id, name: r.subject_name },
      state: r.attendance,
      lateMinutes: r.late_minutes,
      comment: r.comment,
      version: r.version,
      locked: lockedBefore !== null && r.date < lockedBefore,
    })),
  };
}

interface CompletionRow {
  lesson_id: string;
  date: string;
  lesson_number: number;
  subject_id: string;
  subject_name: string;
  teacher_id: string;
  teacher_name: string;
  no_topic: boolean;
  no_entries: boolean;
  no_homework: boolean;
}

const MAX_LISTED = 500;

/** Held lessons of the class in the range (up to today) and what each is missing. */
export async function completionReport(
  db: Db,
  actor: SchoolActor,
  classId: string,
  range: { from: string; to: string },
  now: Date,
): Promise<CompletionReport> {
  const cls = await requireLedClass(db, actor, classId);
  requireRange(range.from, range.to);
  const today = await schoolToday(db, actor.schoolId, now);
  // ISO dates order as strings; Math.min would turn them into NaN.
  const to = [range.to, today].sort()[0] ?? today;
  const rows = await db.many<CompletionRow>(sql`
    select l.id as lesson_id, l.date, l.lesson_number, s.id as subject_id, s.name as subject_name,
           u.id as teacher_id, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as teacher_name,
           l.topic = '' as no_topic,
           not exists (select 1 from journal_cells c where c.school_id = l.school_id and c.lesson_id = l.id) as no_entries,
           not exists (select 1 from homework h where h.school_id = l.school_id and h.lesson_id = l.id) as no_homework
    from lessons l
    join subjects s on s.school_id = l.school_id and s.id = l.subject_id
    join users u on u.id = coalesce(l.substitute_teacher_id, l.teacher_id)
    where l.school_id = ${actor.schoolId} and l.class_id = ${classId} and l.status = 'scheduled'
      and l.date between ${range.from} and ${to}
    order by l.date, l.lesson_number, s.name`);

  const teachers = new Map<string, CompletionReport["teachers"][number]>();
  const lessons: CompletionReport["lessons"] = [];
  for (const r of rows) {
    const key = `${r.teacher_id}:${r.subject_id}`;
    const t = teachers.get(key) ?? {
      teacher: { userId: r.teacher_id, displayName: r.teacher_name },
      subject: { id: r.subject_id, name: r.subject_name },
      lessons: 0,
      withoutTopic: 0,
      withoutEntries: 0,
      withoutHomework: 0,
    };
    t.lessons++;
    t.withoutTopic += Number(r.no_topic);
    t.withoutEntries += Number(r.no_entries);
    t.withoutHomework += Number(r.no_homework);
    teachers.set(key, t);
    const missing = [
      ...(r.no_topic ? (["topic"] as const) : []),
      ...(r.no_entries ? (["entries"] as const) : []),
      ...(r.no_homework ? (["homework"] as const) : []),
    ];
    if (missing.length > 0 && lessons.length < MAX_LISTED) {
      lessons.push({
        lessonId: r.lesson_id,
        date: r.date,
        lessonNumber: r.lesson_number,
        subject: { id: r.subject_id, name: r.subject_name },
        teacher: { userId: r.teacher_id, displayName: r.teacher_name },
        missing,
      });
    }
  }
  const gaps = (t: CompletionReport["teachers"][number]) => t.withoutTopic + t.withoutEntries + t.withoutHomework;
  return {
    class: cls,
    from: range.from,
    to: range.to,
    lessons,
    teachers: [...teachers.values()].sort((a, b) => gaps(b) - gaps(a) || a.teacher.displayName.localeCompare(b.teacher.displayName, "ru")),
  };
}
