import type { PeriodMarkView } from "@otmetka/core/contracts/journal.ts";
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { publishLive } from "../../platform/realtime/publish.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { canSetFinalMarks } from "./journal.policy.ts";
import { type FinalMarkRow, loadSubjectMarks, type PeriodSpan, periodMarkView, suggestionOf, userName } from "./journal.queries.ts";

/**
 * Recomputes and stores the suggested period mark of students in a subject, returning their
 * views. The rows are locked first (created with version 0 when missing, in student order so
 * concurrent callers never deadlock), and the marks are read after the lock: a concurrent save
 * of another cell of the same student has committed by then and is counted.
 */
export async function refreshPeriodMarks(
  tx: Db,
  schoolId: string,
  subjectId: string,
  period: PeriodSpan,
  studentIds: readonly string[],
  settings: SchoolSettings & { version: number },
): Promise<Map<string, PeriodMarkView>> {
  const ids = [...new Set(studentIds)].sort();
  const views = new Map<string, PeriodMarkView>();
  if (ids.length === 0) return views;
  // One statement creates the missing rows and locks them all (the no-op update on conflict locks
  // an existing row as `for update` would), in student order.
  // The marks are read in the same round trip, after the lock (statements run in order).
  const [rows, marks] = await Promise.all([
    tx.many<FinalMarkRow>(sql`
    with locked as (
      insert into period_marks as pm (school_id, period_id, subject_id, student_id, version)
      select ${schoolId}, ${period.id}, ${subjectId}, s.id, 0 from unnest(${ids}::uuid[]) as s(id) order by s.id
      on conflict (school_id, period_id, subject_id, student_id) do update set version = pm.version
      returning pm.student_id, pm.value, pm.set_by, pm.set_at, pm.version)
    select l.student_id, l.value, l.set_by, ${userName("u")} as set_by_name, l.set_at, l.version
    from locked l left join users u on u.id = l.set_by
    order by l.student_id`),
    loadSubjectMarks(tx, schoolId, subjectId, period, ids, settings),
  ]);
  const suggestions = ids.map((id) => suggestionOf(marks.get(id), settings));
  await tx.send(sql`
    update period_marks pm
    set average_num = v.num, average_den = v.den, suggested = v.suggested, settings_version = ${settings.version}
    from unnest(${ids}::uuid[], ${suggestions.map((s) => s.average?.num ?? null)}::bigint[],
                ${suggestions.map((s) => s.average?.den ?? null)}::bigint[], ${suggestions.map((s) => s.suggested)}::text[])
         as v(student_id, num, den, suggested)
    where pm.school_id = ${schoolId} and pm.period_id = ${period.id} and pm.subject_id = ${subjectId} and pm.student_id = v.student_id`);
  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  for (const [i, id] of ids.entries()) {
    views.set(id, periodMarkView(id, suggestions[i] as (typeof suggestions)[number], byStudent.get(id)));
  }
  return views;
}

/**
 * Whether setting a period or year mark to `input.value` changes anything, after the checks every
 * such change passes: a mark the school allows, the version the client read (a stale one is 409
 * with the current mark), and a reason when a mark set before is changed or cleared. Saving the
 * value the mark already has is a no-op, so a retried request succeeds.
 */
export function checkFinalMarkChange<V extends { value: string | null; version: number }>(
  current: V,
  input: { value: string | null; version: number; reason?: string | undefined },
  settings: Pick<SchoolSettings, "allowMarkOne">,
): boolean {
  if (input.value === "1" && !settings.allowMarkOne) {
    const message = "The school does not use the mark 1";
    throw new AppError("validation_failed", message, { issues: [{ path: ["body", "value"], code: "mark_not_allowed", message }] });
  }
  if (input.value === current.value) return false;
  if (input.version !== current.version) {
    throw new AppError("conflict", "Someone else changed this mark; see the current value", {
      details: { reason: "stale_version", current },
    });
  }
  if (current.value !== null && !input.reason) {
    const message = "Say why a mark that was set is changed or cleared";
    throw new AppError("validation_failed", message, { issues: [{ path: ["body", "reason"], code: "reason_required", message }] });
  }
  return true;
}

interface PeriodAccessRow {
  class_id: string;
  starts_on: string;
  ends_on: string;
  is_class_teacher: boolean;
  is_assigned: boolean;
  leads_lessons: boolean;
  substitutes: boolean;
}

/**
 * The period of a student's period mark, if the actor may set it: an admin, or whoever teaches
 * the subject to a class (subgroup) the student was in during the period. The class teacher and
 * substitutes, who see the mark in the journal, are refused with 403; anyone else gets 404.
 */
async function requirePeriodMarkSetter(
  tx: Db,
  actor: SchoolActor,
  periodId: string,
  subjectId: string,
  studentId: string,
): Promise<{ period: PeriodSpan; classId: string }> {
  const rows = await tx.many<PeriodAccessRow>(sql`
    select e.class_id, p.starts_on, p.ends_on, coalesce(c.class_teacher_id = ${actor.userId}, false) as is_class_teacher,
           exists (select 1 from teaching_assignments a
                   where a.school_id = e.school_id and a.teacher_id = ${actor.userId} and a.class_id = e.class_id
                     and a.subject_id = ${subjectId} and a.archived_at is null and (a.group_id is null or a.group_id = e.group_id)) as is_assigned,
           exists (select 1 from lessons l
                   where l.school_id = e.school_id and l.class_id = e.class_id and l.subject_id = ${subjectId} and l.period_id = p.id
                     and l.date between p.starts_on and p.ends_on and l.teacher_id = ${actor.userId}) as leads_lessons,
           exists (select 1 from lessons l
                   where l.school_id = e.school_id and l.class_id = e.class_id and l.subject_id = ${subjectId} and l.period_id = p.id
                     and l.date between p.starts_on and p.ends_on and l.substitute_teacher_id = ${actor.userId}) as substitutes
    from periods p
      join subjects s on s.school_id = p.school_id and s.id = ${subjectId}
      join enrolments e on e.school_id = p.school_id and e.person_id = ${studentId}
                       and e.starts_on <= p.ends_on and (e.ends_on is null or e.ends_on >= p.starts_on)
      join classes c on c.school_id = e.school_id and c.id = e.class_id
    where p.school_id = ${actor.schoolId} and p.id = ${periodId}
    order by e.starts_on desc`);
  const isAdmin = hasRole(actor, "admin");
  const first = rows[0];
  if (!first) throw new AppError("not_found", "No such student in this period");
  if (!rows.some((r) => canSetFinalMarks({ isAdmin, isAssigned: r.is_assigned, leadsLessons: r.leads_lessons }))) {
    if (rows.some((r) => r.is_class_teacher || r.substitutes))
      throw new AppError("forbidden", "Only the subject's teacher sets period marks");
    throw new AppError("not_found", "No such student in this period");
  }
  // The latest class of the student in the period is where the mark shows.
  return { period: { id: periodId, startsOn: first.starts_on, endsOn: first.ends_on }, classId: first.class_id };
}

export async function setPeriodMark(
  ctx: ChangeContext,
  actor: SchoolActor,
  key: { periodId: string; subjectId: string; studentId: string },
  input: { value: PeriodMarkView["value"]; version: number; reason?: string | undefined },
): Promise<PeriodMarkView> {
  const { period, classId } = await requirePeriodMarkSetter(ctx.tx, actor, key.periodId, key.subjectId, key.studentId);
  const settings = await getSchoolSettings(ctx.tx, actor.schoolId);
  const views = await refreshPeriodMarks(ctx.tx, actor.schoolId, key.subjectId, period, [key.studentId], settings);
  const current = views.get(key.studentId) as PeriodMarkView;
  if (!checkFinalMarkChange(current, input, settings)) return current;
  const now = ctx.app.now();
  const setBy = input.value === null ? null : actor.userId;
  const setAt = input.value === null ? null : now.toISOString();
  await ctx.tx.execute(sql`
    update period_marks set value = ${input.value}, set_by = ${setBy}, set_at = ${setAt}, version = version + 1
    where school_id = ${actor.schoolId} and period_id = ${key.periodId} and subject_id = ${key.subjectId} and student_id = ${key.studentId}`);
  await recordEvent(ctx.tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "period_mark",
    entityId: `${key.periodId}:${key.subjectId}:${key.studentId}`,
    action: input.value === null ? "clear" : "set",
    before: { value: current.value, suggested: current.suggested },
    after: { value: input.value, suggested: current.suggested },
    reason: input.reason || null,
    requestId: ctx.requestId,
  });
  await publishLive(ctx.tx, {
    schoolId: actor.schoolId,
    kind: "journal.period_mark",
    classId,
    subjectId: key.subjectId,
    studentId: key.studentId,
    version: current.version + 1,
  });
  return {
    ...current,
    value: input.value,
    overridden: input.value !== null && input.value !== current.suggested,
    setBy: setBy ? { userId: setBy, displayName: actor.displayName } : null,
    setAt,
    version: current.version + 1,
  };
}
