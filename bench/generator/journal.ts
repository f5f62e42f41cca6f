/**
 * The journal of the dated lessons: attendance, marks and the period marks of ended periods,
 * shaped after the comparison dataset of DESIGN.md §9.
 *
 * - Attendance: absences come in spells over whole school days (illness of 2–6 days, a day
 *   unexcused, 1–3 excused days), ≈ 4 % of student-days; ≈ 1.5 % of attended lessons are late
 *   (1–20 minutes). Present is no cell at all.
 * - Marks: at a lesson with a work type of its own (a test, a dictation…) nearly every present
 *   student gets a mark; at classwork 60 % of them do. That is ≈ 20 marks per student and
 *   subject per 59 school days — the peer's «20 graded works per section» — so the preset's
 *   1,000 students have ≈ 230,000 marks by the 59th school day. Grade 1 is not marked
 *   (безотметочное обучение, domain.md §4.2). Each student has a level, so some are strong and
 *   some weak, and over the school 35 % of marks are fives, 40 % fours, 20 % threes, 5 % twos;
 *   ≈ 3 % of marked cells hold a second mark (5/4). Absent students get no mark.
 * - Period marks: for each period that ended before today (and whose lessons were all planned),
 *   the mark suggested by the school's rules (core/src/rules/grades.ts) from the weighted
 *   average, set by the teacher as suggested.
 */
import type { SchoolSettings } from "@otmetka/core/contracts/settings.ts";
import { suggestPeriodMark, type WeightedMark } from "@otmetka/core/rules/grades.ts";
import type { PlannedCalendar } from "./calendar.ts";
import { CLASSWORK } from "./lessons.ts";
import { type Random, WeightedList } from "./random.ts";
import type { PlannedCell, PlannedClass, PlannedLesson, PlannedPerson, PlannedPeriodMark } from "./types.ts";

type Absence = "ABSENT_ILLNESS" | "ABSENT_UNEXCUSED" | "ABSENT_EXCUSED";

/** Chance that a present student starts an absence spell on a school day (≈ 4 % of days absent). */
const SPELL_START = 0.0145;
const SPELLS: readonly (readonly [Absence, number, number, number])[] = [
  // reason, weight, shortest, longest (school days)
  ["ABSENT_ILLNESS", 55, 2, 6],
  ["ABSENT_UNEXCUSED", 25, 1, 1],
  ["ABSENT_EXCUSED", 20, 1, 3],
];
const LATE_SHARE = 0.015;
const MARKED_AT_WORK = 0.95;
const MARKED_AT_CLASSWORK = 0.6;
const SECOND_MARK = 0.03;

/** Student levels; their mixture gives ≈ 35 % fives, 40 % fours, 20 % threes, 5 % twos. */
const LEVELS = new WeightedList<WeightedList<string>>([
  [
    new WeightedList([
      ["5", 65],
      ["4", 30],
      ["3", 5],
    ]),
    25,
  ],
  [
    new WeightedList([
      ["5", 35],
      ["4", 50],
      ["3", 14],
      ["2", 1],
    ]),
    40,
  ],
  [
    new WeightedList([
      ["5", 15],
      ["4", 40],
      ["3", 35],
      ["2", 10],
    ]),
    25,
  ],
  [
    new WeightedList([
      ["5", 5],
      ["4", 25],
      ["3", 50],
      ["2", 20],
    ]),
    10,
  ],
]);
const SPELL_KINDS = new WeightedList(SPELLS.map((s) => [s, s[1]] as const));

export interface PlannedJournal {
  cells: PlannedCell[];
  periodMarks: PlannedPeriodMark[];
}

export function planJournal(
  random: Random,
  options: {
    calendar: PlannedCalendar;
    classes: readonly PlannedClass[];
    people: readonly PlannedPerson[];
    lessons: readonly PlannedLesson[];
    settings: SchoolSettings;
    today: string;
    /** The first day with lessons, when not the start of the year: earlier periods get no period marks. */
    since?: string;
  },
): PlannedJournal {
  const weights = new Map(options.settings.workTypes.map((w) => [w.code, w.weightTenths]));
  const byClass = new Map<string, PlannedLesson[]>();
  for (const lesson of options.lessons) {
    const list = byClass.get(lesson.entry.classId);
    if (list) list.push(lesson);
    else byClass.set(lesson.entry.classId, [lesson]);
  }
  const cells: PlannedCell[] = [];
  /** Marks per period × subject × student, and who teaches that section. */
  const marks = new Map<string, { teacherId: string; marks: WeightedMark[] }>();

  options.classes.forEach((cls, index) => {
    const draw = random.fork(`journal:${index}`);
    const students = options.people.filter((p) => p.classId === cls.id);
    const levels = students.map(() => LEVELS.pick(draw));
    const absence = students.map(() => ({ reason: null as Absence | null, days: 0 }));
    const lessons = byClass.get(cls.id) ?? [];
    for (let start = 0; start < lessons.length; ) {
      let end = start;
      while (end < lessons.length && lessons[end]!.date === lessons[start]!.date) end++;
      const day = lessons.slice(start, end);
      start = end;
      students.forEach((student, s) => {
        const spell = absence[s]!;
        if (spell.days === 0 && draw.chance(SPELL_START)) {
          const [reason, , shortest, longest] = SPELL_KINDS.pick(draw);
          Object.assign(spell, { reason, days: draw.int(shortest, longest) });
        }
        const absent = spell.days > 0 ? spell.reason : null;
        if (spell.days > 0) spell.days--;
        for (const lesson of day) {
          const key = `${lesson.periodId}|${lesson.entry.subjectId}|${student.id}`;
          const section = marks.get(key) ?? { teacherId: lesson.entry.teacherId, marks: [] };
          marks.set(key, section);
          const cell: PlannedCell = {
            lessonId: lesson.id,
            studentId: student.id,
            mark1: null,
            mark2: null,
            attendance: absent,
            lateMinutes: null,
            updatedBy: lesson.entry.teacherId,
            updatedAt: `${lesson.date}T${String(7 + lesson.entry.lessonNumber).padStart(2, "0")}:00:00Z`,
          };
          if (!absent) {
            if (draw.chance(LATE_SHARE)) Object.assign(cell, { attendance: "LATE", lateMinutes: draw.int(1, 20) });
            const graded = cls.grade >= 2 && draw.chance(lesson.workType === CLASSWORK ? MARKED_AT_CLASSWORK : MARKED_AT_WORK);
            if (graded) {
              cell.mark1 = levels[s]!.pick(draw);
              if (draw.chance(SECOND_MARK)) cell.mark2 = levels[s]!.pick(draw);
              const weightTenths = weights.get(lesson.workType) ?? 10;
              for (const value of [cell.mark1, cell.mark2]) if (value) section.marks.push({ value, weightTenths });
            }
          }
          if (cell.attendance || cell.mark1) cells.push(cell);
        }
      });
    }
  });
  return { cells, periodMarks: planPeriodMarks(options, marks) };
}

/** Period marks of every student × subject taught in a period that ended before today (not grade 1). */
function planPeriodMarks(
  options: {
    calendar: PlannedCalendar;
    classes: readonly PlannedClass[];
    people: readonly PlannedPerson[];
    settings: SchoolSettings;
    today: string;
    since?: string;
  },
  marks: Map<string, { teacherId: string; marks: WeightedMark[] }>,
): PlannedPeriodMark[] {
  const since = options.since ?? options.calendar.startsOn;
  const ended = new Map(options.calendar.periods.filter((p) => p.endsOn < options.today && p.startsOn >= since).map((p) => [p.id, p]));
  const grade = new Map(options.classes.map((c) => [c.id, c.grade]));
  const unmarked = new Set(options.people.filter((p) => grade.get(p.classId) === 1).map((p) => p.id));
  const { roundingRule, minMarksForPeriod, allowMarkOne } = options.settings;
  const result: PlannedPeriodMark[] = [];
  for (const [key, section] of marks) {
    const [periodId, subjectId, studentId] = key.split("|") as [string, string, string];
    const period = ended.get(periodId);
    if (!period || unmarked.has(studentId)) continue;
    const suggestion = suggestPeriodMark(section.marks, { roundingRule, minMarksForPeriod, allowMarkOne });
    result.push({
      periodId,
      subjectId,
      studentId,
      averageNum: suggestion.average?.num ?? null,
      averageDen: suggestion.average?.den ?? null,
      suggested: suggestion.suggested,
      value: suggestion.suggested,
      setBy: section.teacherId,
      setAt: `${period.endsOn}T12:00:00Z`,
    });
  }
  return result;
}
