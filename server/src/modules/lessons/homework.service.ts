/**
 * Giving, changing and removing homework at a lesson. Homework is due at a later lesson of the
 * same journal (class, subject, subgroup) or on a later study day of the same academic year;
 * its files are ones the teacher uploaded. Every change is audited; the answer carries the
 * СанПиН load warning of the due day.
 */
import type { Homework, HomeworkInput, UpdateHomeworkInput } from "@otmetka/core/contracts/lessons.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { studyDaysOf, timetableWeekdayOn } from "@otmetka/core/rules/timetable.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import { sql } from "../../platform/db/sql.ts";
import { getSchoolSettings } from "../accounts/accounts.queries.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { invalidField } from "../people/people.queries.ts";
import { type HomeworkRow, homeworkRows, homeworkViews } from "./homework.queries.ts";
import { type LessonRow, lessonRows } from "./lesson-access.ts";
import { loadEditableLesson } from "./topic.service.ts";

interface Due {
  dueOn: string;
  dueLessonId: string | null;
}

/** Is `date` a study day of the grade: not a holiday, within the study week (or a moved working day)? */
async function isStudyDay(ctx: ChangeContext, lesson: LessonRow, date: string): Promise<boolean> {
  const calendar = await ctx.tx.many<{
    kind: "holiday" | "working_day";
    startsOn: string;
    endsOn: string;
    gradeFrom: number;
    gradeTo: number;
  }>(sql`
    select kind, starts_on as "startsOn", ends_on as "endsOn", grade_from as "gradeFrom", grade_to as "gradeTo" from holidays
    where school_id = ${ctx.schoolId} and academic_year_id = ${lesson.academic_year_id} and starts_on <= ${date} and ends_on >= ${date}`);
  const settings = await getSchoolSettings(ctx.tx, ctx.schoolId);
  const days = studyDaysOf(settings.studyWeek, lesson.grade);
  return (
    timetableWeekdayOn(
      date,
      lesson.grade,
      days,
      calendar.map((c) => ({ ...c, followsWeekday: null })),
    ) !== null
  );
}

/** When the homework is due: a later lesson of the same journal, or a later study day of the year; else a clear 400. */
async function resolveDue(ctx: ChangeContext, lesson: LessonRow, input: HomeworkInput): Promise<Due> {
  const dueLessonId = input.dueLessonId ?? null;
  const dueOn = input.dueOn ?? null;
  if ((dueLessonId === null) === (dueOn === null)) {
    throw invalidField("dueOn", "due_required", "Say when the homework is due: a later lesson (dueLessonId) or a day (dueOn), one of them");
  }
  if (dueLessonId) {
    const [due] = await lessonRows(ctx.tx, ctx.schoolId, sql`l.id = ${dueLessonId}`);
    if (!due) throw invalidField("dueLessonId", "due_lesson_not_found", "There is no such lesson");
    if (due.class_id !== lesson.class_id) {
      throw invalidField("dueLessonId", "due_lesson_other_class", `The due lesson is of another class (${due.grade}${due.letter})`);
    }
    if (due.subject_id !== lesson.subject_id || due.group_id !== lesson.group_id) {
      throw invalidField("dueLessonId", "due_lesson_other_subject", "The due lesson is of another subject or subgroup");
    }
    if (due.date <= lesson.date)
      throw invalidField("dueLessonId", "due_lesson_not_later", "The due lesson must be on a later day than this lesson");
    if (due.status === "cancelled") throw invalidField("dueLessonId", "due_lesson_cancelled", "The due lesson is cancelled");
    return { dueOn: due.date, dueLessonId: due.id };
  }
  const day = dueOn as string;
  if (day <= lesson.date) throw invalidField("dueOn", "due_not_after_lesson", "The due day must be after the lesson");
  const year = await ctx.tx.one<{ starts_on: string; ends_on: string }>(sql`
    select starts_on, ends_on from academic_years where school_id = ${ctx.schoolId} and id = ${lesson.academic_year_id}`);
  if (day > year.ends_on) {
    throw invalidField("dueOn", "due_outside_year", `The due day must fall within the academic year (${year.starts_on} – ${year.ends_on})`);
  }
  if (!(await isStudyDay(ctx, lesson, day)))
    throw invalidField("dueOn", "due_not_study_day", "The due day is not a study day of the class");
  return { dueOn: day, dueLessonId: null };
}

/** Files the caller may attach: uploaded by them and not attached elsewhere (or already on this homework). */
async function checkFiles(ctx: ChangeContext, fileIds: readonly string[], homeworkId: string | null): Promise<string[]> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return unique;
  const usable = await ctx.tx.many<{ id: string }>(sql`
    select f.id from files f
    where f.school_id = ${ctx.schoolId} and f.id = any(${unique}::uuid[])
      and (f.created_by = ${ctx.actorUserId} or exists (select 1 from homework_files hf
            where hf.school_id = f.school_id and hf.file_id = f.id and hf.homework_id = ${homeworkId}::uuid))
      and not exists (select 1 from homework_files hf
            where hf.school_id = f.school_id and hf.file_id = f.id and hf.homework_id is distinct from ${homeworkId}::uuid)`);
  if (usable.length !== unique.length) {
    throw invalidField(
      "fileIds",
      "file_not_available",
      "A file is not one you uploaded, or it is attached to other homework: upload it again",
    );
  }
  return unique;
}

const snapshot = (h: { text: string; due: Due; expectedMinutes: number | null; fileIds: readonly string[] }) => ({
  text: h.text,
  dueOn: h.due.dueOn,
  dueLessonId: h.due.dueLessonId,
  expectedMinutes: h.expectedMinutes,
  fileIds: [...h.fileIds].sort(),
});

async function viewOf(ctx: ChangeContext, homeworkId: string): Promise<Homework> {
  const rows = await homeworkRows(ctx.tx, ctx.schoolId, sql`h.id = ${homeworkId}`);
  const [view] = await homeworkViews(ctx.tx, ctx.schoolId, rows, { scope: { all: true }, withWarnings: true });
  return view as Homework;
}

export async function createHomework(ctx: ChangeContext, actor: SchoolActor, lessonId: string, input: HomeworkInput): Promise<Homework> {
  const { row: lesson } = await loadEditableLesson(ctx, actor, lessonId);
  const due = await resolveDue(ctx, lesson, input);
  const fileIds = await checkFiles(ctx, input.fileIds, null);
  const expectedMinutes = input.expectedMinutes ?? null;
  const { id } = await ctx.tx.one<{ id: string }>(sql`
    insert into homework (school_id, lesson_id, class_id, group_id, subject_id, text, due_lesson_id, due_on, expected_minutes, created_by)
    values (${ctx.schoolId}, ${lesson.id}, ${lesson.class_id}, ${lesson.group_id}, ${lesson.subject_id}, ${input.text},
            ${due.dueLessonId}, ${due.dueOn}, ${expectedMinutes}, ${ctx.actorUserId})
    returning id`);
  for (const fileId of fileIds) {
    await ctx.tx.execute(sql`insert into homework_files (school_id, homework_id, file_id) values (${ctx.schoolId}, ${id}, ${fileId})`);
  }
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "homework",
    entityId: id,
    action: "create",
    after: { lessonId: lesson.id, ...snapshot({ text: input.text, due, expectedMinutes, fileIds }) },
    requestId: ctx.requestId,
  });
  return viewOf(ctx, id);
}

/** Homework with its lesson, which the caller must be allowed to change; others' is 404. */
async function loadEditableHomework(ctx: ChangeContext, actor: SchoolActor, homeworkId: string) {
  const [row] = await homeworkRows(ctx.tx, ctx.schoolId, sql`h.id = ${homeworkId}`);
  if (!row) throw new AppError("not_found", "No such homework");
  const { row: lesson } = await loadEditableLesson(ctx, actor, row.lesson_id, { cancelledToo: true });
  await ctx.tx.execute(sql`select 1 from homework where school_id = ${ctx.schoolId} and id = ${homeworkId} for update`);
  const files = await ctx.tx.many<{ file_id: string }>(sql`
    select file_id from homework_files where school_id = ${ctx.schoolId} and homework_id = ${homeworkId}`);
  return { row, lesson, fileIds: files.map((f) => f.file_id) };
}

const dueOf = (row: HomeworkRow): Due => ({ dueOn: row.due_on, dueLessonId: row.due_lesson_id });

/** Removes files no homework uses any more (detached or of deleted homework). */
async function dropUnusedFiles(ctx: ChangeContext, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await ctx.tx.execute(sql`
    delete from files f where f.school_id = ${ctx.schoolId} and f.id = any(${fileIds}::uuid[])
      and not exists (select 1 from homework_files hf where hf.school_id = f.school_id and hf.file_id = f.id)`);
}

export async function updateHomework(
  ctx: ChangeContext,
  actor: SchoolActor,
  homeworkId: string,
  input: UpdateHomeworkInput,
): Promise<Homework> {
  const { row, lesson, fileIds: oldFiles } = await loadEditableHomework(ctx, actor, homeworkId);
  if (row.version !== input.version) {
    throw new AppError("conflict", "The homework was changed by someone else; reload it", {
      details: { current: await viewOf(ctx, row.id) },
    });
  }
  const due = await resolveDue(ctx, lesson, input);
  const fileIds = await checkFiles(ctx, input.fileIds, row.id);
  const expectedMinutes = input.expectedMinutes ?? null;
  await ctx.tx.execute(sql`
    update homework set text = ${input.text}, due_lesson_id = ${due.dueLessonId}, due_on = ${due.dueOn},
      expected_minutes = ${expectedMinutes}, version = version + 1, updated_at = ${ctx.app.now().toISOString()}
    where school_id = ${ctx.schoolId} and id = ${row.id}`);
  await ctx.tx.execute(sql`
    delete from homework_files where school_id = ${ctx.schoolId} and homework_id = ${row.id} and not (file_id = any(${fileIds}::uuid[]))`);
  for (const fileId of fileIds.filter((f) => !oldFiles.includes(f))) {
    await ctx.tx.execute(sql`insert into homework_files (school_id, homework_id, file_id) values (${ctx.schoolId}, ${row.id}, ${fileId})`);
  }
  await dropUnusedFiles(ctx, oldFiles);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "homework",
    entityId: row.id,
    action: "update",
    before: snapshot({ text: row.text, due: dueOf(row), expectedMinutes: row.expected_minutes, fileIds: oldFiles }),
    after: snapshot({ text: input.text, due, expectedMinutes, fileIds }),
    requestId: ctx.requestId,
  });
  return viewOf(ctx, row.id);
}

export async function deleteHomework(ctx: ChangeContext, actor: SchoolActor, homeworkId: string): Promise<void> {
  const { row, fileIds } = await loadEditableHomework(ctx, actor, homeworkId);
  await ctx.tx.execute(sql`delete from homework where school_id = ${ctx.schoolId} and id = ${row.id}`);
  await dropUnusedFiles(ctx, fileIds);
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "homework",
    entityId: row.id,
    action: "delete",
    before: { lessonId: row.lesson_id, ...snapshot({ text: row.text, due: dueOf(row), expectedMinutes: row.expected_minutes, fileIds }) },
    requestId: ctx.requestId,
  });
}
