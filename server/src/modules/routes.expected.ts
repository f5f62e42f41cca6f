import { ROLES, type Role } from "@otmetka/core/contracts/common.ts";

export type Who = "anonymous" | Role;
export const WHO: readonly Who[] = ["anonymous", ...ROLES];
export type Outcomes = Record<Who, number>;

/**
 * What each route answers to each caller, when called with random uuids for path parameters,
 * no query string, and `{}` as the body of routes that take one (a one-line file for routes with
 * a `rawBody` type), so 400 is "let in, then refused for the missing fields". Every caller is
 * signed in to a school of their own with one role; "anonymous" has no session. 401/403 must
 * match the route's `access`.
 *
 * Adding a route? Run routes.test.ts: it prints the rows to paste here, with what it observed. Check
 * each number is what you mean before pasting it.
 */
export const EXPECTED: Record<string, Outcomes> = {
  // accounts
  "GET /api/v1/me": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  // class-teacher
  "GET /api/v1/classes/:classId/absences": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/absences/excuse": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/classes/:classId/journal-completion": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  // home
  "GET /api/v1/home/setup": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/me/class-sizes": { anonymous: 401, admin: 403, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/me/children": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "GET /api/v1/me/student": { anonymous: 401, admin: 403, teacher: 403, parent: 403, student: 404 },
  // school profile, settings and structure (years, periods, holidays, subjects, classes, subgroups)
  "DELETE /api/v1/holidays/:holidayId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/academic-years": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/academic-years/:yearId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/academic-years/:yearId/holidays": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/academic-years/:yearId/periods": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/classes": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/classes/:classId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/classes/teacher-candidates": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/school": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/school/settings": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/school/settings/history": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/subjects": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "PATCH /api/v1/academic-years/:yearId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/class-groups/:groupId": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/classes/:classId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/holidays/:holidayId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/periods/:periodId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/subjects/:subjectId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/holidays": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/periods": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/periods/generate": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/academic-years/:yearId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/class-groups/:groupId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/class-groups/:groupId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/groups": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/classes/:classId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/periods/:periodId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/periods/:periodId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/subjects": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/subjects/:subjectId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/subjects/:subjectId/restore": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PUT /api/v1/school": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "PUT /api/v1/school/settings": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  // sign-in, registration, password reset, second factor
  "POST /api/v1/auth/login": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/logout": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "POST /api/v1/auth/register": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/register/confirm": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/register/resend": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/password-reset": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/password-reset/confirm": { anonymous: 400, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/mfa": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/auth/mfa/send": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  // own account: password, second factor, sessions (session ids are not uuids: 400)
  "POST /api/v1/me/password": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/me/mfa/totp/setup": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "POST /api/v1/me/mfa/totp/enable": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/me/mfa/disable": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "GET /api/v1/me/sessions": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  "DELETE /api/v1/me/sessions/:id": { anonymous: 401, admin: 400, teacher: 400, parent: 400, student: 400 },
  "POST /api/v1/me/sessions/revoke-others": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  // people
  "GET /api/v1/students": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/students/:studentId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/students/:studentId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/account": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/enrolments": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/transfer": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/enrolments/:enrolmentId/end": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/students/:studentId/guardians": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "DELETE /api/v1/students/:studentId/guardians/:parentUserId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/classes/:classId/roster": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  // staff
  "GET /api/v1/staff": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/staff": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/staff/:userId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/staff/:userId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/staff/:userId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/staff/:userId/invitation": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/teaching-assignments": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/teaching-assignments": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/teaching-assignments/:assignmentId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/me/teaching": { anonymous: 401, admin: 403, teacher: 200, parent: 403, student: 403 },
  // audit
  "GET /api/v1/audit/events": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/audit/verify": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  // live updates (an event stream: the walk reads its status and headers, then hangs up)
  "GET /api/v1/live": { anonymous: 401, admin: 200, teacher: 200, parent: 200, student: 200 },
  // imports
  "GET /api/v1/imports/roster/:kind/template": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/imports/roster/:kind": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  // lessons: the lesson page (who sees it is decided per lesson: 404 otherwise), topics, homework and its marks
  "GET /api/v1/lessons/:lessonId": { anonymous: 401, admin: 404, teacher: 404, parent: 404, student: 404 },
  "PUT /api/v1/lessons/:lessonId/topic": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/lessons/:lessonId/homework": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/homework/:homeworkId": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "DELETE /api/v1/homework/:homeworkId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "PUT /api/v1/homework/:homeworkId/done": { anonymous: 401, admin: 403, teacher: 403, parent: 403, student: 400 },
  "PUT /api/v1/homework/:homeworkId/students/:studentId/check": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/homework": { anonymous: 401, admin: 403, teacher: 403, parent: 400, student: 400 },
  // thematic plans (КТП)
  "GET /api/v1/lesson-plans": { anonymous: 401, admin: 200, teacher: 200, parent: 403, student: 403 },
  "POST /api/v1/lesson-plans": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/lesson-plans/:planId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "PATCH /api/v1/lesson-plans/:planId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "DELETE /api/v1/lesson-plans/:planId": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/lesson-plans/template/:format": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/lesson-plans/:planId/import": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "POST /api/v1/lesson-plans/:planId/fill-topics": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  // files (homework attachments; a download is 404 to whoever may not see the homework)
  "POST /api/v1/files": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "GET /api/v1/files/:fileId": { anonymous: 401, admin: 404, teacher: 404, parent: 404, student: 404 },
  // journal: grid, cells, lesson work types, period and year marks, unlocks (query/body required: 400)
  "GET /api/v1/journal": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/journal/lessons/:lessonId/cells/:studentId": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PATCH /api/v1/journal/lessons/:lessonId": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/journal/period-marks/:periodId/:subjectId/:studentId": {
    anonymous: 401,
    admin: 400,
    teacher: 400,
    parent: 403,
    student: 403,
  },
  "GET /api/v1/journal/year-marks": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "PUT /api/v1/journal/year-marks/:academicYearId/:subjectId/:studentId": {
    anonymous: 401,
    admin: 400,
    teacher: 400,
    parent: 403,
    student: 403,
  },
  "GET /api/v1/journal/unlocks": { anonymous: 401, admin: 200, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/journal/unlocks": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "DELETE /api/v1/journal/unlocks/:unlockId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  // grade import into one journal (the journal key is a required query: 400)
  "GET /api/v1/journal/grade-import/template": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/journal/grade-import": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  // timetable: bell times, weekly entries, lesson generation, week views, changes of dated lessons
  "GET /api/v1/academic-years/:yearId/bell-times": { anonymous: 401, admin: 404, teacher: 404, parent: 404, student: 404 },
  "PUT /api/v1/academic-years/:yearId/bell-times": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/timetable/entries": { anonymous: 401, admin: 400, teacher: 400, parent: 403, student: 403 },
  "POST /api/v1/timetable/entries": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "PATCH /api/v1/timetable/entries/:entryId": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/entries/:entryId/archive": { anonymous: 401, admin: 404, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/generate": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/timetable/classes/:classId/week": { anonymous: 401, admin: 404, teacher: 404, parent: 403, student: 403 },
  "GET /api/v1/timetable/day": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "GET /api/v1/me/timetable": { anonymous: 401, admin: 403, teacher: 200, parent: 403, student: 403 },
  "GET /api/v1/me/student/timetable": { anonymous: 401, admin: 403, teacher: 403, parent: 403, student: 404 },
  "GET /api/v1/me/children/:studentId/timetable": { anonymous: 401, admin: 403, teacher: 403, parent: 404, student: 403 },
  "POST /api/v1/timetable/lessons/extra": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/substitution": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/cancel": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/uncancel": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
  "POST /api/v1/timetable/lessons/:lessonId/room": { anonymous: 401, admin: 400, teacher: 403, parent: 403, student: 403 },
};
