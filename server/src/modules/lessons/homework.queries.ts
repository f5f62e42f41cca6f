/**
 * Reading homework: its files, the students it is for (with their done/checked marks) and the
 * СанПиН load of its due day. A student of homework is one enrolled in its class (and subgroup)
 * at some time between the lesson it was given at and the day it is due.
 */
import type { FileRef } from "@otmetka/core/contracts/files.ts";
import type { Homework, HomeworkStudentStatus, HomeworkWarning } from "@otmetka/core/contracts/lessons.ts";
import { dailyHomeworkMinutes, homeworkLimitMinutes } from "@otmetka/core/rules/homework.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { fullName } from "./lesson-access.ts";

export interface HomeworkRow {
  id: string;
  lesson_id: string;
  class_id: string;
  group_id: string | null;
  subject_id: string;
  subject_name: string;
  given_on: string;
  grade: number;
  text: string;
  due_on: string;
  due_lesson_id: string | null;
  due_lesson_date: string | null;
  due_lesson_number: number | null;
  expected_minutes: number | null;
  created_by: string;
  created_by_name: string;
  teacher_id: string;
  teacher_name: string;
  updated_at: Date | string;
  version: number;
}

/** Whose marks a reader sees: every student's (the journal's teachers) or only these. */
export type StudentScope = { all: true } | { all: false; studentIds: readonly string[] };

export const isoTime = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Homework of the school matching a condition on `h` (homework) or `l` (the lesson it was given at). */
export async function homeworkRows(db: Db, schoolId: string, where: Sql, orderBy = sql`h.created_at, h.id`): Promise<HomeworkRow[]> {
  return db.many<HomeworkRow>(sql`
    select h.id, h.lesson_id, h.class_id, h.group_id, h.subject_id, s.name as subject_name, l.date as given_on, c.grade,
           h.text, h.due_on, h.due_lesson_id, dl.date as due_lesson_date, dl.lesson_number as due_lesson_number,
           h.expected_minutes, h.created_by, ${fullName("cb")} as created_by_name,
           coalesce(l.substitute_teacher_id, l.teacher_id) as teacher_id, ${fullName("t")} as teacher_name,
           h.updated_at, h.version
    from homework h
      join lessons l on l.school_id = h.school_id and l.id = h.lesson_id
      join classes c on c.school_id = h.school_id and c.id = h.class_id
      join subjects s on s.school_id = h.school_id and s.id = h.subject_id
      join users cb on cb.id = h.created_by
      join users t on t.id = coalesce(l.substitute_teacher_id, l.teacher_id)
      left join lessons dl on dl.school_id = h.school_id and dl.id = h.due_lesson_id
    where h.school_id = ${schoolId} and ${where}
    order by ${orderBy}`);
}

export async function filesOfHomework(db: Db, schoolId: string, homeworkIds: readonly string[]): Promise<Map<string, FileRef[]>> {
  const byHomework = new Map<string, FileRef[]>();
  if (homeworkIds.length === 0) return byHomework;
  const rows = await db.many<FileRef & { homework_id: string }>(sql`
    select hf.homework_id, f.id, f.name, f.media_type as "mediaType", f.size
    from homework_files hf join files f on f.school_id = hf.school_id and f.id = hf.file_id
    where hf.school_id = ${schoolId} and hf.homework_id = any(${homeworkIds}::uuid[])
    order by lower(f.name), f.id`);
  for (const { homework_id, ...file } of rows) byHomework.set(homework_id, [...(byHomework.get(homework_id) ?? []), file]);
  return byHomework;
}

/** The students of each homework in scope, by name, with their marks. */
export async function studentsOfHomework(
  db: Db,
  schoolId: string,
  homeworkIds: readonly string[],
  scope: StudentScope,
): Promise<Map<string, HomeworkStudentStatus[]>> {
  const byHomework = new Map<string, HomeworkStudentStatus[]>();
  if (homeworkIds.length === 0 || (!scope.all && scope.studentIds.length === 0)) return byHomework;
  const rows = await db.many<{
    homework_id: string;
    student_id: string;
    display_name: string;
    done_at: Date | null;
    checked_at: Date | null;
    checked_by: string | null;
    checked_by_name: string | null;
    comment: string | null;
  }>(sql`
    select h.id as homework_id, p.id as student_id, trim(p.last_name || ' ' || p.first_name) as display_name,
           hs.done_at, hs.checked_at, hs.checked_by, ${fullName("cu")} as checked_by_name, hs.teacher_comment as comment
    from homework h
      join lessons l on l.school_id = h.school_id and l.id = h.lesson_id
      join lateral (select distinct e.person_id from enrolments e
                    where e.school_id = h.school_id and e.class_id = h.class_id and (h.group_id is null or e.group_id = h.group_id)
                      and e.starts_on <= h.due_on and (e.ends_on is null or e.ends_on >= l.date)) e on true
      join people p on p.school_id = h.school_id and p.id = e.person_id and p.archived_at is null
      left join homework_status hs on hs.school_id = h.school_id and hs.homework_id = h.id and hs.student_id = p.id
      left join users cu on cu.id = hs.checked_by
    where h.school_id = ${schoolId} and h.id = any(${homeworkIds}::uuid[])
      ${scope.all ? sql`` : sql`and p.id = any(${scope.studentIds}::uuid[])`}
    order by lower(p.last_name), lower(p.first_name), p.id`);
  for (const r of rows) {
    const status: HomeworkStudentStatus = {
      student: { id: r.student_id, displayName: r.display_name },
      doneAt: isoTime(r.done_at),
      checkedAt: isoTime(r.checked_at),
      checkedBy: r.checked_by ? { userId: r.checked_by, displayName: r.checked_by_name ?? "" } : null,
      comment: r.comment ?? "",
    };
    byHomework.set(r.homework_id, [...(byHomework.get(r.homework_id) ?? []), status]);
  }
  return byHomework;
}

/** `p` (people) is a student of homework `h` given at lesson `l`. */
export const studentOfHomework = sql`exists (select 1 from enrolments e
  where e.school_id = h.school_id and e.person_id = p.id and e.class_id = h.class_id
    and (h.group_id is null or e.group_id = h.group_id)
    and e.starts_on <= h.due_on and (e.ends_on is null or e.ends_on >= l.date))`;

/** The СанПиН warning for a class's homework due on a day, or null within the limit. */
export async function loadWarning(
  db: Db,
  schoolId: string,
  classId: string,
  grade: number,
  dueOn: string,
): Promise<HomeworkWarning | null> {
  const items = await db.many<{ groupId: string | null; minutes: number }>(sql`
    select group_id as "groupId", expected_minutes as minutes from homework
    where school_id = ${schoolId} and class_id = ${classId} and due_on = ${dueOn} and expected_minutes is not null`);
  const totalMinutes = dailyHomeworkMinutes(items);
  const limitMinutes = homeworkLimitMinutes(grade);
  return totalMinutes > limitMinutes ? { code: "sanpin_daily_limit", dueOn, grade, totalMinutes, limitMinutes } : null;
}

/** Full homework views; warnings only when asked (the journal's teachers see them). */
export async function homeworkViews(
  db: Db,
  schoolId: string,
  rows: readonly HomeworkRow[],
  options: { scope: StudentScope; withWarnings: boolean },
): Promise<Homework[]> {
  const ids = rows.map((r) => r.id);
  const files = await filesOfHomework(db, schoolId, ids);
  const students = await studentsOfHomework(db, schoolId, ids, options.scope);
  const warnings = new Map<string, HomeworkWarning | null>();
  if (options.withWarnings) {
    for (const r of rows) {
      const key = `${r.class_id}|${r.due_on}`;
      if (!warnings.has(key)) warnings.set(key, await loadWarning(db, schoolId, r.class_id, r.grade, r.due_on));
    }
  }
  return rows.map((r) => {
    const warning = warnings.get(`${r.class_id}|${r.due_on}`);
    return {
      id: r.id,
      lessonId: r.lesson_id,
      givenOn: r.given_on,
      subject: { id: r.subject_id, name: r.subject_name },
      text: r.text,
      files: files.get(r.id) ?? [],
      dueOn: r.due_on,
      dueLesson:
        r.due_lesson_id && r.due_lesson_date
          ? { id: r.due_lesson_id, date: r.due_lesson_date, lessonNumber: r.due_lesson_number ?? 0 }
          : null,
      expectedMinutes: r.expected_minutes,
      createdBy: { userId: r.created_by, displayName: r.created_by_name },
      updatedAt: isoTime(r.updated_at) ?? "",
      version: r.version,
      warnings: warning ? [warning] : [],
      students: students.get(r.id) ?? [],
    };
  });
}
