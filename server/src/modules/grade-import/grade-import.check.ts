/**
 * The check of every row of a grade file against the journal, with the rules of the grid's own
 * cell save said up front, row by row: the student and the lesson must be the journal's, the
 * lesson open for this actor (held, not in the future, inside the edit window), the mark one
 * the school uses, no mark for a student marked absent, one row per cell, and a reason for any
 * row that replaces a different mark. The save itself checks everything again when importing.
 */
import {
  GRADE_IMPORT_COLUMNS,
  type GradeImportChange,
  type GradeImportColumnKey,
  type GradeImportError,
} from "@otmetka/core/contracts/grade-import.ts";
import type { JournalCell, MarkValue } from "@otmetka/core/contracts/journal.ts";
import { changesExistingMarks, isPastEditWindow, lockedBefore } from "../journal/journal.policy.ts";
import { emptyCell } from "../journal/journal.queries.ts";
import type { FileRow } from "./grade-import.file.ts";
import type { ImportJournal, ImportLesson, ImportStudent } from "./grade-import.journal.ts";
import { looksLikeDate, marksText, nameKey, parseDate, parseLessonNumber, parseMarks, russianDate } from "./grade-import.values.ts";

const COMMENT_MAX = 500;

const headerOf = (key: GradeImportColumnKey) => GRADE_IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;

/** A row the check passed, with what the save needs. */
export interface RowChange extends GradeImportChange {
  cell: JournalCell;
}

export interface CheckedRows {
  errors: GradeImportError[];
  changes: RowChange[];
  valid: number;
  skipped: number;
  unchanged: number;
}

class RowErrors {
  readonly list: GradeImportError[] = [];
  readonly line: number;
  constructor(line: number) {
    this.line = line;
  }
  add(key: GradeImportColumnKey | null, code: string, text: string, params: Record<string, string> = {}): void {
    const column = key ? headerOf(key) : null;
    const message = `Строка ${this.line}${column ? `, «${column}»` : ""}: ${text}`;
    this.list.push({ row: this.line, column, code, message, params });
  }
}

/** Students by the names a file may give them: «Фамилия Имя» and «Фамилия Имя Отчество». */
function studentIndex(students: readonly ImportStudent[]): Map<string, ImportStudent[]> {
  const index = new Map<string, ImportStudent[]>();
  for (const s of students) {
    const keys = new Set([nameKey(s.displayName), nameKey(`${s.displayName} ${s.middleName}`)]);
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), s]);
  }
  return index;
}

function findStudent(e: RowErrors, raw: string, index: Map<string, ImportStudent[]>): ImportStudent | null {
  if (raw === "") {
    e.add("student", "missing_value", "не указан ученик");
    return null;
  }
  const found = index.get(nameKey(raw)) ?? [];
  if (found.length === 1) return found[0] as ImportStudent;
  if (found.length === 0) e.add("student", "unknown_student", `в журнале нет ученика «${raw}»`, { value: raw });
  else e.add("student", "ambiguous_student", `в журнале несколько учеников «${raw}»: добавьте отчество`, { value: raw });
  return null;
}

function findLesson(e: RowErrors, journal: ImportJournal, date: string, numberText: string): ImportLesson | null {
  const number = parseLessonNumber(numberText);
  if (Number.isNaN(number)) {
    e.add("lessonNumber", "invalid_lesson_number", `«${numberText}» — не номер урока (целое число от 0 до 10)`, { value: numberText });
    return null;
  }
  const shown = russianDate(date);
  const thatDay = journal.lessons.filter((l) => l.date === date);
  const numbers = thatDay.map((l) => String(l.lessonNumber)).join(", ");
  if (thatDay.length === 0) {
    e.add("date", "no_lesson", `${shown} в этом журнале нет урока`, { date: shown });
    return null;
  }
  if (number !== null) {
    const lesson = thatDay.find((l) => l.lessonNumber === number);
    if (!lesson)
      e.add("lessonNumber", "no_lesson_number", `${shown} нет урока № ${number}; в этот день уроки № ${numbers}`, {
        date: shown,
        value: String(number),
        numbers,
      });
    return lesson ?? null;
  }
  const held = thatDay.filter((l) => l.status === "scheduled");
  if (held.length > 1) {
    e.add("lessonNumber", "lesson_ambiguous", `${shown} уроков несколько (№ ${numbers}): укажите номер урока`, { date: shown, numbers });
    return null;
  }
  return held[0] ?? (thatDay[0] as ImportLesson);
}

/** The lesson is open to this actor for marks: the save's rules (saveCell) said per row. */
function checkLessonOpen(e: RowErrors, journal: ImportJournal, lesson: ImportLesson): void {
  const shown = russianDate(lesson.date);
  const { today, isAdmin, unlockedUntil } = journal.context;
  const before = lockedBefore(today, journal.settings.editWindowDays);
  if (lesson.status === "cancelled") e.add("date", "lesson_cancelled", `урок ${shown} отменён`, { date: shown });
  else if (lesson.date > today)
    e.add("date", "lesson_in_future", `урок ${shown} ещё не прошёл: отметки ставятся с его дня`, { date: shown });
  else if (isPastEditWindow({ isAdmin, unlocked: unlockedUntil !== null, date: lesson.date, lockedBefore: before })) {
    const until = russianDate(before);
    e.add("date", "lesson_locked", `урок ${shown} закрыт для изменений (открыты уроки с ${until}); администратор может открыть журнал`, {
      date: shown,
      lockedBefore: until,
    });
  } else if (lesson.rights !== "full") {
    e.add("date", "lesson_not_yours", `урок ${shown} ведёт другой учитель: вы ставите отметки только на своих уроках`, { date: shown });
  }
}

function readMarks(e: RowErrors, raw: string, allowMarkOne: boolean): MarkValue[] | null {
  if (raw === "") {
    e.add("mark", "missing_value", "нет отметки (удалить отметку можно только в журнале)");
    return null;
  }
  const marks = parseMarks(raw);
  if (!marks) {
    if (looksLikeDate(raw)) {
      e.add("mark", "mark_is_date", `«${raw}» — дата: Excel превратил отметку в дату; задайте столбцу «Отметка» текстовый формат`, {
        value: raw,
      });
    } else e.add("mark", "invalid_mark", `«${raw}» — не отметка: 5, 4, 3, 2, 5/4, •, н/а, зач, незач, осв`, { value: raw });
    return null;
  }
  if (!allowMarkOne && marks.includes("1")) {
    e.add("mark", "mark_not_allowed", "в школе не ставят отметку 1", { value: raw });
    return null;
  }
  return marks;
}

const isEnrolledOn = (student: ImportStudent, date: string) => student.from <= date && (student.to === null || date <= student.to);

export function checkRows(rows: readonly FileRow[], journal: ImportJournal, cells: Map<string, JournalCell>, reason: string): CheckedRows {
  const index = studentIndex(journal.students);
  const period = journal.context.period;
  const seen = new Map<string, number>();
  const result: CheckedRows = { errors: [], changes: [], valid: 0, skipped: 0, unchanged: 0 };

  for (const { line, values } of rows) {
    if (values.date === "" && values.lessonNumber === "" && values.mark === "" && values.comment === "") {
      result.skipped += 1;
      continue;
    }
    const e = new RowErrors(line);
    const student = findStudent(e, values.student, index);
    let date: string | null = null;
    if (values.date === "") e.add("date", "missing_value", "не указана дата урока");
    else {
      date = parseDate(values.date);
      if (!date) e.add("date", "invalid_date", `«${values.date}» — не дата: пишите ДД.ММ.ГГГГ`, { value: values.date });
      else if (date < period.startsOn || date > period.endsOn) {
        const params = { date: russianDate(date), from: russianDate(period.startsOn), to: russianDate(period.endsOn) };
        e.add("date", "date_outside_period", `${params.date} вне периода «${period.name}» (${params.from}–${params.to})`, params);
        date = null;
      }
    }
    const lesson = date ? findLesson(e, journal, date, values.lessonNumber) : null;
    if (lesson) checkLessonOpen(e, journal, lesson);
    const marks = readMarks(e, values.mark, journal.settings.allowMarkOne);
    if (values.comment.length > COMMENT_MAX) {
      e.add("comment", "comment_too_long", `комментарий длиннее ${COMMENT_MAX} знаков`, { max: String(COMMENT_MAX) });
    }
    if (student && lesson && !isEnrolledOn(student, lesson.date)) {
      const shown = russianDate(lesson.date);
      e.add("student", "student_not_enrolled", `${shown} ученик не числится в этом классе (группе)`, { date: shown });
    }
    if (student && lesson) {
      const key = `${lesson.id}:${student.id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        const params = { line: String(first), date: russianDate(lesson.date) };
        e.add(null, "duplicate_cell", `отметка этому ученику за урок ${params.date} уже есть в строке ${first}`, params);
      } else seen.set(key, line);
    }
    if (e.list.length > 0 || !student || !lesson || !marks) {
      result.errors.push(...e.list);
      continue;
    }

    const cell = cells.get(`${lesson.id}:${student.id}`) ?? emptyCell(lesson.id, student.id);
    const comment = values.comment || cell.comment;
    if (cell.attendance?.state.startsWith("ABSENT_") && marks.some((m) => m !== "DUE")) {
      e.add(
        "mark",
        "mark_with_absence",
        `ученик отмечен отсутствующим на уроке ${russianDate(lesson.date)}: отметку не ставят (можно «•»)`,
        {
          date: russianDate(lesson.date),
        },
      );
    }
    const changesExisting = changesExistingMarks(cell.marks, marks);
    if (changesExisting && reason === "") {
      const params = { before: marksText(cell.marks), after: marksText(marks) };
      e.add("mark", "reason_required", `в журнале уже стоит ${params.before}: чтобы заменить на ${params.after}, укажите причину`, params);
    }
    if (e.list.length > 0) {
      result.errors.push(...e.list);
      continue;
    }
    result.valid += 1;
    if (cell.marks.join("/") === marks.join("/") && comment === cell.comment) {
      result.unchanged += 1;
      continue;
    }
    result.changes.push({
      row: line,
      studentId: student.id,
      student: student.displayName,
      lessonId: lesson.id,
      date: lesson.date,
      lessonNumber: lesson.lessonNumber,
      before: cell.marks,
      after: marks,
      commentBefore: cell.comment,
      commentAfter: comment,
      changesExisting,
      cell,
    });
  }
  return result;
}
