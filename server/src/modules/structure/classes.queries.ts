import type { UserRef } from "@otmetka/core/contracts/school.ts";
import type { ClassGroupView, ClassView } from "@otmetka/core/contracts/structure.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { empty, type Sql, sql } from "../../platform/db/sql.ts";
import { archivableAbilities } from "./structure.policy.ts";

/** A class as stored, with what its view needs; `yearArchived` freezes it. */
export interface ClassRow {
  id: string;
  academicYearId: string;
  academicYearName: string;
  grade: number;
  letter: string;
  shift: number;
  classTeacherId: string | null;
  classTeacherName: string | null;
  archived: boolean;
  yearArchived: boolean;
}

export interface GroupRow {
  id: string;
  classId: string;
  name: string;
  archived: boolean;
  /** The class or its year is archived. */
  classFrozen: boolean;
}

/** What the audit log records of a class. */
export const classAudit = (c: ClassRow) => ({
  academicYearId: c.academicYearId,
  grade: c.grade,
  letter: c.letter,
  shift: c.shift,
  classTeacherId: c.classTeacherId,
  archived: c.archived,
});

export const groupAudit = (g: GroupRow) => ({ classId: g.classId, name: g.name, archived: g.archived });

const classSelect = sql`
  select c.id, c.academic_year_id as "academicYearId", y.name as "academicYearName", c.grade, c.letter, c.shift,
         c.class_teacher_id as "classTeacherId",
         case when u.id is null then null else trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) end as "classTeacherName",
         c.archived_at is not null as archived, y.archived_at is not null as "yearArchived"
  from classes c
  join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id
  left join users u on u.id = c.class_teacher_id`;

const groupSelect = sql`
  select g.id, g.class_id as "classId", g.name, g.archived_at is not null as archived,
         (c.archived_at is not null or y.archived_at is not null) as "classFrozen"
  from class_groups g
  join classes c on c.school_id = g.school_id and c.id = g.class_id
  join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id`;

export function toGroupView(actor: SchoolActor, g: GroupRow): ClassGroupView {
  return {
    id: g.id,
    classId: g.classId,
    name: g.name,
    archived: g.archived,
    abilities: archivableAbilities(actor, { archived: g.archived, frozen: g.classFrozen }),
  };
}

export function toClassView(actor: SchoolActor, c: ClassRow, groups: GroupRow[]): ClassView {
  return {
    id: c.id,
    academicYearId: c.academicYearId,
    academicYearName: c.academicYearName,
    grade: c.grade,
    letter: c.letter,
    name: `${c.grade}${c.letter}`,
    shift: c.shift,
    classTeacher: c.classTeacherId && c.classTeacherName !== null ? { id: c.classTeacherId, displayName: c.classTeacherName } : null,
    groups: groups.filter((g) => g.classId === c.id).map((g) => toGroupView(actor, g)),
    archived: c.archived,
    abilities: archivableAbilities(actor, { archived: c.archived, frozen: c.yearArchived }),
  };
}

/**
 * Classes of the school, newest year first, then by grade and letter. Teachers read them all:
 * they need the list for the timetable and substitutions. Without `includeArchived`, archived
 * classes are hidden, and so are classes of archived years unless that year is asked for.
 */
export async function listClasses(
  db: Db,
  actor: SchoolActor,
  filter: { academicYearId?: string; includeArchived: boolean },
): Promise<ClassRow[]> {
  const conditions: Sql[] = [sql`c.school_id = ${actor.schoolId}`];
  if (filter.academicYearId) conditions.push(sql`c.academic_year_id = ${filter.academicYearId}`);
  if (!filter.includeArchived) conditions.push(sql`c.archived_at is null`);
  if (!filter.includeArchived && !filter.academicYearId) conditions.push(sql`y.archived_at is null`);
  return db.many<ClassRow>(sql`${classSelect} where ${sql.join(conditions, " and ")} order by y.starts_on desc, c.grade, c.letter`);
}

export async function findClass(db: Db, actor: SchoolActor, classId: string): Promise<ClassRow> {
  const row = await db.maybeOne<ClassRow>(sql`${classSelect} where c.school_id = ${actor.schoolId} and c.id = ${classId}`);
  if (!row) throw new AppError("not_found", "Class not found");
  return row;
}

export async function listGroupsOf(db: Db, actor: SchoolActor, classIds: string[], includeArchived: boolean): Promise<GroupRow[]> {
  if (classIds.length === 0) return [];
  return db.many<GroupRow>(sql`
    ${groupSelect}
    where g.school_id = ${actor.schoolId} and g.class_id = any(${classIds}::uuid[]) ${includeArchived ? empty : sql`and g.archived_at is null`}
    order by g.archived_at is not null, lower(g.name)`);
}

export async function findGroup(db: Db, actor: SchoolActor, groupId: string): Promise<GroupRow> {
  const row = await db.maybeOne<GroupRow>(sql`${groupSelect} where g.school_id = ${actor.schoolId} and g.id = ${groupId}`);
  if (!row) throw new AppError("not_found", "Subgroup not found");
  return row;
}

/** Users with an active teacher membership in the school: who may be named class teacher. */
export async function listClassTeacherCandidates(db: Db, actor: SchoolActor): Promise<UserRef[]> {
  return db.many<UserRef>(sql`
    select u.id, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as "displayName"
    from memberships m join users u on u.id = m.user_id
    where m.school_id = ${actor.schoolId} and m.role = 'teacher' and m.archived_at is null and u.status <> 'disabled'
    order by u.last_name, u.first_name, u.middle_name`);
}

export async function isActiveTeacher(db: Db, actor: SchoolActor, userId: string): Promise<boolean> {
  const row = await db.maybeOne(sql`
    select 1 from memberships m join users u on u.id = m.user_id
    where m.school_id = ${actor.schoolId} and m.user_id = ${userId} and m.role = 'teacher' and m.archived_at is null and u.status <> 'disabled'`);
  return row !== null;
}
