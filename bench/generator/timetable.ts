/**
 * Bell schedules and the weekly timetable. Each class gets a five-day week whose days are
 * contiguous from lesson 1 (students have no gaps), sized by its weekly hours and the СанПиН
 * limits of domain.md §4.7; its teaching assignments are then placed on those slots by a seeded
 * local search (swapping two lessons of one class) until no teacher is in two classes at the same
 * weekday and lesson number — the conflict the timetable API rejects — while spreading a subject
 * over different days. Every teacher has a room of their own, so rooms never clash either.
 */
import { randomUUID } from "node:crypto";
import type { Random } from "./random.ts";
import type { PlannedAssignment, PlannedBellTime, PlannedClass, PlannedTeacher, PlannedTimetableEntry } from "./types.ts";

const WEEKDAYS = 5;
/** Lesson numbers used by the timetable (the bell schedule of the first shift has one more). */
const MAX_LESSONS = 7;
const SLOTS = WEEKDAYS * MAX_LESSONS;
/** A teacher clash costs this many subject-on-the-same-day repeats. */
const CLASH_COST = 20;

/** Bell schedules: first shift 8 lessons from 8:30, second shift 7 from 13:30; 45 minutes, breaks of 10 and 20. */
export function planBellTimes(shifts: readonly number[]): PlannedBellTime[] {
  const breaks = [10, 20, 20, 10, 10, 10, 10];
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const times: PlannedBellTime[] = [];
  for (const shift of [...new Set(shifts)].sort()) {
    let start = shift === 1 ? 8 * 60 + 30 : 13 * 60 + 30;
    const count = shift === 1 ? 8 : 7;
    for (let n = 1; n <= count; n++) {
      times.push({ shift, lessonNumber: n, startsAt: clock(start), endsAt: clock(start + 45) });
      start += 45 + (breaks[n - 1] ?? 10);
    }
  }
  return times;
}

/** Most lessons a day for a grade (СанПиН 1.2.3685-21, as in domain.md §4.7). */
function dailyLimit(grade: number): number {
  return grade === 1 ? 5 : grade <= 4 ? 5 : grade <= 6 ? 6 : 7;
}

/** Lessons per weekday for a class: as even as possible, the longer days drawn at random. */
function daySizes(random: Random, grade: number, hours: number): number[] {
  const limit = Math.max(dailyLimit(grade), Math.ceil(hours / WEEKDAYS));
  if (limit > MAX_LESSONS) throw new Error(`${hours} weekly lessons do not fit in a ${WEEKDAYS}-day week`);
  const sizes = Array.from({ length: WEEKDAYS }, () => Math.floor(hours / WEEKDAYS));
  const longer = random.shuffle([0, 1, 2, 3, 4]).slice(0, hours % WEEKDAYS);
  for (const day of longer) sizes[day]! += 1;
  return sizes;
}

interface ClassWeek {
  /** Slot (day × MAX_LESSONS + lesson − 1) of each position. */
  slots: number[];
  /** Assignment index at each position. */
  tokens: number[];
}

interface Section {
  assignment: PlannedAssignment;
  teacher: number;
  subject: number;
  /** How often the subject may fall on one day before it counts as crowded. */
  perDay: number;
}

/**
 * Places every assignment's weekly hours on its class's week. `hours(assignment)` is the weekly
 * count; throws when no clash-free timetable is found (a teacher with more lessons than slots).
 */
export function planTimetable(
  random: Random,
  options: {
    classes: readonly PlannedClass[];
    assignments: readonly PlannedAssignment[];
    teachers: readonly PlannedTeacher[];
    hours: (assignment: PlannedAssignment) => number;
  },
): PlannedTimetableEntry[] {
  const teacherIndex = new Map(options.teachers.map((t, i) => [t.userId, i]));
  const subjectIndex = new Map<string, number>();
  const sections: Section[] = options.assignments.map((a) => {
    if (!subjectIndex.has(a.subjectId)) subjectIndex.set(a.subjectId, subjectIndex.size);
    const hours = options.hours(a);
    return {
      assignment: a,
      teacher: teacherIndex.get(a.teacherId)!,
      subject: subjectIndex.get(a.subjectId)!,
      perDay: Math.ceil(hours / WEEKDAYS),
    };
  });
  const weeks: ClassWeek[] = options.classes.map((cls) => {
    const tokens: number[] = [];
    sections.forEach((s, i) => {
      if (s.assignment.classId === cls.id) for (let h = 0; h < options.hours(s.assignment); h++) tokens.push(i);
    });
    const slots: number[] = [];
    daySizes(random, cls.grade, tokens.length).forEach((size, day) => {
      for (let n = 0; n < size; n++) slots.push(day * MAX_LESSONS + n);
    });
    return { slots, tokens: random.shuffle(tokens) };
  });

  for (let attempt = 0; attempt < 20; attempt++) {
    if (searchWithoutClashes(random, weeks, sections, options.teachers.length)) {
      const rooms = teacherRooms(options.teachers, options.classes);
      return weeks.flatMap((week) =>
        week.tokens.map((token, position) => {
          const slot = week.slots[position]!;
          const a = sections[token]!.assignment;
          return {
            id: randomUUID(),
            classId: a.classId,
            groupId: null,
            subjectId: a.subjectId,
            teacherId: a.teacherId,
            weekday: Math.floor(slot / MAX_LESSONS) + 1,
            lessonNumber: (slot % MAX_LESSONS) + 1,
            room: rooms.get(a.teacherId)!,
          };
        }),
      );
    }
    for (const week of weeks) random.shuffle(week.tokens);
  }
  throw new Error("no clash-free timetable found: some teacher has more lessons than the week has slots");
}

/**
 * Min-conflicts search: moves each clashing lesson to the best other position of its class
 * (sideways moves allowed, rarely a worse one), then a few rounds that only spread subjects.
 */
function searchWithoutClashes(random: Random, weeks: ClassWeek[], sections: Section[], teacherCount: number): boolean {
  const load = new Int16Array(teacherCount * SLOTS);
  const subjectCount = new Map<string, number>();
  const dayKey = (w: number, subject: number, slot: number) => `${w}:${subject}:${Math.floor(slot / MAX_LESSONS)}`;
  const count = (key: string, change: number) => subjectCount.set(key, (subjectCount.get(key) ?? 0) + change);
  /** The crowding added by moving a lesson onto (+1) or off (−1) the slot's day. */
  const crowding = (w: number, section: Section, slot: number, change: 1 | -1) => {
    const n = (subjectCount.get(dayKey(w, section.subject, slot)) ?? 0) + (change > 0 ? 1 : 0);
    return n > section.perDay ? change : 0;
  };
  const place = (w: number, p: number, change: 1 | -1) => {
    const week = weeks[w]!;
    const s = sections[week.tokens[p]!]!;
    load[s.teacher * SLOTS + week.slots[p]!]! += change;
    count(dayKey(w, s.subject, week.slots[p]!), change);
  };
  const clashing = () =>
    weeks.flatMap((week, w) =>
      week.tokens.flatMap((token, p) => (load[sections[token]!.teacher * SLOTS + week.slots[p]!]! > 1 ? [[w, p] as const] : [])),
    );
  /** The cheapest swap partners of position p: cost = clashes × CLASH_COST + crowding. */
  const bestSwaps = (w: number, p: number, clashFree: boolean) => {
    const week = weeks[w]!;
    const a = sections[week.tokens[p]!]!;
    const sa = week.slots[p]!;
    let best = Number.POSITIVE_INFINITY;
    let choices: number[] = [];
    for (let q = 0; q < week.tokens.length; q++) {
      const b = sections[week.tokens[q]!]!;
      const sb = week.slots[q]!;
      if (q === p || a.teacher === b.teacher) continue;
      const clashes =
        (load[a.teacher * SLOTS + sb]! >= 1 ? 1 : 0) -
        (load[a.teacher * SLOTS + sa]! >= 2 ? 1 : 0) +
        (load[b.teacher * SLOTS + sa]! >= 1 ? 1 : 0) -
        (load[b.teacher * SLOTS + sb]! >= 2 ? 1 : 0);
      if (clashFree && clashes > 0) continue;
      const sameDay = Math.floor(sa / MAX_LESSONS) === Math.floor(sb / MAX_LESSONS);
      const crowd =
        sameDay || a.subject === b.subject
          ? 0
          : crowding(w, a, sb, 1) + crowding(w, a, sa, -1) + crowding(w, b, sa, 1) + crowding(w, b, sb, -1);
      const cost = clashes * CLASH_COST + crowd;
      if (cost < best) [best, choices] = [cost, [q]];
      else if (cost === best) choices.push(q);
    }
    return { best, choices };
  };
  const swap = (w: number, p: number, q: number) => {
    const week = weeks[w]!;
    place(w, p, -1);
    place(w, q, -1);
    [week.tokens[p], week.tokens[q]] = [week.tokens[q]!, week.tokens[p]!];
    place(w, p, 1);
    place(w, q, 1);
  };

  weeks.forEach((week, w) => {
    for (let p = 0; p < week.tokens.length; p++) place(w, p, 1);
  });
  let todo = clashing();
  for (let round = 0; round < 400 && todo.length > 0; round++, todo = clashing()) {
    for (const [w, p] of random.shuffle([...todo])) {
      const { best, choices } = bestSwaps(w, p, false);
      if (choices.length > 0 && (best < 0 || (best === 0 && random.chance(0.5)) || random.chance(0.01))) swap(w, p, random.pick(choices));
    }
  }
  if (todo.length > 0) return false;
  const all = weeks.flatMap((week, w) => week.tokens.map((_, p) => [w, p] as const));
  for (let round = 0; round < 10; round++) {
    let improved = false;
    for (const [w, p] of random.shuffle([...all])) {
      const { best, choices } = bestSwaps(w, p, true);
      if (best < 0) {
        swap(w, p, random.pick(choices));
        improved = true;
      }
    }
    if (!improved) break;
  }
  return true;
}

/** A room per teacher: a primary teacher's class room (101…), specialists' cabinets (201…), the gyms. */
function teacherRooms(teachers: readonly PlannedTeacher[], classes: readonly PlannedClass[]): Map<string, string> {
  const rooms = new Map<string, string>();
  const leads = new Set(classes.filter((c) => c.grade <= 4).map((c) => c.classTeacherId));
  let primary = 100;
  let cabinet = 200;
  let gym = 0;
  for (const t of teachers) {
    if (t.specialty === "pe") rooms.set(t.userId, ++gym === 1 ? "Спортзал" : `Спортзал ${gym}`);
    else if (t.specialty === "primary" && leads.has(t.userId)) rooms.set(t.userId, String(++primary));
    else rooms.set(t.userId, String(++cabinet));
  }
  return rooms;
}
