import { timetableEndpoints as e } from "@otmetka/core/contracts/timetable.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { route } from "../../platform/http/route.ts";
import { getBellTimes, saveBellTimes } from "./bell-times.service.ts";
import { listEntries, toEntryView } from "./entries.queries.ts";
import { archiveEntry, createEntry, updateEntry } from "./entries.service.ts";
import { generateLessons } from "./generation.service.ts";
import {
  findOwnPersonId,
  getClassWeek,
  getSchoolDay,
  getStudentWeek,
  getTeacherWeek,
  requireOwnChild,
  toLessonView,
  weekOf,
} from "./lessons.queries.ts";
import { addExtraLesson, cancelLesson, changeRoom, setSubstitute, uncancelLesson } from "./lessons.service.ts";

/** The weekly timetable is no secret inside the school: admins change it, teachers read it. */
const staff = ["admin", "teacher"] as const;

export const timetableRoutes = [
  route(e.getBellTimes, {
    access: ["admin", "teacher", "student", "parent"],
    async handler({ db, actor, params }) {
      return getBellTimes(db, actor, params.yearId);
    },
  }),
  route(e.saveBellTimes, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return saveBellTimes(db, actor, params.yearId, body, String(request.id));
    },
  }),

  route(e.listEntries, {
    access: staff,
    async handler({ db, actor, query }) {
      if (!query.yearId && !query.classId && !query.teacherId) {
        throw new AppError("validation_failed", "Name a year, a class or a teacher", {
          issues: [{ path: ["query", "yearId"], code: "required", message: "Name a year, a class or a teacher" }],
        });
      }
      return { items: (await listEntries(db, actor, query)).map((r) => toEntryView(actor, r)) };
    },
  }),
  route(e.createEntry, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      return toEntryView(actor, await createEntry(db, actor, body, String(request.id)));
    },
  }),
  route(e.updateEntry, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toEntryView(actor, await updateEntry(db, actor, params.entryId, body, String(request.id)));
    },
  }),
  route(e.archiveEntry, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toEntryView(actor, await archiveEntry(db, actor, params.entryId, String(request.id)));
    },
  }),
  route(e.generateLessons, {
    access: ["admin"],
    async handler({ db, actor, body, app, request }) {
      return generateLessons(db, actor, body, app.now(), String(request.id));
    },
  }),

  route(e.classWeek, {
    access: staff,
    async handler({ db, actor, params, query, app }) {
      return getClassWeek(db, actor, params.classId, await weekOf(db, actor, query.from, app.now()));
    },
  }),
  route(e.schoolDay, {
    access: ["admin"],
    async handler({ db, actor, query }) {
      return { date: query.date, lessons: await getSchoolDay(db, actor, query.date, query.classId) };
    },
  }),
  route(e.myWeek, {
    access: ["teacher"],
    async handler({ db, actor, query, app }) {
      return getTeacherWeek(db, actor, await weekOf(db, actor, query.from, app.now()));
    },
  }),
  route(e.studentWeek, {
    access: ["student"],
    async handler({ db, actor, query, app }) {
      const personId = await findOwnPersonId(db, actor);
      return getStudentWeek(db, actor, personId, await weekOf(db, actor, query.from, app.now()));
    },
  }),
  route(e.childWeek, {
    access: ["parent"],
    async handler({ db, actor, params, query, app }) {
      await requireOwnChild(db, actor, params.studentId);
      return getStudentWeek(db, actor, params.studentId, await weekOf(db, actor, query.from, app.now()));
    },
  }),

  route(e.addExtraLesson, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      return toLessonView(actor, await addExtraLesson(db, actor, body, String(request.id)));
    },
  }),
  route(e.substitute, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toLessonView(actor, await setSubstitute(db, actor, params.lessonId, body, String(request.id)));
    },
  }),
  route(e.cancelLesson, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toLessonView(actor, await cancelLesson(db, actor, params.lessonId, body, String(request.id)));
    },
  }),
  route(e.uncancelLesson, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toLessonView(actor, await uncancelLesson(db, actor, params.lessonId, body, String(request.id)));
    },
  }),
  route(e.changeRoom, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toLessonView(actor, await changeRoom(db, actor, params.lessonId, body, String(request.id)));
    },
  }),
];
