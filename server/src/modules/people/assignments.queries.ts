import type { ClassRef, MyTeaching, TeachingAssignmentView } from "@otmetka/core/contracts/staff.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { assignmentAbilities } from "./people.policy.ts";

interface AssignmentRow {
  id: string;
  teacher_id: string;
  teacher_name: string;
  class_id: string;
  class_name: string;
  group_id: string | null;
  group_name: string | null;
  subject_id: string;
  subject_name: string;
  subject_short_name: string;
  archived: boolean;
}

export interface AssignmentFilter {
  classId?: string | undefined;
  teacherId?: string | undefined;
  includeArchived?: boolean;
  id?: string;
}

/** Teaching assignments of the actor's school, ordered by class, subject, group and teacher. */
export async function listAssignments(db: Db, actor: SchoolActor, filter: AssignmentFilter): Promise<TeachingAssignmentView[]> {
  const conditions: Sql[] = [sql`a.school_id = ${actor.schoolId}`];
  if (filter.id) conditions.push(sql`a.id = ${filter.id}`);
  if (filter.classId) conditions.push(sql`a.class_id = ${filter.classId}`);
  if (filter.teacherId) conditions.push(sql`a.teacher_id = ${filter.teacherId}`);
  if (!filter.includeArchived) conditions.push(sql`a.archived_at is null`);
  const rows = await db.many<AssignmentRow>(sql`
    select a.id, a.teacher_id, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as teacher_name,
           a.class_id, c.grade::text || c.letter as class_name, a.group_id, g.name as group_name,
           a.subject_id, s.name as subject_name, s.short_name as subject_short_name, a.archived_at is not null as archived
    from teaching_assignments a
      join users u on u.id = a.teacher_id
      join classes c on c.school_id = a.school_id and c.id = a.class_id
      join subjects s on s.school_id = a.school_id and s.id = a.subject_id
      left join class_groups g on g.school_id = a.school_id and g.id = a.group_id
    where ${sql.join(conditions, " and ")}
    order by c.grade, c.letter, s.name, g.name nulls first, u.last_name, u.first_name, a.id`);
  return rows.map((r) => ({
    id: r.id,
    teacher: { userId: r.teacher_id, displayName: r.teacher_name },
    class: { id: r.class_id, name: r.class_name },
    group: r.group_id ? { id: r.group_id, name: r.group_name ?? "" } : null,
    subject: { id: r.subject_id, name: r.subject_name, shortName: r.subject_short_name },
    archived: r.archived,
    abilities: assignmentAbilities(actor, { archived: r.archived }),
  }));
}

export async function getAssignment(db: Db, actor: SchoolActor, id: string): Promise<TeachingAssignmentView> {
  const [view] = await listAssignments(db, actor, { id, includeArchived: true });
  if (!view) throw new AppError("not_found", "No such teaching assignment");
  return view;
}

/** The signed-in teacher's own assignments (classes still active) and the classes they lead. */
export async function getMyTeaching(db: Db, actor: SchoolActor): Promise<MyTeaching> {
  const assignments = await listAssignments(db, actor, { teacherId: actor.userId });
  const classesLed = await db.many<ClassRef>(sql`
    select id, grade::text || letter as name from classes
    where school_id = ${actor.schoolId} and class_teacher_id = ${actor.userId} and archived_at is null
    order by grade, letter`);
  return { assignments, classesLed };
}
