/** Reads of the weekly timetable, and the bookings a new or changed entry would collide with. */
import { CONFLICT_KINDS, type TimetableConflict, type TimetableEntryView } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { empty, type Sql, sql } from "../../platform/db/sql.ts";
import { fullName } from "./timetable.refs.ts";

export interface EntryRow {
  id: string;
  academicYearId: string;
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
  weekday: number;
  lessonNumber: number;
  room: string;
  validFrom: string;
  validTo: string;
  archived: boolean;
  yearArchived: boolean;
}

const entryColumns = sql`
  te.id, te.academic_year_id as "academicYearId", te.class_id as "classId", c.grade::text || c.letter as "className", c.shift,
  te.group_id as "groupId", g.name as "groupName", te.subject_id as "subjectId", s.name as "subjectName", s.short_name as "subjectShortName",
  te.teacher_id as "teacherId", ${fullName("u")} as "teacherName", te.weekday, te.lesson_number as "lessonNumber", te.room,
  te.valid_from as "validFrom", te.valid_to as "validTo", te.archived_at is not null as archived, y.archived_at is not null as "yearArchived"`;

const entryFrom = sql`
  timetable_entries te
  join classes c on c.school_id = te.school_id and c.id = te.class_id
  join subjects s on s.school_id = te.school_id and s.id = te.subject_id
  join users u on u.id = te.teacher_id
  join academic_years y on y.school_id = te.school_id and y.id = te.academic_year_id
  left join class_groups g on g.school_id = te.school_id and g.id = te.group_id`;

export function toEntryView(actor: SchoolActor, row: EntryRow): TimetableEntryView {
  const writable = hasRole(actor, "admin") && !row.archived && !row.yearArchived;
  return {
    id: row.id,
    academicYearId: row.academicYearId,
    class: { id: row.classId, name: row.className },
    group: row.groupId ? { id: row.groupId, name: row.groupName ?? "" } : null,
    subject: { id: row.subjectId, name: row.subjectName, shortName: row.subjectShortName },
    teacher: { id: row.teacherId, displayName: row.teacherName },
    weekday: row.weekday,
    lessonNumber: row.lessonNumber,
    room: row.room,
    validFrom: row.validFrom,
    validTo: row.validTo,
    archived: row.archived,
    abilities: { edit: writable, archive: writable },
  };
}

/** What the audit log records of an entry: its own fields, by id. */
export function entryAuditShape(row: EntryRow) {
  const { classId, groupId, subjectId, teacherId, weekday, lessonNumber, room, validFrom, validTo } = row;
  return { classId, groupId, subjectId, teacherId, weekday, lessonNumber, room, validFrom, validTo };
}

export async function listEntries(
  db: Db,
  actor: SchoolActor,
  filter: { yearId?: string; classId?: string; teacherId?: string; includeArchived?: boolean },
): Promise<EntryRow[]> {
  const where: Sql[] = [sql`te.school_id = ${actor.schoolId}`];
  if (filter.yearId) where.push(sql`te.academic_year_id = ${filter.yearId}`);
  if (filter.classId) where.push(sql`te.class_id = ${filter.classId}`);
  if (filter.teacherId) where.push(sql`te.teacher_id = ${filter.teacherId}`);
  return db.many<EntryRow>(sql`
    select ${entryColumns} from ${entryFrom}
    where ${sql.join(where, " and ")} ${filter.includeArchived ? empty : sql`and te.archived_at is null`}
    order by c.grade, c.letter, te.weekday, te.lesson_number, g.name nulls first, s.name, te.valid_from
    limit 5000`);
}

export async function findEntry(db: Db, actor: SchoolActor, entryId: string): Promise<EntryRow> {
  const row = await db.maybeOne<EntryRow>(
    sql`select ${entryColumns} from ${entryFrom} where te.school_id = ${actor.schoolId} and te.id = ${entryId}`,
  );
  if (!row) throw new AppError("not_found", "Timetable entry not found");
  return row;
}

export interface EntrySlot {
  /** The entry itself when it is being changed (it never collides with itself). */
  id: string | null;
  classId: string;
  groupId: string | null;
  teacherId: string;
  room: string;
  shift: number;
  weekday: number;
  lessonNumber: number;
  validFrom: string;
  validTo: string;
}

/**
 * Active entries booked at the same weekday and lesson number with overlapping dates: the same
 * teacher or room in the same shift, or the same class (subgroups of a class may share a slot).
 */
export async function findEntryConflicts(db: Db, schoolId: string, slot: EntrySlot): Promise<TimetableConflict[]> {
  const rows = await db.many<EntryRow & { teacherClash: boolean; roomClash: boolean; classClash: boolean }>(sql`
    select ${entryColumns},
      te.teacher_id = ${slot.teacherId}::uuid as "teacherClash",
      (${slot.room}::text <> '' and lower(te.room) = lower(${slot.room}::text)) as "roomClash",
      (te.class_id = ${slot.classId}::uuid and (${slot.groupId}::uuid is null or te.group_id is null or te.group_id = ${slot.groupId}::uuid)) as "classClash"
    from ${entryFrom}
    where te.school_id = ${schoolId} and te.archived_at is null
      and te.id <> coalesce(${slot.id}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
      and te.weekday = ${slot.weekday} and te.lesson_number = ${slot.lessonNumber}
      and te.valid_from <= ${slot.validTo}::date and ${slot.validFrom}::date <= te.valid_to
      and c.shift = ${slot.shift}
    order by c.grade, c.letter, te.valid_from`);
  return rows.flatMap((r) => {
    const clashes = { class: r.classClash, teacher: r.teacherClash, room: r.roomClash };
    return CONFLICT_KINDS.filter((kind) => clashes[kind]).map((kind) => ({
      kind,
      entryId: r.id,
      class: r.groupName ? `${r.className}, ${r.groupName}` : r.className,
      subject: r.subjectName,
      teacher: r.teacherName,
      room: r.room,
      weekday: r.weekday,
      lessonNumber: r.lessonNumber,
    }));
  });
}
