import { structureEndpoints as e } from "@otmetka/core/contracts/structure.ts";
import { route } from "../../platform/http/route.ts";
import { findYear, listHolidays, listPeriods, listYears, toHolidayView, toPeriodView, toYearView } from "./calendar.queries.ts";
import { createHoliday, deleteHoliday, updateHoliday } from "./holidays.service.ts";
import { createPeriod, generateStandardPeriods, setPeriodArchived, updatePeriod } from "./periods.service.ts";
import { createYear, setYearArchived, updateYear } from "./years.service.ts";

/** Teachers read the calendar (periods for marks, holidays for the timetable); admins change it. */
const readers = ["admin", "teacher"] as const;

export const calendarRoutes = [
  route(e.listYears, {
    access: readers,
    async handler({ db, actor, query }) {
      const rows = await listYears(db, actor, query.includeArchived ?? false);
      return { items: rows.map((r) => toYearView(actor, r)) };
    },
  }),
  route(e.getYear, {
    access: readers,
    async handler({ db, actor, params }) {
      return toYearView(actor, await findYear(db, actor, params.yearId));
    },
  }),
  route(e.createYear, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      return toYearView(actor, await createYear(db, actor, body, String(request.id)));
    },
  }),
  route(e.updateYear, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toYearView(actor, await updateYear(db, actor, params.yearId, body, String(request.id)));
    },
  }),
  route(e.archiveYear, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toYearView(actor, await setYearArchived(db, actor, params.yearId, true, String(request.id)));
    },
  }),
  route(e.restoreYear, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toYearView(actor, await setYearArchived(db, actor, params.yearId, false, String(request.id)));
    },
  }),

  route(e.listPeriods, {
    access: readers,
    async handler({ db, actor, params, query }) {
      await findYear(db, actor, params.yearId);
      const rows = await listPeriods(db, actor, params.yearId, query.includeArchived ?? false);
      return { items: rows.map((r) => toPeriodView(actor, r)) };
    },
  }),
  route(e.createPeriod, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toPeriodView(actor, await createPeriod(db, actor, params.yearId, body, String(request.id)));
    },
  }),
  route(e.generatePeriods, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      const created = await generateStandardPeriods(db, actor, params.yearId, body, String(request.id));
      return {
        periods: created.periods.map((r) => toPeriodView(actor, r)),
        holidays: created.holidays.map((r) => toHolidayView(actor, r)),
      };
    },
  }),
  route(e.updatePeriod, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toPeriodView(actor, await updatePeriod(db, actor, params.periodId, body, String(request.id)));
    },
  }),
  route(e.archivePeriod, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toPeriodView(actor, await setPeriodArchived(db, actor, params.periodId, true, String(request.id)));
    },
  }),
  route(e.restorePeriod, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      return toPeriodView(actor, await setPeriodArchived(db, actor, params.periodId, false, String(request.id)));
    },
  }),

  route(e.listHolidays, {
    access: readers,
    async handler({ db, actor, params }) {
      await findYear(db, actor, params.yearId);
      return { items: (await listHolidays(db, actor, params.yearId)).map((r) => toHolidayView(actor, r)) };
    },
  }),
  route(e.createHoliday, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toHolidayView(actor, await createHoliday(db, actor, params.yearId, body, String(request.id)));
    },
  }),
  route(e.updateHoliday, {
    access: ["admin"],
    async handler({ db, actor, params, body, request }) {
      return toHolidayView(actor, await updateHoliday(db, actor, params.holidayId, body, String(request.id)));
    },
  }),
  route(e.deleteHoliday, {
    access: ["admin"],
    async handler({ db, actor, params, request }) {
      await deleteHoliday(db, actor, params.holidayId, String(request.id));
      return { ok: true as const };
    },
  }),
];
