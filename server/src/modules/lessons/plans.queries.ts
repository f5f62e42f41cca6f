import type { LessonPlan, LessonPlanDetails, LessonPlanItem } from "@otmetka/core/contracts/lesson-plans.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { hasRole, type SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { type Sql, sql } from "../../platform/db/sql.ts";
import { isoTime } from "./homework.queries.ts";
import { fullName } from "./lesson-access.ts";

export interface PlanRow {
  id: string;
  name: string;
  teacher_id: string;
  teacher_name: string;
  subject_id: string;
  subject_name: string;
  class_id: string | null;
  class_name: string | null;
  item_count: number;
  created_at: Date | string;
}

/** Plans the caller sees, and may change: a teacher their own, an admin every teacher's. */
const visibleTo = (actor: SchoolActor): Sql => (hasRole(actor, "admin") ? sql`true` : sql`lp.teacher_id = ${actor.userId}`);

async function planRows(db: Db, actor: SchoolActor, where: Sql): Promise<PlanRow[]> {
  return db.many<PlanRow>(sql`
    select lp.id, lp.name, lp.teacher_id, ${fullName("t")} as teacher_name, lp.subject_id, s.name as subject_name,
           lp.class_id, c.grade::text || c.letter as class_name, lp.created_at,
           (select count(*) from lesson_plan_items pi where pi.school_id = lp.school_id and pi.plan_id = lp.id)::int as item_count
    from lesson_plans lp
      join users t on t.id = lp.teacher_id
      join subjects s on s.school_id = lp.school_id and s.id = lp.subject_id
      left join classes c on c.school_id = lp.school_id and c.id = lp.class_id
    where lp.school_id = ${actor.schoolId} and lp.archived_at is null and ${visibleTo(actor)} and ${where}
    order by lower(s.name), c.grade nulls first, c.letter, lower(lp.name), lp.id`);
}

export function planOf(r: PlanRow): LessonPlan {
  return {
    id: r.id,
    name: r.name,
    teacher: { userId: r.teacher_id, displayName: r.teacher_name },
    subject: { id: r.subject_id, name: r.subject_name },
    class: r.class_id ? { id: r.class_id, name: r.class_name ?? "" } : null,
    itemCount: r.item_count,
    createdAt: isoTime(r.created_at) ?? "",
    abilities: { edit: true },
  };
}

export async function listPlans(db: Db, actor: SchoolActor, query: { teacherId?: string | undefined; subjectId?: string | undefined }) {
  const where = [sql`true`];
  if (query.teacherId) where.push(sql`lp.teacher_id = ${query.teacherId}`);
  if (query.subjectId) where.push(sql`lp.subject_id = ${query.subjectId}`);
  return { items: (await planRows(db, actor, sql.join(where, " and "))).map(planOf) };
}

/** A plan the caller sees (and so may change), or 404. */
export async function requirePlan(db: Db, actor: SchoolActor, planId: string): Promise<PlanRow> {
  const [row] = await planRows(db, actor, sql`lp.id = ${planId}`);
  if (!row) throw new AppError("not_found", "No such thematic plan");
  return row;
}

export async function planItems(db: Db, schoolId: string, planId: string): Promise<LessonPlanItem[]> {
  return db.many<LessonPlanItem>(sql`
    select id, number, topic, hours, control_hours as "controlHours", practical_hours as "practicalHours",
           planned_on as "plannedOn", resources
    from lesson_plan_items where school_id = ${schoolId} and plan_id = ${planId} order by number`);
}

export async function getPlan(db: Db, actor: SchoolActor, planId: string): Promise<LessonPlanDetails> {
  const row = await requirePlan(db, actor, planId);
  return { plan: planOf(row), items: await planItems(db, actor.schoolId, planId) };
}
