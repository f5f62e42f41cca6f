/** Bell times (расписание звонков) per academic year and shift. */
import type { BellTime, BellTimesView, SaveBellTimesInput } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { findBellTimeProblems } from "@otmetka/core/rules/timetable.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { findWritableYear } from "../structure/calendar.queries.ts";
import { lockTimetable } from "./timetable.refs.ts";

const SHIFTS = [1, 2, 3] as const;

async function readShifts(db: Db, schoolId: string, yearId: string): Promise<BellTimesView["shifts"]> {
  const rows = await db.many<BellTime & { shift: number }>(sql`
    select shift, lesson_number as "lessonNumber", to_char(starts_at, 'HH24:MI') as "startsAt", to_char(ends_at, 'HH24:MI') as "endsAt"
    from bell_times where school_id = ${schoolId} and academic_year_id = ${yearId}
    order by shift, lesson_number`);
  return SHIFTS.map((shift) => ({
    shift,
    lessons: rows.filter((r) => r.shift === shift).map(({ lessonNumber, startsAt, endsAt }) => ({ lessonNumber, startsAt, endsAt })),
  }));
}

/**
 * Every role of the school reads the bell times. The year is looked up without the structure
 * feature's role scope (students and parents cannot list years), but always within the school.
 */
export async function getBellTimes(db: Db, actor: SchoolActor, yearId: string): Promise<BellTimesView> {
  const year = await db.maybeOne<{ archived: boolean }>(sql`
    select archived_at is not null as archived from academic_years where school_id = ${actor.schoolId} and id = ${yearId}`);
  if (!year) throw new AppError("not_found", "Academic year not found");
  return {
    academicYearId: yearId,
    shifts: await readShifts(db, actor.schoolId, yearId),
    abilities: { edit: hasRole(actor, "admin") && !year.archived },
  };
}

/** Replaces a shift's whole schedule; the audit log keeps the old and the new list. */
export async function saveBellTimes(
  tx: Db,
  actor: SchoolActor,
  yearId: string,
  input: SaveBellTimesInput,
  requestId: string,
): Promise<BellTimesView> {
  const { shift } = input;
  await findWritableYear(tx, actor, yearId);
  const problems = findBellTimeProblems(input.lessons);
  if (problems.length > 0) {
    throw new AppError("validation_failed", "The bell times break a rule", {
      issues: problems.map((p) => ({ path: ["body", "lessons", p.index, p.field], code: p.code, message: p.message })),
    });
  }
  await lockTimetable(tx, actor.schoolId);
  const before = (await readShifts(tx, actor.schoolId, yearId)).find((s) => s.shift === shift)?.lessons ?? [];
  await tx.execute(sql`delete from bell_times where school_id = ${actor.schoolId} and academic_year_id = ${yearId} and shift = ${shift}`);
  if (input.lessons.length > 0) {
    const values = input.lessons.map(
      (l) => sql`(${actor.schoolId}, ${yearId}, ${shift}, ${l.lessonNumber}, ${l.startsAt}::time, ${l.endsAt}::time)`,
    );
    await tx.execute(sql`
      insert into bell_times (school_id, academic_year_id, shift, lesson_number, starts_at, ends_at) values ${sql.join(values)}`);
  }
  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "bell_times",
    entityId: `${yearId}:${shift}`,
    action: "replace",
    before,
    after: input.lessons,
    requestId,
  });
  return getBellTimes(tx, actor, yearId);
}
