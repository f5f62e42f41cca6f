import type { Role } from "@otmetka/core/contracts/common.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import type { LiveScope } from "./live.policy.ts";

/**
 * The live scope of a signed-in user in their session's school, read afresh: a stream calls this
 * when it opens and again every minute, so a new class, a confirmed child or a revoked session
 * takes effect without a reconnect. Null when the session has ended (sign-out, expiry, a blocked
 * user) or moved to another school: the stream then closes.
 */
export async function loadLiveScope(db: Db, actor: Actor, now: Date): Promise<LiveScope | null> {
  const session = await db.maybeOne<{ school_id: string | null; roles: Role[] }>(sql`
    select s.school_id,
           coalesce(array_agg(m.role) filter (where m.role is not null), '{}') as roles
    from sessions s
      join users u on u.id = s.user_id
      left join memberships m on m.school_id = s.school_id and m.user_id = s.user_id and m.archived_at is null
    where s.id_hash = ${actor.sessionIdHash} and s.revoked_at is null and s.expires_at > ${now.toISOString()}
      and not s.mfa_pending and u.status = 'active'
    group by s.school_id`);
  if (!session || session.school_id !== actor.schoolId) return null;
  const schoolId = session.school_id;
  const roles = new Set(session.roles);
  const scope: LiveScope = {
    schoolId,
    everything: roles.has("admin"),
    classes: new Set(),
    lessons: new Set(),
    students: new Set(),
    familyClasses: new Set(),
    isTeacher: roles.has("teacher"),
  };
  if (schoolId === null || scope.everything || !(roles.has("teacher") || roles.has("student") || roles.has("parent"))) return scope;

  const isTeacher = roles.has("teacher");
  const u = actor.userId;
  const rows = await db.many<{ kind: "class" | "lesson" | "student" | "family_class"; id: string }>(sql`
    with taught as (
      select ta.class_id from teaching_assignments ta
      where ta.school_id = ${schoolId} and ta.teacher_id = ${u} and ta.archived_at is null and ${isTeacher}
      union
      select c.id from classes c
      where c.school_id = ${schoolId} and c.class_teacher_id = ${u} and c.archived_at is null and ${isTeacher}
    ),
    family as (
      select p.id from people p
      where p.school_id = ${schoolId} and p.user_id = ${u} and p.archived_at is null and ${roles.has("student")}
      union
      select g.person_id from guardianships g
      where g.school_id = ${schoolId} and g.parent_user_id = ${u} and g.archived_at is null
        and g.confirmed_at is not null and ${roles.has("parent")}
    )
    select 'class' as kind, class_id as id from taught
    union all
    select 'lesson', l.id from lessons l
    where l.school_id = ${schoolId} and (l.teacher_id = ${u} or l.substitute_teacher_id = ${u}) and ${isTeacher}
      and l.class_id not in (select class_id from taught)
    union all
    select 'student', id from family
    union all
    select distinct 'family_class', e.class_id from enrolments e
    where e.school_id = ${schoolId} and e.person_id in (select id from family)
      and (e.ends_on is null
           or e.ends_on >= (select (${now.toISOString()}::timestamptz at time zone sc.time_zone)::date from schools sc where sc.id = ${schoolId}))`);
  const sets = { class: scope.classes, lesson: scope.lessons, student: scope.students, family_class: scope.familyClasses };
  for (const r of rows) (sets[r.kind] as Set<string>).add(r.id);
  return scope;
}
