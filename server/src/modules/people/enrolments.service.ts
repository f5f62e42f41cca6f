import type { EnrolInput, EnrolmentView, TransferInput } from "@otmetka/core/contracts/people.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "./invitations.service.ts";
import {
  addDays,
  invalidField,
  lockStudent,
  requireActiveClass,
  requireGroupOfClass,
  requireNotArchived,
  schoolToday,
} from "./people.queries.ts";
import { listEnrolments } from "./students.queries.ts";

interface EnrolmentRow {
  id: string;
  person_id: string;
  class_id: string;
  group_id: string | null;
  starts_on: string;
  ends_on: string | null;
}

const snapshot = (e: Pick<EnrolmentRow, "person_id" | "class_id" | "group_id" | "starts_on" | "ends_on">) => ({
  personId: e.person_id,
  classId: e.class_id,
  groupId: e.group_id,
  startsOn: e.starts_on,
  endsOn: e.ends_on,
});

/** The class (and group) a student may be enrolled into on `startsOn`: active, of this school, in its year. */
async function requirePlacement(
  ctx: ChangeContext,
  classId: string,
  groupId: string | null,
  startsOn: string,
  dateField: string,
): Promise<void> {
  await requireActiveClass(ctx.tx, ctx.schoolId, classId);
  if (groupId) await requireGroupOfClass(ctx.tx, ctx.schoolId, groupId, classId);
  const year = await ctx.tx.one<{ starts_on: string; ends_on: string }>(sql`
    select y.starts_on, y.ends_on from classes c join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id
    where c.school_id = ${ctx.schoolId} and c.id = ${classId}`);
  if (startsOn < year.starts_on || startsOn > year.ends_on) {
    throw invalidField(
      dateField,
      "date_outside_year",
      `The date must fall within the class's academic year (${year.starts_on} – ${year.ends_on})`,
    );
  }
}

/**
 * A student is in one class at a time. The caller holds the student's row lock, so this check
 * and the insert that follows cannot interleave with another enrolment of the same student.
 */
async function requireNoOverlap(ctx: ChangeContext, personId: string, startsOn: string, dateField: string): Promise<void> {
  const clash = await ctx.tx.maybeOne<{ id: string; class_name: string; starts_on: string; ends_on: string | null }>(sql`
    select e.id, c.grade::text || c.letter as class_name, e.starts_on, e.ends_on
    from enrolments e join classes c on c.school_id = e.school_id and c.id = e.class_id
    where e.school_id = ${ctx.schoolId} and e.person_id = ${personId} and (e.ends_on is null or e.ends_on >= ${startsOn})
    order by e.starts_on limit 1`);
  if (clash) {
    const message = `The student is already enrolled in ${clash.class_name} from ${clash.starts_on}${clash.ends_on ? ` to ${clash.ends_on}` : ""}`;
    throw new AppError("conflict", message, {
      issues: [{ path: ["body", dateField], code: "overlapping_enrolment", message }],
      details: { reason: "overlapping_enrolment", enrolmentId: clash.id },
    });
  }
}

async function insertEnrolment(ctx: ChangeContext, row: Omit<EnrolmentRow, "id" | "ends_on">, reason: string | null): Promise<string> {
  const { id } = await ctx.tx.one<{ id: string }>(sql`
    insert into enrolments (school_id, person_id, class_id, group_id, starts_on)
    values (${ctx.schoolId}, ${row.person_id}, ${row.class_id}, ${row.group_id}, ${row.starts_on}) returning id`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "enrolment",
    entityId: id,
    action: "create",
    after: snapshot({ ...row, ends_on: null }),
    reason,
    requestId: ctx.requestId,
  });
  return id;
}

async function viewOf(ctx: ChangeContext, actor: SchoolActor, personId: string, enrolmentId: string): Promise<EnrolmentView> {
  const today = await schoolToday(ctx.tx, ctx.schoolId, ctx.app.now());
  const [view] = await listEnrolments(ctx.tx, actor, { id: personId, archived: false }, today, enrolmentId);
  if (!view) throw new Error("An enrolment just written could not be read back");
  return view;
}

export async function enrol(ctx: ChangeContext, actor: SchoolActor, input: EnrolInput): Promise<EnrolmentView> {
  const person = await lockStudent(ctx.tx, ctx.schoolId, input.studentId);
  requireNotArchived(person);
  const groupId = input.groupId ?? null;
  await requirePlacement(ctx, input.classId, groupId, input.startsOn, "startsOn");
  await requireNoOverlap(ctx, person.id, input.startsOn, "startsOn");
  const id = await insertEnrolment(
    ctx,
    { person_id: person.id, class_id: input.classId, group_id: groupId, starts_on: input.startsOn },
    null,
  );
  return viewOf(ctx, actor, person.id, id);
}

/** Moves a student from `date`: the enrolment holding on that date ends the day before, a new one starts. */
export async function transfer(ctx: ChangeContext, actor: SchoolActor, personId: string, input: TransferInput): Promise<EnrolmentView> {
  const person = await lockStudent(ctx.tx, ctx.schoolId, personId);
  requireNotArchived(person);
  const current = await ctx.tx.maybeOne<EnrolmentRow>(sql`
    select id, person_id, class_id, group_id, starts_on, ends_on from enrolments
    where school_id = ${ctx.schoolId} and person_id = ${personId} and starts_on <= ${input.date} and (ends_on is null or ends_on >= ${input.date})`);
  if (!current) throw invalidField("date", "no_current_enrolment", "The student is not enrolled in any class on this date");
  const groupId = input.groupId ?? null;
  if (current.class_id === input.classId && current.group_id === groupId) {
    throw invalidField("classId", "same_class", "The student is already in this class and group");
  }
  if (current.starts_on === input.date) {
    throw invalidField("date", "transfer_on_first_day", "The transfer date must be after the first day of the current enrolment");
  }
  await requirePlacement(ctx, input.classId, groupId, input.date, "date");
  const lastDay = addDays(input.date, -1);
  await ctx.tx.execute(sql`update enrolments set ends_on = ${lastDay} where school_id = ${ctx.schoolId} and id = ${current.id}`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "enrolment",
    entityId: current.id,
    action: "end",
    before: snapshot(current),
    after: snapshot({ ...current, ends_on: lastDay }),
    reason: "transfer",
    requestId: ctx.requestId,
  });
  await requireNoOverlap(ctx, personId, input.date, "date");
  const id = await insertEnrolment(
    ctx,
    { person_id: personId, class_id: input.classId, group_id: groupId, starts_on: input.date },
    "transfer",
  );
  return viewOf(ctx, actor, personId, id);
}

export async function endEnrolment(ctx: ChangeContext, actor: SchoolActor, enrolmentId: string, endsOn: string): Promise<EnrolmentView> {
  const found = await ctx.tx.maybeOne<{ person_id: string }>(sql`
    select person_id from enrolments where school_id = ${ctx.schoolId} and id = ${enrolmentId}`);
  if (!found) throw new AppError("not_found", "No such enrolment");
  const person = await lockStudent(ctx.tx, ctx.schoolId, found.person_id);
  requireNotArchived(person);
  const row = await ctx.tx.one<EnrolmentRow>(sql`
    select id, person_id, class_id, group_id, starts_on, ends_on from enrolments where school_id = ${ctx.schoolId} and id = ${enrolmentId}`);
  if (row.ends_on !== null) throw new AppError("conflict", "The enrolment has already ended", { details: { reason: "already_ended" } });
  if (endsOn < row.starts_on)
    throw invalidField("endsOn", "ends_before_start", `The last day cannot be before the first (${row.starts_on})`);
  await ctx.tx.execute(sql`update enrolments set ends_on = ${endsOn} where school_id = ${ctx.schoolId} and id = ${enrolmentId}`);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "enrolment",
    entityId: enrolmentId,
    action: "end",
    before: snapshot(row),
    after: snapshot({ ...row, ends_on: endsOn }),
    requestId: ctx.requestId,
  });
  return viewOf(ctx, actor, row.person_id, enrolmentId);
}
