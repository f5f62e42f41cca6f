import type { Roster } from "@otmetka/core/contracts/people.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { canReadRoster } from "./people.policy.ts";

/**
 * Students enrolled in a class on a date. An admin reads any class of the school; a teacher the
 * classes they lead or teach. Any other class — or another school's — is "not found".
 */
export async function getRoster(db: Db, actor: SchoolActor, classId: string, date: string): Promise<Roster> {
  const cls = await db.maybeOne<{
    id: string;
    grade: number;
    letter: string;
    class_teacher_id: string | null;
    class_teacher_name: string | null;
    taught_by_actor: boolean;
  }>(sql`
    select c.id, c.grade, c.letter, c.class_teacher_id,
           trim(ct.last_name || ' ' || ct.first_name || ' ' || ct.middle_name) as class_teacher_name,
           exists (select 1 from teaching_assignments a
                   where a.school_id = c.school_id and a.class_id = c.id and a.teacher_id = ${actor.userId} and a.archived_at is null) as taught_by_actor
    from classes c left join users ct on ct.id = c.class_teacher_id
    where c.school_id = ${actor.schoolId} and c.id = ${classId}`);
  if (!cls || !canReadRoster(actor, { classTeacherId: cls.class_teacher_id, taughtByActor: cls.taught_by_actor })) {
    throw new AppError("not_found", "No such class");
  }
  const groups = await db.many<{ id: string; name: string }>(sql`
    select id, name from class_groups where school_id = ${actor.schoolId} and class_id = ${classId} and archived_at is null order by name, id`);
  const students = await db.many<{
    person_id: string;
    display_name: string;
    group_id: string | null;
    group_name: string | null;
    starts_on: string;
    ends_on: string | null;
  }>(sql`
    select p.id as person_id, trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as display_name,
           e.group_id, g.name as group_name, e.starts_on, e.ends_on
    from enrolments e
      join people p on p.school_id = e.school_id and p.id = e.person_id
      left join class_groups g on g.school_id = e.school_id and g.id = e.group_id
    where e.school_id = ${actor.schoolId} and e.class_id = ${classId}
      and e.starts_on <= ${date} and (e.ends_on is null or e.ends_on >= ${date})
    order by lower(p.last_name), lower(p.first_name), lower(p.middle_name), p.id`);
  return {
    class: {
      id: cls.id,
      name: `${cls.grade}${cls.letter}`,
      grade: cls.grade,
      letter: cls.letter,
      classTeacher: cls.class_teacher_id ? { userId: cls.class_teacher_id, displayName: cls.class_teacher_name ?? "" } : null,
      groups,
    },
    date,
    students: students.map((s) => ({
      personId: s.person_id,
      displayName: s.display_name,
      group: s.group_id ? { id: s.group_id, name: s.group_name ?? "" } : null,
      startsOn: s.starts_on,
      endsOn: s.ends_on,
    })),
  };
}
