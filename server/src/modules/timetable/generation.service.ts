/**
 * Generating dated lessons from the weekly timetable, one study period at a time. Idempotent:
 * what exists is compared with what the timetable and the calendar say, and only the difference
 * is written. Lessons that carry journal data (marks, attendance, homework, a topic), and past
 * lessons, are never changed or removed here: they are kept and reported.
 */
import type { GenerateLessonsInput, GenerateLessonsResult } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { type CalendarException, datesBetween, studyDaysOf, timetableWeekdayOn } from "@otmetka/core/rules/timetable.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import { schoolToday } from "../people/people.queries.ts";
import { findPeriod, findWritableYear, type PeriodRow } from "../structure/calendar.queries.ts";
import { Issues } from "../structure/structure.validation.ts";
import { findClassInfo, lockTimetable } from "./timetable.refs.ts";

type Counts = Omit<GenerateLessonsResult, "keptLessons">;
type KeptLesson = GenerateLessonsResult["keptLessons"][number];
const KEPT_LISTED = 100;

interface ScopeClass {
  id: string;
  grade: number;
}

interface EntrySlot {
  id: string;
  classId: string;
  groupId: string | null;
  subjectId: string;
  teacherId: string;
  weekday: number;
  lessonNumber: number;
  room: string;
  validFrom: string;
  validTo: string;
}

interface ExistingLesson {
  id: string;
  entryId: string;
  date: string;
  groupId: string | null;
  subjectId: string;
  teacherId: string;
  lessonNumber: number;
  room: string;
  roomChanged: boolean;
  hasData: boolean;
  className: string;
  subjectName: string;
}

/** A lesson's own data that a regeneration must not lose: journal cells, homework given or due, a topic or plan row. */
export const lessonHasData = sql`(
  l.topic <> '' or l.plan_item_id is not null
  or exists (select 1 from journal_cells jc where jc.school_id = l.school_id and jc.lesson_id = l.id)
  or exists (select 1 from homework h where h.school_id = l.school_id and (h.lesson_id = l.id or h.due_lesson_id = l.id)))`;

export async function generateLessons(
  tx: Db,
  actor: SchoolActor,
  input: GenerateLessonsInput,
  now: Date,
  requestId: string,
): Promise<GenerateLessonsResult> {
  const periods = await periodsInScope(tx, actor, input);
  const yearId = periods[0]?.academicYearId ?? input.yearId ?? "";
  await findWritableYear(tx, actor, yearId);
  if (input.classId) await checkClassInYear(tx, actor, input.classId, yearId, input.periodId ? periods[0] : undefined);
  await lockTimetable(tx, actor.schoolId);

  const today = await schoolToday(tx, actor.schoolId, now);
  const { studyWeek } = await getSchoolSettings(tx, actor.schoolId);
  const calendar = await tx.many<CalendarException>(sql`
    select kind, starts_on as "startsOn", ends_on as "endsOn", grade_from as "gradeFrom", grade_to as "gradeTo", follows_weekday as "followsWeekday"
    from holidays where school_id = ${actor.schoolId} and academic_year_id = ${yearId}`);

  const counts: Counts = { created: 0, updated: 0, removed: 0, kept: 0 };
  const kept: KeptLesson[] = [];
  for (const period of periods) {
    const classes = await tx.many<ScopeClass>(sql`
      select id, grade from classes
      where school_id = ${actor.schoolId} and academic_year_id = ${yearId} and archived_at is null
        and grade between ${period.gradeFrom} and ${period.gradeTo} ${input.classId ? sql`and id = ${input.classId}` : sql``}`);
    if (classes.length === 0) continue;
    const classIds = classes.map((c) => c.id);
    const entries = await tx.many<EntrySlot>(sql`
      select id, class_id as "classId", group_id as "groupId", subject_id as "subjectId", teacher_id as "teacherId", weekday,
             lesson_number as "lessonNumber", room, valid_from as "validFrom", valid_to as "validTo"
      from timetable_entries
      where school_id = ${actor.schoolId} and archived_at is null and class_id = any(${classIds}::uuid[])
        and valid_from <= ${period.endsOn}::date and ${period.startsOn}::date <= valid_to`);
    const wanted = plannedLessons(period, classes, entries, (grade) => studyDaysOf(studyWeek, grade), calendar);
    const existing = await tx.many<ExistingLesson>(sql`
      select l.id, l.timetable_entry_id as "entryId", l.date, l.group_id as "groupId", l.subject_id as "subjectId", l.teacher_id as "teacherId",
             l.lesson_number as "lessonNumber", l.room, l.room_changed as "roomChanged", ${lessonHasData} as "hasData",
             c.grade::text || c.letter as "className", s.name as "subjectName"
      from lessons l
        join classes c on c.school_id = l.school_id and c.id = l.class_id
        join subjects s on s.school_id = l.school_id and s.id = l.subject_id
      where l.school_id = ${actor.schoolId} and l.period_id = ${period.id} and l.timetable_entry_id is not null
        and l.class_id = any(${classIds}::uuid[])`);

    const toUpdate: string[] = [];
    const toRemove: string[] = [];
    const keep = (l: ExistingLesson) => {
      counts.kept++;
      if (kept.length < KEPT_LISTED) {
        const reason = l.hasData ? "has_data" : "past";
        kept.push({ lessonId: l.id, date: l.date, lessonNumber: l.lessonNumber, class: l.className, subject: l.subjectName, reason });
      }
    };
    for (const lesson of existing) {
      const key = `${lesson.entryId}|${lesson.date}`;
      const entry = wanted.get(key);
      wanted.delete(key);
      if (entry && matchesEntry(lesson, entry)) continue;
      if (lesson.hasData || lesson.date <= today) keep(lesson);
      else if (entry) toUpdate.push(lesson.id);
      else toRemove.push(lesson.id);
    }
    counts.updated += await updateFromEntries(tx, actor.schoolId, toUpdate);
    counts.removed += toRemove.length
      ? await tx.execute(sql`delete from lessons where school_id = ${actor.schoolId} and id = any(${toRemove}::uuid[])`)
      : 0;
    counts.created += await insertLessons(tx, actor.schoolId, yearId, period.id, [...wanted.keys()]);
  }

  await recordEvent(tx, {
    schoolId: actor.schoolId,
    actorUserId: actor.userId,
    entity: "timetable",
    entityId: input.periodId ?? yearId,
    action: "generate_lessons",
    after: { periodIds: periods.map((p) => p.id), classId: input.classId ?? null, ...counts },
    requestId,
  });
  return { ...counts, keptLessons: kept };
}

async function periodsInScope(tx: Db, actor: SchoolActor, input: GenerateLessonsInput): Promise<PeriodRow[]> {
  if (input.periodId) {
    const period = await findPeriod(tx, actor, input.periodId);
    if (period.archived) throw new AppError("conflict", "The study period is archived");
    return [period];
  }
  // Another school's year finds no periods here, and then no year in generateLessons: 404.
  const yearId = input.yearId ?? "";
  return tx.many<PeriodRow>(sql`
    select p.id, p.academic_year_id as "academicYearId", p.kind, p.number, p.name, p.starts_on as "startsOn", p.ends_on as "endsOn",
           p.grade_from as "gradeFrom", p.grade_to as "gradeTo", false as archived, false as "yearArchived"
    from periods p where p.school_id = ${actor.schoolId} and p.academic_year_id = ${yearId} and p.archived_at is null
    order by p.starts_on, p.grade_from`);
}

/** The class to generate for must be an active class of the year (and of the period's grades). */
async function checkClassInYear(tx: Db, actor: SchoolActor, classId: string, yearId: string, period?: PeriodRow): Promise<void> {
  const issues = new Issues();
  const cls = await findClassInfo(tx, actor, classId);
  if (!cls || cls.academicYearId !== yearId) issues.add("classId", "not_found", "No such class in this academic year");
  else if (cls.archived) issues.add("classId", "archived", "The class is archived");
  else if (period && (cls.grade < period.gradeFrom || cls.grade > period.gradeTo))
    issues.add("classId", "grade_outside_period", `The period is for grades ${period.gradeFrom}–${period.gradeTo}`);
  issues.throwIfAny();
}

/**
 * The lessons the timetable asks for in a period, keyed `entryId|date`: each study day of each
 * class (holidays skipped, moved working days following their weekday) × each entry of the
 * class for that weekday that holds on the day.
 */
function plannedLessons(
  period: PeriodRow,
  classes: ScopeClass[],
  entries: EntrySlot[],
  studyDays: (grade: number) => 5 | 6,
  calendar: readonly CalendarException[],
): Map<string, EntrySlot> {
  const byClassDay = new Map<string, EntrySlot[]>();
  for (const e of entries) {
    const key = `${e.classId}|${e.weekday}`;
    byClassDay.set(key, [...(byClassDay.get(key) ?? []), e]);
  }
  const wanted = new Map<string, EntrySlot>();
  const dates = datesBetween(period.startsOn, period.endsOn);
  for (const cls of classes) {
    const days = studyDays(cls.grade);
    for (const date of dates) {
      const weekday = timetableWeekdayOn(date, cls.grade, days, calendar);
      if (weekday === null) continue;
      for (const e of byClassDay.get(`${cls.id}|${weekday}`) ?? []) {
        if (e.validFrom <= date && date <= e.validTo) wanted.set(`${e.id}|${date}`, e);
      }
    }
  }
  return wanted;
}

/** A lesson matches its entry when nothing the timetable sets differs (a room changed for this lesson only stays). */
function matchesEntry(l: ExistingLesson, e: EntrySlot): boolean {
  return (
    l.groupId === e.groupId &&
    l.subjectId === e.subjectId &&
    l.teacherId === e.teacherId &&
    l.lessonNumber === e.lessonNumber &&
    (l.roomChanged || l.room === e.room)
  );
}

async function updateFromEntries(tx: Db, schoolId: string, lessonIds: string[]): Promise<number> {
  if (lessonIds.length === 0) return 0;
  return tx.execute(sql`
    update lessons l set group_id = e.group_id, subject_id = e.subject_id, teacher_id = e.teacher_id, lesson_number = e.lesson_number,
      room = case when l.room_changed then l.room else e.room end, version = l.version + 1, updated_at = now()
    from timetable_entries e
    where l.school_id = ${schoolId} and l.id = any(${lessonIds}::uuid[]) and e.school_id = l.school_id and e.id = l.timetable_entry_id`);
}

async function insertLessons(tx: Db, schoolId: string, yearId: string, periodId: string, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const entryIds = keys.map((k) => k.slice(0, 36));
  const dates = keys.map((k) => k.slice(37));
  return tx.execute(sql`
    insert into lessons (school_id, academic_year_id, period_id, class_id, group_id, subject_id, teacher_id, timetable_entry_id, date, lesson_number, room)
    select ${schoolId}, ${yearId}, ${periodId}, e.class_id, e.group_id, e.subject_id, e.teacher_id, e.id, d.date, e.lesson_number, e.room
    from unnest(${entryIds}::uuid[], ${dates}::date[]) as d(entry_id, date)
      join timetable_entries e on e.school_id = ${schoolId} and e.id = d.entry_id
    on conflict (school_id, timetable_entry_id, date) where timetable_entry_id is not null do nothing`);
}
