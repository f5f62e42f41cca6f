import { lessonEndpoints } from "@otmetka/core/contracts/lessons.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { fileRoutes } from "./files.routes.ts";
import { checkHomework, markHomeworkDone } from "./homework-status.service.ts";
import { createHomework, deleteHomework, updateHomework } from "./homework.service.ts";
import { getLessonPage } from "./lessons.queries.ts";
import { planRoutes } from "./plans.routes.ts";
import { getStudentHomework } from "./student-homework.queries.ts";
import { setLessonTopic } from "./topic.service.ts";

/** The lesson page, topics, homework and its marks; with the thematic plans and homework files. */
export const lessonRoutes = [
  route(lessonEndpoints.page, {
    // Who sees what is decided per lesson (lessons.policy.ts): anyone else gets 404.
    access: ["admin", "teacher", "parent", "student"],
    async handler({ db, actor, params, app }) {
      return getLessonPage(db, actor, params.lessonId, app.now());
    },
  }),
  route(lessonEndpoints.setTopic, {
    access: ["admin", "teacher"],
    async handler(h) {
      return setLessonTopic(changeContext(h), h.actor, h.params.lessonId, h.body);
    },
  }),
  route(lessonEndpoints.createHomework, {
    access: ["admin", "teacher"],
    async handler(h) {
      return createHomework(changeContext(h), h.actor, h.params.lessonId, h.body);
    },
  }),
  route(lessonEndpoints.updateHomework, {
    access: ["admin", "teacher"],
    async handler(h) {
      return updateHomework(changeContext(h), h.actor, h.params.homeworkId, h.body);
    },
  }),
  route(lessonEndpoints.deleteHomework, {
    access: ["admin", "teacher"],
    async handler(h) {
      await deleteHomework(changeContext(h), h.actor, h.params.homeworkId);
      return { ok: true as const };
    },
  }),
  route(lessonEndpoints.markDone, {
    access: ["student"],
    async handler(h) {
      return markHomeworkDone(changeContext(h), h.actor, h.params.homeworkId, h.body.done);
    },
  }),
  route(lessonEndpoints.check, {
    access: ["admin", "teacher"],
    async handler(h) {
      return checkHomework(changeContext(h), h.actor, h.params.homeworkId, h.params.studentId, h.body);
    },
  }),
  route(lessonEndpoints.studentHomework, {
    access: ["student", "parent"],
    async handler({ db, actor, query }) {
      return getStudentHomework(db, actor, query);
    },
  }),
  ...planRoutes,
  ...fileRoutes,
];
