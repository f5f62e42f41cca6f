import { structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { route } from "../../platform/http/route.ts";
import {
  type ClassRow,
  findClass,
  listClasses,
  listClassTeacherCandidates,
  listGroupsOf,
  toClassView,
  toGroupView,
} from "./classes.queries.ts";
import { createClass, setClassArchived, updateClass } from "./classes.service.ts";
import { createGroup, renameGroup, setGroupArchived } from "./groups.service.ts";
import { listSubjects, toSubjectView } from "./subjects.queries.ts";
import { createSubject, setSubjectArchived, updateSubject } from "./subjects.service.ts";

/** Teachers read subjects and classes of their school; admins change them. */
const readers = ["admin", "teacher"] as const;

async function classView(db: Db, actor: SchoolActor, row: ClassRow, includeArchived = false) {
  return toClassView(actor, row, await listGroupsOf(db, actor, [row.id], includeArchived));
}

export const subjectRoutes = [
  route(e.listSubjects, {
    access: readers,
    async handler({ db, actor, query }) {
      return { items: (await listSubjects(db, actor, query.includeArchived ?? false)).map((r) => toSubjectView(actor, r)) };
    },
  }),
  route(e.createSubject, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      return toSubjectView(actor, await createSubject(db, actor, body, String(request.id)));
    },
  }),
  route(e.updateSubject, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toSubjectView(actor, await updateSubject(db, actor, params.subjectId, body, String(request.id)));
    },
  }),
  route(e.archiveSubject, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toSubjectView(actor, await setSubjectArchived(db, actor, params.subjectId, true, String(request.id)));
    },
  }),
  route(e.restoreSubject, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toSubjectView(actor, await setSubjectArchived(db, actor, params.subjectId, false, String(request.id)));
    },
  }),
];

export const classRoutes = [
  route(e.listClasses, {
    access: readers,
    async handler({ db, actor, query }) {
      const includeArchived = query.includeArchived ?? false;
      const rows = await listClasses(db, actor, { academicYearId: query.academicYearId, includeArchived });
      const groups = await listGroupsOf(
        db,
        actor,
        rows.map((r) => r.id),
        includeArchived,
      );
      return { items: rows.map((r) => toClassView(actor, r, groups)) };
    },
  }),
  route(e.classTeacherCandidates, {
    access: ["admin"],
    async handler({ db, actor }) {
      return { items: await listClassTeacherCandidates(db, actor) };
    },
  }),
  route(e.getClass, {
    access: readers,
    async handler({ db, actor, params, query }) {
      return classView(db, actor, await findClass(db, actor, params.classId), query.includeArchived ?? false);
    },
  }),
  route(e.createClass, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      return classView(db, actor, await createClass(db, actor, body, String(request.id)));
    },
  }),
  route(e.updateClass, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return classView(db, actor, await updateClass(db, actor, params.classId, body, String(request.id)));
    },
  }),
  route(e.archiveClass, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return classView(db, actor, await setClassArchived(db, actor, params.classId, true, String(request.id)));
    },
  }),
  route(e.restoreClass, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return classView(db, actor, await setClassArchived(db, actor, params.classId, false, String(request.id)));
    },
  }),
  route(e.createGroup, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toGroupView(actor, await createGroup(db, actor, params.classId, body, String(request.id)));
    },
  }),
  route(e.updateGroup, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toGroupView(actor, await renameGroup(db, actor, params.groupId, body, String(request.id)));
    },
  }),
  route(e.archiveGroup, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toGroupView(actor, await setGroupArchived(db, actor, params.groupId, true, String(request.id)));
    },
  }),
  route(e.restoreGroup, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toGroupView(actor, await setGroupArchived(db, actor, params.groupId, false, String(request.id)));
    },
  }),
];
