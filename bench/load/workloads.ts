/**
 * What the benchmarks send. Endpoints come from the contracts (core/src/contracts), so a changed
 * path or method follows automatically.
 *
 * - reference: `GET /api/v1/subjects` as a teacher — the session check every request pays plus
 *   one indexed read of a small table (DESIGN.md §9's reference endpoint, among the existing routes),
 *   from many client addresses like the grid;
 * - grid: the journal grid of the grid school's 35 × 70 journals, read by their teachers (their
 *   sessions from many client addresses, so the per-address rate limit does not answer instead);
 * - save: 50 teachers of the comparison school, each signed in with a session of their own and
 *   working in their own journal, save marks in the lessons of the edit window. Requests go to the
 *   teachers in turn, so each has about one save in flight; each save names the cell's current
 *   version (learnt from the grid, then from each answer), so none is a conflict, and puts a
 *   mark other than the cell's current one, so every save writes, audits and notifies;
 * - live: while they save, each of the 50 teachers holds `GET /api/v1/live` open, as their open
 *   journal does, so each save's push is matched against 50 subscribers and sent to its teacher.
 */
import { request as httpRequest } from "node:http";
import { type JournalGrid, journalEndpoints } from "@otmetka/core/contracts/journal.ts";
import { liveEndpoints } from "@otmetka/core/contracts/live.ts";
import { classEndpoints } from "@otmetka/core/contracts/structure-classes.ts";
import type { Db } from "../../server/src/platform/db/db.ts";
import { sql } from "../../server/src/platform/db/sql.ts";
import { call, clientAddress, headersOf, pathOf, type Session, signIn } from "./http.ts";
import type { NextRequest } from "./measure.ts";

export const SAVING_TEACHERS = 50;

interface Journal {
  email: string;
  classId: string;
  subjectId: string;
  periodId: string;
}

export interface Workloads {
  reference: () => NextRequest;
  grid: () => NextRequest;
  save: () => NextRequest;
  onSaved: (status: number, body: string) => void;
  /** Opens every saving teacher's live stream; events are counted until `close`. */
  openLiveStreams: () => Promise<LiveStreams>;
  /** What was found, for the report. */
  facts: { gridJournals: string[]; savingTeachers: number; editableCells: number; referencePath: string };
}

export interface LiveStreams {
  /** Change events received so far on all streams (not the `hello` each stream starts with). */
  events(): number;
  close(): void;
}

let clients = 0;
const nextAddress = () => clientAddress(++clients);

export async function prepareWorkloads(
  db: Db,
  baseUrl: string,
  options: { compareSchoolId: string; gridSchoolId: string; password: string; today: string },
): Promise<Workloads> {
  // Grid: the 10th grade's mathematics and Russian journals of the first half-year, read by their teachers.
  const gridJournals = await db.many<Journal>(sql`
    select distinct u.email, l.class_id as "classId", l.subject_id as "subjectId", l.period_id as "periodId"
    from lessons l join classes c on c.school_id = l.school_id and c.id = l.class_id
    join subjects s on s.school_id = l.school_id and s.id = l.subject_id
    join periods p on p.school_id = l.school_id and p.id = l.period_id
    join users u on u.id = l.teacher_id
    where l.school_id = ${options.gridSchoolId} and c.grade = 10 and s.name in ('Математика', 'Русский язык')
      and p.kind = 'half_year' and p.number = 1`);
  const gridSessions = new Map<string, Session>();
  for (const j of gridJournals) {
    if (!gridSessions.has(j.email)) gridSessions.set(j.email, await signIn(baseUrl, j.email, options.password, nextAddress()));
  }
  const grids = gridJournals.map((j) => ({
    session: gridSessions.get(j.email)!,
    path: pathOf(journalEndpoints.grid, {}, { classId: j.classId, subjectId: j.subjectId, periodId: j.periodId }),
  }));
  const gridShapes: string[] = [];
  for (const g of grids) {
    const grid = await call<JournalGrid>(baseUrl, g.session, journalEndpoints.grid, g.path);
    gridShapes.push(
      `${grid.class.name} ${grid.subject.name}: ${grid.students.length} × ${grid.lessons.length}, ${grid.cells.length} cells`,
    );
  }

  // Save: per teacher of the comparison school, the journal with the most lessons in the last two weeks.
  const candidates = await db.many<Journal>(sql`
    select distinct on (l.teacher_id) u.email, l.class_id as "classId", l.subject_id as "subjectId", l.period_id as "periodId"
    from lessons l join users u on u.id = l.teacher_id
    where l.school_id = ${options.compareSchoolId} and l.date > ${options.today}::date - 14 and l.date <= ${options.today}::date
    group by l.teacher_id, u.email, l.class_id, l.subject_id, l.period_id
    order by l.teacher_id, count(*) desc, l.class_id, l.subject_id`);
  const savers: { session: Session; cells: { lessonId: string; studentId: string }[]; turn: number }[] = [];
  const versions = new Map<string, number>();
  /** Each open cell's first mark as last saved: the next save always puts a different one (a real write). */
  const current = new Map<string, string | undefined>();
  for (const j of candidates) {
    if (savers.length === SAVING_TEACHERS) break;
    const session = await signIn(baseUrl, j.email, options.password, nextAddress());
    const grid = await call<JournalGrid>(
      baseUrl,
      session,
      journalEndpoints.grid,
      pathOf(journalEndpoints.grid, {}, { classId: j.classId, subjectId: j.subjectId, periodId: j.periodId }),
    );
    const saved = new Map(grid.cells.map((c) => [`${c.lessonId}|${c.studentId}`, c]));
    const cells = grid.lessons
      .filter((l) => !l.locked && !l.future && l.status === "scheduled")
      .flatMap((l) => grid.students.map((s) => ({ lessonId: l.id, studentId: s.id })))
      .filter((c) => !saved.get(`${c.lessonId}|${c.studentId}`)?.attendance);
    for (const c of cells) {
      const cell = saved.get(`${c.lessonId}|${c.studentId}`);
      versions.set(`${c.lessonId}|${c.studentId}`, cell?.version ?? 0);
      current.set(`${c.lessonId}|${c.studentId}`, cell?.marks[0]);
    }
    if (cells.length >= SAVING_TEACHERS) savers.push({ session, cells, turn: 0 });
  }
  if (savers.length < SAVING_TEACHERS) {
    throw new Error(
      `only ${savers.length} teachers have lessons open for marks today (${options.today}): run the benchmark on a school day`,
    );
  }

  const referenceSessions = savers.map((s) => s.session);
  const gridAddresses = Array.from({ length: 4096 }, nextAddress);
  const referenceAddresses = Array.from({ length: 4096 }, nextAddress);
  const referencePath = pathOf(classEndpoints.listSubjects);
  let r = 0;
  let g = 0;
  let s = 0;
  const marks = ["5", "4", "3", "4", "5", "2"];
  return {
    reference: () => {
      // Many addresses too: at thousands of requests a second, 50 would meet the per-address limit.
      const session = { ...referenceSessions[r % referenceSessions.length]!, ip: referenceAddresses[r++ % referenceAddresses.length]! };
      return { method: classEndpoints.listSubjects.method, path: referencePath, headers: headersOf(session, "GET") };
    },
    grid: () => {
      const target = grids[g % grids.length]!;
      // The two teachers' sessions from many addresses, as many viewers behind a proxy: at
      // thousands of reads a second one address would meet the per-address limit (1,200 a minute).
      const viewer = { ...target.session, ip: gridAddresses[g++ % gridAddresses.length]! };
      return { method: journalEndpoints.grid.method, path: target.path, headers: headersOf(viewer, "GET") };
    },
    save: () => {
      const teacher = savers[s % savers.length]!;
      const cell = teacher.cells[teacher.turn++ % teacher.cells.length]!;
      const key = `${cell.lessonId}|${cell.studentId}`;
      let mark = marks[s++ % marks.length]!;
      if (mark === current.get(key)) mark = marks[s++ % marks.length]!;
      const body = {
        marks: [mark],
        attendance: null,
        comment: "",
        version: versions.get(key)!,
        reason: "нагрузочный тест",
      };
      return {
        method: journalEndpoints.saveCell.method,
        path: pathOf(journalEndpoints.saveCell, cell),
        headers: headersOf(teacher.session, journalEndpoints.saveCell.method),
        body: JSON.stringify(body),
      };
    },
    onSaved: (status, body) => {
      type Cell = { lessonId: string; studentId: string; version: number; marks: string[] };
      // A 409 names the cell's current version: a save answered after a run stopped listening
      // (autocannon drops answers in flight at its end) left this copy behind.
      const conflict = status === 409 ? (JSON.parse(body) as { error: { details: { current?: Cell } } }).error.details.current : undefined;
      if (conflict) {
        versions.set(`${conflict.lessonId}|${conflict.studentId}`, conflict.version);
        current.set(`${conflict.lessonId}|${conflict.studentId}`, conflict.marks[0]);
      }
      if (status !== 200) return;
      const { cell } = JSON.parse(body) as { cell: Cell };
      versions.set(`${cell.lessonId}|${cell.studentId}`, cell.version);
      current.set(`${cell.lessonId}|${cell.studentId}`, cell.marks[0]);
    },
    openLiveStreams: () =>
      openLiveStreams(
        baseUrl,
        savers.map((t) => t.session),
      ),
    facts: {
      gridJournals: gridShapes,
      savingTeachers: savers.length,
      editableCells: savers.reduce((n, t) => n + t.cells.length, 0),
      referencePath: `${classEndpoints.listSubjects.method} ${referencePath}`,
    },
  };
}

/** One server-sent event stream per session, open once each has said `hello`. */
async function openLiveStreams(baseUrl: string, sessions: readonly Session[]): Promise<LiveStreams> {
  const url = new URL(baseUrl);
  let events = 0;
  const requests = await Promise.all(
    sessions.map(
      (session) =>
        new Promise<ReturnType<typeof httpRequest>>((resolve, reject) => {
          const req = httpRequest(
            {
              host: url.hostname,
              port: url.port,
              method: "GET",
              path: liveEndpoints.stream.path,
              headers: { ...headersOf(session, "GET"), accept: "text/event-stream", "accept-encoding": "identity" },
            },
            (res) => {
              if (res.statusCode !== 200) {
                reject(new Error(`${liveEndpoints.stream.path} answered ${res.statusCode}`));
                res.resume();
                return;
              }
              let buffered = "";
              res.setEncoding("utf8");
              res.on("data", (chunk: string) => {
                buffered += chunk;
                const messages = buffered.split("\n\n");
                buffered = messages.pop() ?? "";
                for (const message of messages) {
                  if (message.includes("event: hello")) resolve(req);
                  else if (message.split("\n").some((line) => line.startsWith("data:"))) events++;
                }
              });
              res.on("error", () => undefined);
            },
          );
          req.on("error", reject);
          req.end();
        }),
    ),
  );
  return {
    events: () => events,
    close: () => {
      for (const req of requests) req.destroy();
    },
  };
}
