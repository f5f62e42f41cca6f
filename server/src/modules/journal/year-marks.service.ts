import type { YearMarkView } from "@otmetka/core/contracts/journal.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { canSetFinalMarks } from "./journal.policy.ts";
import { type FinalMarkRow, userName } from "./journal.queries.ts";
import { checkFinalMarkChange } from "./period-marks.service.ts";
import { loadSetPeriodMarks, yearMarkView } from "./year-marks.queries.ts";
import { loadPeriodsOf } from "./journal.context.ts";

interface YearAccessRow {
  grade: number;
  starts_on: string;
  is_class_teacher: boolean;
  is_assigned: boolean;
  leads_lessons: boolean;
}

/**
 * The grade of the student's (latest) class in the year, if the actor may set the year mark: an
 * admin, or whoever teaches the subject to a class the student was in that year. A class
 * teacher who can see the mark is refused with 403, anyone else gets 404.
 */
async function requireYearMarkSetter(tx: Db, actor: SchoolActor, yearId: string, subjectId: string, studentId: string): Promise<number> {
  const rows = await tx.many<YearAccessRow>(sql`
    select c.grade, e.starts_on, coalesce(c.class_teacher_id = ${actor.userId}, false) as is_class_teacher,
           exists (select 1 from teaching_assignments a
                   where a.school_id = e.school_id and a.teacher_id = ${actor.userId} and a.class_id = e.class_id
                     and a.subject_id = ${subjectId} and a.archived_at is null and (a.group_id is null or a.group_id = e.group_id)) as is_assigned,
           exists (select 1 from lessons l
                   where l.school_id = e.school_id and l.class_id = e.class_id and l.subject_id = ${subjectId}
                     and l.date between y.starts_on and y.ends_on and l.teacher_id = ${actor.userId}) as leads_lessons
    from academic_years y
      join subjects s on s.school_id = y.school_id and s.id = ${subjectId}
      join classes c on c.school_id = y.school_id and c.academic_year_id = y.id
      join enrolments e on e.school_id = c.school_id and e.class_id = c.id and e.person_id = ${studentId}
    where y.school_id = ${actor.schoolId} and y.id = ${yearId}
    order by e.starts_on desc`);
  const isAdmin = hasRole(actor, "admin");
  const latest = rows[0];
  if (!latest) throw new AppError("not_found", "No such student in this year");
  if (!rows.some((r) => canSetFinalMarks({ isAdmin, isAssigned: r.is_assigned, leadsLessons: r.leads_lessons }))) {
    if (rows.some((r) => r.is_class_teacher)) throw new AppError("forbidden", "Only the subject's teacher sets year marks");
    throw new AppError("not_found", "No such student in this year");
  }
  return latest.grade;
}

/** Sets (or clears) a year mark; the suggestion from the set period marks is stored beside it. */
export async function setYearMark(
  ctx: ChangeContext,
  actor: SchoolActor,
  key: { academicYearId: string; subjectId: string; studentId: string },
  input: { value: YearMarkView["value"]; version: number; reason?: string | undefined },
): Promise<YearMarkView> {
  const grade = await requireYearMarkSetter(ctx.tx, actor, key.academicYearId, key.subjectId, key.studentId);
  const settings = await getSchoolSettings(ctx.tx, actor.schoolId);
  const where = sql`school_id = ${actor.schoolId} and academic_year_id = ${key.academicYearId} and subject_id = ${key.subjectId} and student_id = ${key.studentId}`;
  await ctx.tx.execute(sql`
    insert into year_marks (school_id, academic_year_id, subject_id, student_id, version)
    values (${actor.schoolId}, ${key.academicYearId}, ${key.subjectId}, ${key.studentId}, 0) on conflict do nothing`);
  const row = await ctx.tx.one<FinalMarkRow>(sql`
    select ym.student_id, ym.value, ym.set_by, ${userName("u")} as set_by_name, ym.set_at, ym.version
    from year_marks ym left join users u on u.id = ym.set_by
    where ${where} for update of ym`);
  const periods = await loadPeriodsOf(ctx.tx, actor.schoolId, key.academicYearId, grade);
  const periodMarks = await loadSetPeriodMarks(ctx.tx, actor.schoolId, key.academicYearId, key.subjectId, [key.studentId]);
  const periodIds = periods.map((p) => p.id);
  const current = yearMarkView(key.studentId, periodIds, periodMarks.get(key.studentId) ?? new Map(), row);
  if (!checkFinalMarkChange(current, input, settings)) return current;

  const now = ctx.app.now();
  const setBy = input.value === null ? null : actor.userId;
  const setAt = input.value === null ? null : now.toISOString();
  await ctx.tx.execute(sql`
    update year_marks set value = ${input.value}, suggested = ${current.suggested}, set_by = ${setBy}, set_at = ${setAt}, version = version + 1
    where ${where}`);
  await recordEvent(ctx.tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "year_mark",
    entityId: `${key.academicYearId}:${key.subjectId}:${key.studentId}`,
    action: input.value === null ? "clear" : "set",
    before: { value: current.value, suggested: current.suggested },
    after: { value: input.value, suggested: current.suggested },
    reason: input.reason || null,
    requestId: ctx.requestId,
  });
  return yearMarkView(key.studentId, periodIds, periodMarks.get(key.studentId) ?? new Map(), {
    student_id: key.studentId,
    value: input.value,
    set_by: setBy,
    set_by_name: actor.displayName,
    set_at: setAt,
    version: current.version + 1,
  });
}
