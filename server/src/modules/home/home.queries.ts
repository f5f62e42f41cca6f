import type { ClassSizes, MyChild, MyChildren, MyStudentProfile, SchoolContact } from "@otmetka/core/contracts/home.ts";
import type { Relation } from "@otmetka/core/contracts/people.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { Actor, SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";

/** Today's date in each school's own time zone, as SQL (schools are aliased `s`). */
const schoolToday = (now: Date) => sql`(${now.toISOString()}::timestamptz at time zone s.time_zone)::date`;

interface PlacementRow {
  person_id: string;
  display_name: string;
  school_id: string;
  short_name: string;
  address: string;
  class_id: string | null;
  class_name: string | null;
  class_teacher_id: string | null;
  class_teacher_name: string | null;
}

/**
 * A student's current class and class teacher: the enrolment holding today in the school's
 * time zone (the latest one, should two overlap). Joins people `p` and schools `s`.
 */
const placementJoins = (now: Date) => sql`
  left join lateral (
    select e.class_id from enrolments e
    where e.school_id = p.school_id and e.person_id = p.id
      and e.starts_on <= ${schoolToday(now)} and (e.ends_on is null or e.ends_on >= ${schoolToday(now)})
    order by e.starts_on desc, e.id limit 1) e on true
  left join classes c on c.school_id = p.school_id and c.id = e.class_id
  left join users ct on ct.id = c.class_teacher_id`;

const placementColumns = sql`
  p.id as person_id, trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as display_name,
  s.id as school_id, s.short_name, s.address,
  c.id as class_id, c.grade::text || c.letter as class_name,
  ct.id as class_teacher_id, trim(ct.last_name || ' ' || ct.first_name || ' ' || ct.middle_name) as class_teacher_name`;

function placementOf(r: PlacementRow) {
  return {
    personId: r.person_id,
    displayName: r.display_name,
    school: { id: r.school_id, shortName: r.short_name, address: r.address },
    class: r.class_id ? { id: r.class_id, name: r.class_name ?? "" } : null,
    classTeacher: r.class_teacher_id ? { userId: r.class_teacher_id, displayName: r.class_teacher_name ?? "" } : null,
  };
}

/**
 * The user's own children: confirmed, active guardianships of students still at school, in
 * every school (a family may have children in two). Scoped by the user alone — a guardianship
 * is the user's own data — so it serves a parent and a user with no school yet alike.
 */
export async function getMyChildren(db: Db, actor: Actor, now: Date): Promise<MyChildren> {
  const rows = await db.many<PlacementRow & { relation: Relation }>(sql`
    select ${placementColumns}, g.relation
    from guardianships g
      join people p on p.school_id = g.school_id and p.id = g.person_id
      join schools s on s.id = g.school_id
      ${placementJoins(now)}
    where g.parent_user_id = ${actor.userId} and g.archived_at is null and g.confirmed_at is not null
      and p.archived_at is null and s.archived_at is null
    order by lower(p.last_name), lower(p.first_name), lower(p.middle_name), s.short_name, p.id`);
  const children: MyChild[] = rows.map((r) => ({ ...placementOf(r), relation: r.relation }));
  const schools = await db.many<SchoolContact>(sql`
    select s.id, s.short_name as "shortName", s.address
    from memberships m join schools s on s.id = m.school_id
    where m.user_id = ${actor.userId} and m.role = 'parent' and m.archived_at is null and s.archived_at is null
    order by s.short_name, s.id`);
  return { children, schools };
}

/** The signed-in student's own person record in the current school; none linked → 404. */
export async function getMyStudentProfile(db: Db, actor: SchoolActor, now: Date): Promise<MyStudentProfile> {
  const row = await db.maybeOne<PlacementRow & { today: string }>(sql`
    select ${placementColumns}, ${schoolToday(now)}::text as today
    from people p
      join schools s on s.id = p.school_id
      ${placementJoins(now)}
    where p.school_id = ${actor.schoolId} and p.user_id = ${actor.userId} and p.archived_at is null`);
  if (!row) throw new AppError("not_found", "No student record is linked to this account");
  return { ...placementOf(row), today: row.today };
}

/** Students enrolled today in each active class the teacher teaches or leads. */
export async function getMyClassSizes(db: Db, actor: SchoolActor, now: Date): Promise<ClassSizes> {
  const items = await db.many<{ classId: string; studentCount: number }>(sql`
    select c.id as "classId",
           (select count(distinct e.person_id) from enrolments e join people p on p.school_id = e.school_id and p.id = e.person_id
            where e.school_id = c.school_id and e.class_id = c.id and p.archived_at is null
              and e.starts_on <= ${schoolToday(now)} and (e.ends_on is null or e.ends_on >= ${schoolToday(now)}))::int as "studentCount"
    from classes c join schools s on s.id = c.school_id
    where c.school_id = ${actor.schoolId} and c.archived_at is null
      and (c.class_teacher_id = ${actor.userId}
           or exists (select 1 from teaching_assignments a
                      where a.school_id = c.school_id and a.class_id = c.id and a.teacher_id = ${actor.userId} and a.archived_at is null))
    order by c.grade, c.letter, c.id`);
  return { items };
}
