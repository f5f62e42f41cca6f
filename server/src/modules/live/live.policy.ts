import type { LiveEvent } from "@otmetka/core/contracts/live.ts";

/**
 * What one subscriber may see of its school's live events, computed from the database when the
 * stream opens and refreshed while it stays open (live.queries.ts). Matching an event is then
 * pure and costs no query.
 */
export interface LiveScope {
  schoolId: string | null;
  /** An admin of the school: every event. */
  everything: boolean;
  /** Classes a teacher teaches or leads: every event of them. */
  classes: ReadonlySet<string>;
  /** Lessons a teacher gives or substitutes in classes outside `classes`: every event of them. */
  lessons: ReadonlySet<string>;
  /** The student themself, or a parent's children (people ids): their own cells and period marks. */
  students: ReadonlySet<string>;
  /** The classes of those students: events of the class as a whole (lessons, timetable), not of classmates. */
  familyClasses: ReadonlySet<string>;
  /** Whether the user teaches in the school: a timetable change may add a lesson to their scope. */
  isTeacher: boolean;
}

export const EMPTY_SCOPE: LiveScope = {
  schoolId: null,
  everything: false,
  classes: new Set(),
  lessons: new Set(),
  students: new Set(),
  familyClasses: new Set(),
  isTeacher: false,
};

/** May the subscriber with this scope see the event? */
export function canSeeLiveEvent(scope: LiveScope, event: LiveEvent): boolean {
  if (scope.schoolId === null || event.schoolId !== scope.schoolId) return false;
  if (scope.everything || scope.classes.has(event.classId)) return true;
  if (event.lessonId !== undefined && scope.lessons.has(event.lessonId)) return true;
  // An event about one student goes to that student and their parents only, never to classmates.
  if (event.studentId !== undefined) return scope.students.has(event.studentId);
  return scope.familyClasses.has(event.classId);
}

/**
 * An event that may widen a subscriber's scope: a timetable change can name a teacher as the
 * substitute of a lesson outside their classes. A teacher who cannot see it yet reloads their
 * scope once and checks again.
 */
export function mayWidenScope(scope: LiveScope, event: LiveEvent): boolean {
  return scope.isTeacher && event.kind === "timetable.lesson" && event.schoolId === scope.schoolId;
}
