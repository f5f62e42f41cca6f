import { journalEndpoints } from "@otmetka/core/contracts/journal.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { saveCell } from "./cells.service.ts";
import { cachedJournalGrid } from "./grid.cache.ts";
import { updateLesson } from "./lessons.service.ts";
import { setPeriodMark } from "./period-marks.service.ts";
import { createUnlock, endUnlock, listActiveUnlocks } from "./unlocks.service.ts";
import { getYearSheet } from "./year-marks.queries.ts";
import { setYearMark } from "./year-marks.service.ts";

export const journalRoutes = [
  route(journalEndpoints.grid, {
    access: ["admin", "teacher"],
    async handler({ db, actor, query, app, request }) {
      const fresh = /\bno-cache\b/i.test(String(request.headers["cache-control"] ?? ""));
      return cachedJournalGrid(app, db, actor, query, { fresh });
    },
  }),
  route(journalEndpoints.saveCell, {
    access: ["admin", "teacher"],
    async handler(h) {
      return saveCell(changeContext(h), h.actor, h.params.lessonId, h.params.studentId, h.body);
    },
  }),
  route(journalEndpoints.updateLesson, {
    access: ["admin", "teacher"],
    async handler(h) {
      return updateLesson(changeContext(h), h.actor, h.params.lessonId, h.body);
    },
  }),
  route(journalEndpoints.setPeriodMark, {
    access: ["admin", "teacher"],
    async handler(h) {
      return setPeriodMark(changeContext(h), h.actor, h.params, h.body);
    },
  }),
  route(journalEndpoints.yearSheet, {
    access: ["admin", "teacher"],
    async handler({ db, actor, query, app }) {
      return getYearSheet(db, actor, query, app.now());
    },
  }),
  route(journalEndpoints.setYearMark, {
    access: ["admin", "teacher"],
    async handler(h) {
      return setYearMark(changeContext(h), h.actor, h.params, h.body);
    },
  }),
  route(journalEndpoints.listUnlocks, {
    access: ["admin"],
    async handler({ db, actor, app }) {
      return { items: await listActiveUnlocks(db, actor, app.now()) };
    },
  }),
  route(journalEndpoints.createUnlock, {
    access: ["admin"],
    async handler(h) {
      return createUnlock(changeContext(h), h.actor, h.body);
    },
  }),
  route(journalEndpoints.endUnlock, {
    access: ["admin"],
    async handler(h) {
      await endUnlock(changeContext(h), h.actor, h.params.unlockId);
      return { ok: true as const };
    },
  }),
];
