import type { JournalUnlock } from "@otmetka/core/contracts/journal.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { className, invalidField } from "../people/people.queries.ts";
import { userName } from "./journal.queries.ts";

/** The longest an admin may reopen a journal for at once. */
const MAX_UNLOCK_MS = 30 * 24 * 60 * 60 * 1000;

interface UnlockRow {
  id: string;
  class_id: string;
  grade: number;
  letter: string;
  subject_id: string;
  subject_name: string;
  until: Date | string;
  reason: string;
  created_by: string;
  created_by_name: string;
  created_at: Date | string;
}

async function listUnlockRows(db: Db, schoolId: string, condition: Sql): Promise<JournalUnlock[]> {
  const rows = await db.many<UnlockRow>(sql`
    select j.id, j.class_id, c.grade, c.letter, j.subject_id, s.name as subject_name, j.until, j.reason,
           j.created_by, ${userName("u")} as created_by_name, j.created_at
    from journal_unlocks j
      join classes c on c.school_id = j.school_id and c.id = j.class_id
      join subjects s on s.school_id = j.school_id and s.id = j.subject_id
      join users u on u.id = j.created_by
    where j.school_id = ${schoolId} and ${condition}
    order by j.until, c.grade, c.letter, s.name, j.id`);
  return rows.map((r) => ({
    id: r.id,
    class: { id: r.class_id, name: className(r) },
    subject: { id: r.subject_id, name: r.subject_name },
    until: new Date(r.until).toISOString(),
    reason: r.reason,
    createdBy: { userId: r.created_by, displayName: r.created_by_name },
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Unlocks still in force, soonest to end first. */
export async function listActiveUnlocks(db: Db, actor: SchoolActor, now: Date): Promise<JournalUnlock[]> {
  return listUnlockRows(db, actor.schoolId, sql`j.until > ${now.toISOString()}`);
}

export async function createUnlock(
  ctx: ChangeContext,
  actor: SchoolActor,
  input: { classId: string; subjectId: string; until: string; reason: string },
): Promise<JournalUnlock> {
  const now = ctx.app.now();
  const until = new Date(input.until);
  if (until.getTime() <= now.getTime()) throw invalidField("until", "until_in_past", "The unlock must end in the future");
  if (until.getTime() - now.getTime() > MAX_UNLOCK_MS)
    throw invalidField("until", "until_too_far", "A journal can be reopened for at most 30 days");
  const found = await ctx.tx.one<{ class_ok: boolean; subject_ok: boolean }>(sql`
    select exists (select 1 from classes where school_id = ${actor.schoolId} and id = ${input.classId} and archived_at is null) as class_ok,
           exists (select 1 from subjects where school_id = ${actor.schoolId} and id = ${input.subjectId}) as subject_ok`);
  if (!found.class_ok) throw invalidField("classId", "unknown_class", "No such class in the school");
  if (!found.subject_ok) throw invalidField("subjectId", "unknown_subject", "No such subject in the school");
  const { id } = await ctx.tx.one<{ id: string }>(sql`
    insert into journal_unlocks (school_id, class_id, subject_id, until, reason, created_by, created_at)
    values (${actor.schoolId}, ${input.classId}, ${input.subjectId}, ${until.toISOString()}, ${input.reason}, ${actor.userId}, ${now.toISOString()})
    returning id`);
  await recordEvent(ctx.tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "journal_unlock",
    entityId: id,
    action: "create",
    after: { classId: input.classId, subjectId: input.subjectId, until: until.toISOString() },
    reason: input.reason,
    requestId: ctx.requestId,
  });
  const [view] = await listUnlockRows(ctx.tx, actor.schoolId, sql`j.id = ${id}`);
  return view as JournalUnlock;
}

/** Ends an unlock now: teachers are held to the edit window again. */
export async function endUnlock(ctx: ChangeContext, actor: SchoolActor, unlockId: string): Promise<void> {
  const now = ctx.app.now();
  const row = await ctx.tx.maybeOne<{ until: Date | string }>(sql`
    select until from journal_unlocks where school_id = ${actor.schoolId} and id = ${unlockId} for update`);
  if (!row) throw new AppError("not_found", "No such unlock");
  const until = new Date(row.until).toISOString();
  if (Date.parse(until) <= now.getTime())
    throw new AppError("conflict", "The unlock has already ended", { details: { reason: "already_ended" } });
  await ctx.tx.execute(
    sql`update journal_unlocks set until = ${now.toISOString()} where school_id = ${actor.schoolId} and id = ${unlockId}`,
  );
  await recordEvent(ctx.tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "journal_unlock",
    entityId: unlockId,
    action: "end",
    before: { until },
    after: { until: now.toISOString() },
    requestId: ctx.requestId,
  });
}
