import type { ContactsInput, CreateStudentInput, StudentCard, UpdateStudentInput } from "@otmetka/core/contracts/people.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { type ChangeContext, findOrCreateAccount, grantMembership, inviteAccount, revokeMemberships } from "./invitations.service.ts";
import { invalidField, isUniqueViolation, lockStudent, type PersonRow, requireNotArchived, schoolToday } from "./people.queries.ts";
import { getStudentCard } from "./students.queries.ts";

/** The earliest birth date accepted: a typo guard, not an age rule (evening schools teach adults). */
const EARLIEST_BIRTH_DATE = "1950-01-01";

/** What the audit row keeps of a person; СНИЛС included, since the audit log is the record of who changed it. */
const snapshot = (c: StudentCard) => ({
  lastName: c.lastName,
  firstName: c.firstName,
  middleName: c.middleName,
  birthDate: c.birthDate,
  gender: c.gender,
  snils: c.snils,
  document: c.document,
  archived: c.archived,
});

function checkBirthDate(birthDate: string, today: string): void {
  if (birthDate > today || birthDate < EARLIEST_BIRTH_DATE) {
    throw invalidField("birthDate", "birth_date_out_of_range", "The birth date is in the future or implausibly early");
  }
}

/** СНИЛС identifies one person: two active students of a school cannot share it. */
async function requireFreeSnils(ctx: ChangeContext, snils: string, exceptPersonId: string | null): Promise<void> {
  const taken = await ctx.tx.maybeOne(sql`
    select 1 from people where school_id = ${ctx.schoolId} and snils = ${snils} and archived_at is null
      ${exceptPersonId ? sql`and id <> ${exceptPersonId}` : sql``}`);
  if (taken) throw snilsTaken();
}

function snilsTaken(): AppError {
  const message = "Another student of the school has this СНИЛС";
  return new AppError("conflict", message, { issues: [{ path: ["body", "snils"], code: "snils_taken", message }] });
}

async function catchSnilsRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw snilsTaken();
    throw error;
  }
}

export async function createStudent(ctx: ChangeContext, actor: SchoolActor, input: CreateStudentInput): Promise<StudentCard> {
  const today = await schoolToday(ctx.tx, ctx.schoolId, ctx.app.now());
  checkBirthDate(input.birthDate, today);
  if (input.snils) await requireFreeSnils(ctx, input.snils, null);
  const doc = input.document ?? null;
  const { id } = await catchSnilsRace(() =>
    ctx.tx.one<{ id: string }>(sql`
      insert into people (school_id, last_name, first_name, middle_name, birth_date, gender, snils, document_type, document_series, document_number)
      values (${ctx.schoolId}, ${input.lastName}, ${input.firstName}, ${input.middleName ?? ""}, ${input.birthDate}, ${input.gender ?? null},
              ${input.snils ?? null}, ${doc?.type ?? null}, ${doc?.series ?? null}, ${doc?.number ?? null})
      returning id`),
  );
  const card = await getStudentCard(ctx.tx, actor, id, today);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "person",
    entityId: id,
    action: "create",
    after: snapshot(card),
    requestId: ctx.requestId,
  });
  return card;
}

export async function updateStudent(
  ctx: ChangeContext,
  actor: SchoolActor,
  personId: string,
  input: UpdateStudentInput,
): Promise<StudentCard> {
  const person = await lockStudent(ctx.tx, ctx.schoolId, personId);
  requireNotArchived(person);
  const today = await schoolToday(ctx.tx, ctx.schoolId, ctx.app.now());
  const before = await getStudentCard(ctx.tx, actor, personId, today);
  if (input.birthDate !== undefined) checkBirthDate(input.birthDate, today);
  if (input.snils && input.snils !== person.snils) await requireFreeSnils(ctx, input.snils, personId);
  const set = [
    input.lastName !== undefined && sql`last_name = ${input.lastName}`,
    input.firstName !== undefined && sql`first_name = ${input.firstName}`,
    input.middleName !== undefined && sql`middle_name = ${input.middleName}`,
    input.birthDate !== undefined && sql`birth_date = ${input.birthDate}`,
    input.gender !== undefined && sql`gender = ${input.gender}`,
    input.snils !== undefined && sql`snils = ${input.snils}`,
    input.document !== undefined &&
      sql`document_type = ${input.document?.type ?? null}, document_series = ${input.document?.series ?? null}, document_number = ${input.document?.number ?? null}`,
  ].filter((s) => s !== false);
  if (set.length > 0) {
    await catchSnilsRace(() =>
      ctx.tx.execute(sql`update people set ${sql.join(set)} where school_id = ${ctx.schoolId} and id = ${personId}`),
    );
  }
  const after = await getStudentCard(ctx.tx, actor, personId, today);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "person",
    entityId: personId,
    action: "update",
    before: snapshot(before),
    after: snapshot(after),
    requestId: ctx.requestId,
  });
  return after;
}

/**
 * The student leaves the school today: enrolments end today (ones not started yet are removed),
 * and their login, if any, loses the student role here. Guardianships stay for the record.
 */
export async function archiveStudent(ctx: ChangeContext, actor: SchoolActor, personId: string): Promise<StudentCard> {
  const person = await lockStudent(ctx.tx, ctx.schoolId, personId);
  requireNotArchived(person);
  const today = await schoolToday(ctx.tx, ctx.schoolId, ctx.app.now());
  const before = await getStudentCard(ctx.tx, actor, personId, today);
  const removed = await ctx.tx.many<{ id: string }>(sql`
    delete from enrolments where school_id = ${ctx.schoolId} and person_id = ${personId} and starts_on > ${today} returning id`);
  const ended = await ctx.tx.many<{ id: string }>(sql`
    update enrolments set ends_on = ${today}
    where school_id = ${ctx.schoolId} and person_id = ${personId} and (ends_on is null or ends_on > ${today}) returning id`);
  await ctx.tx.execute(
    sql`update people set archived_at = ${ctx.app.now().toISOString()} where school_id = ${ctx.schoolId} and id = ${personId}`,
  );
  if (person.user_id) await revokeMemberships(ctx, person.user_id, ["student"], ctx.app.now());
  const after = await getStudentCard(ctx.tx, actor, personId, today);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "person",
    entityId: personId,
    action: "archive",
    before: snapshot(before),
    after: { ...snapshot(after), endedEnrolments: ended.map((r) => r.id), removedEnrolments: removed.map((r) => r.id) },
    requestId: ctx.requestId,
  });
  return after;
}

/**
 * Gives the student a login and invites them. An account found by the e-mail or phone is reused
 * only when it is a student's (one who moved from another school, say).
 */
export async function createStudentAccount(
  ctx: ChangeContext,
  actor: SchoolActor,
  personId: string,
  input: ContactsInput,
): Promise<StudentCard> {
  const person: PersonRow = await lockStudent(ctx.tx, ctx.schoolId, personId);
  requireNotArchived(person);
  if (person.user_id) throw new AppError("conflict", "The student already has an account", { details: { reason: "has_account" } });
  const { user, created } = await findOrCreateAccount(ctx, {
    lastName: person.last_name,
    firstName: person.first_name,
    middleName: person.middle_name,
    email: input.email,
    phone: input.phone,
  });
  // A typo'd parent's or teacher's e-mail must not turn their login into the child's.
  const otherRole = await ctx.tx.maybeOne(
    sql`select 1 from memberships where user_id = ${user.id} and role <> 'student' and archived_at is null`,
  );
  if (otherRole) {
    throw new AppError("conflict", "This e-mail or phone belongs to a parent's or staff account", {
      details: { reason: "account_not_a_student" },
    });
  }
  const linked = await ctx.tx.maybeOne(sql`select 1 from people where school_id = ${ctx.schoolId} and user_id = ${user.id}`);
  if (linked) {
    throw new AppError("conflict", "This account already belongs to another student of the school", {
      details: { reason: "account_of_another_student" },
    });
  }
  await ctx.tx.execute(sql`update people set user_id = ${user.id} where school_id = ${ctx.schoolId} and id = ${personId}`);
  await grantMembership(ctx, user.id, "student");
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "person",
    entityId: personId,
    action: "account.create",
    after: { userId: user.id, email: user.email, phone: user.phone, accountCreated: created },
    requestId: ctx.requestId,
  });
  await inviteAccount(ctx, user, "student");
  return getStudentCard(ctx.tx, actor, personId, await schoolToday(ctx.tx, ctx.schoolId, ctx.app.now()));
}
