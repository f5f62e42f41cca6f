import { HOMEWORK_RANGE_MAX_DAYS, type StudentHomeworkList } from "@otmetka/core/contracts/lessons.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { invalidField } from "../people/people.queries.ts";
import { filesOfHomework, homeworkRows, studentOfHomework, studentsOfHomework } from "./homework.queries.ts";

const DAY_MS = 86_400_000;

/**
 * Whose homework the caller reads: a student their own (people.user_id), a parent a confirmed
 * child named by `studentId`. Anyone else's is 404.
 */
async function resolveStudent(
  db: Db,
  actor: SchoolActor,
  studentId: string | undefined,
): Promise<{ id: string; displayName: string; own: boolean }> {
  const row = await db.maybeOne<{ id: string; display_name: string; own: boolean }>(sql`
    select p.id, trim(p.last_name || ' ' || p.first_name) as display_name, p.user_id is not distinct from ${actor.userId}::uuid as own
    from people p
    where p.school_id = ${actor.schoolId} and p.archived_at is null
      and ${studentId ? sql`p.id = ${studentId}` : sql`p.user_id = ${actor.userId}`}
      and ((${hasRole(actor, "student")} and p.user_id = ${actor.userId})
           or (${hasRole(actor, "parent")} and exists (select 1 from guardianships g
                where g.school_id = p.school_id and g.person_id = p.id and g.parent_user_id = ${actor.userId}
                  and g.archived_at is null and g.confirmed_at is not null)))`);
  if (row) return { id: row.id, displayName: row.display_name, own: row.own };
  if (!studentId && !hasRole(actor, "student"))
    throw invalidField("studentId", "student_required", "Name the child whose homework to show");
  throw new AppError("not_found", "No such student");
}

/** A student's homework due between two days, by due day and subject, with their own marks. */
export async function getStudentHomework(
  db: Db,
  actor: SchoolActor,
  query: { from: string; to: string; studentId?: string | undefined },
): Promise<StudentHomeworkList> {
  if (query.from > query.to) throw invalidField("to", "range_reversed", "The range ends before it starts");
  if ((Date.parse(query.to) - Date.parse(query.from)) / DAY_MS >= HOMEWORK_RANGE_MAX_DAYS) {
    throw invalidField("to", "range_too_long", `Ask for at most ${HOMEWORK_RANGE_MAX_DAYS} days at a time`);
  }
  const student = await resolveStudent(db, actor, query.studentId);
  const rows = await homeworkRows(
    db,
    actor.schoolId,
    sql`h.due_on between ${query.from} and ${query.to}
        and exists (select 1 from people p where p.school_id = h.school_id and p.id = ${student.id} and ${studentOfHomework})`,
    sql`h.due_on, lower(s.name), h.created_at, h.id`,
  );
  const ids = rows.map((r) => r.id);
  const files = await filesOfHomework(db, actor.schoolId, ids);
  const statuses = await studentsOfHomework(db, actor.schoolId, ids, { all: false, studentIds: [student.id] });
  return {
    student: { id: student.id, displayName: student.displayName },
    from: query.from,
    to: query.to,
    items: rows.map((r) => {
      const status = statuses.get(r.id)?.[0];
      return {
        id: r.id,
        lessonId: r.lesson_id,
        subject: { id: r.subject_id, name: r.subject_name },
        givenOn: r.given_on,
        dueOn: r.due_on,
        dueLessonNumber: r.due_lesson_number,
        text: r.text,
        files: files.get(r.id) ?? [],
        expectedMinutes: r.expected_minutes,
        teacher: { userId: r.teacher_id, displayName: r.teacher_name },
        doneAt: status?.doneAt ?? null,
        checkedAt: status?.checkedAt ?? null,
        teacherComment: status?.comment ?? "",
      };
    }),
    canMarkDone: student.own && hasRole(actor, "student"),
  };
}
