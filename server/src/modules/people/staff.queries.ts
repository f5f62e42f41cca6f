import type { ClassRef, StaffMember, StaffRole } from "@otmetka/core/contracts/staff.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { staffAbilities } from "./people.policy.ts";

interface StaffRow {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string;
  email: string | null;
  phone: string | null;
  invited: boolean;
  roles: StaffRole[] | null;
  other_schools: number;
  class_teacher_of: ClassRef[];
}

export interface StaffFilter {
  role?: StaffRole | undefined;
  includeArchived?: boolean;
  userId?: string;
}

/** Admins and teachers of the actor's school (former ones too when asked), by name. */
export async function listStaff(db: Db, actor: SchoolActor, filter: StaffFilter = {}): Promise<StaffMember[]> {
  const schoolId = actor.schoolId;
  const rows = await db.many<StaffRow>(sql`
    select u.id, u.last_name, u.first_name, u.middle_name, u.email, u.phone, u.password_hash is null as invited,
           array_agg(m.role order by m.role) filter (where m.archived_at is null) as roles,
           (select count(distinct o.school_id) from memberships o
             where o.user_id = u.id and o.school_id <> ${schoolId} and o.archived_at is null) as other_schools,
           (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.grade::text || c.letter) order by c.grade, c.letter), '[]'::json)
              from classes c where c.school_id = ${schoolId} and c.class_teacher_id = u.id and c.archived_at is null) as class_teacher_of
    from memberships m join users u on u.id = m.user_id
    where m.school_id = ${schoolId} and m.role in ('admin', 'teacher')
      ${filter.userId ? sql`and u.id = ${filter.userId}` : sql``}
    group by u.id
    having true
      ${filter.includeArchived ? sql`` : sql`and bool_or(m.archived_at is null)`}
      ${filter.role ? sql`and bool_or(m.role = ${filter.role} and m.archived_at is null)` : sql``}
    order by u.last_name, u.first_name, u.middle_name, u.id`);
  return rows.map((r) => toStaffMember(actor, r));
}

function toStaffMember(actor: SchoolActor, r: StaffRow): StaffMember {
  const roles = r.roles ?? [];
  const archived = roles.length === 0;
  return {
    userId: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    middleName: r.middle_name,
    displayName: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(" "),
    email: r.email,
    phone: r.phone,
    roles,
    invited: r.invited,
    archived,
    classTeacherOf: r.class_teacher_of,
    abilities: staffAbilities(actor, { userId: r.id, archived, invited: r.invited, otherSchools: r.other_schools }),
  };
}

/** One staff member of the school, former ones included; anyone else (another school's too) is 404. */
export async function getStaffMember(db: Db, actor: SchoolActor, userId: string): Promise<StaffMember> {
  const [member] = await listStaff(db, actor, { userId, includeArchived: true });
  if (!member) throw new AppError("not_found", "No such staff member");
  return member;
}
