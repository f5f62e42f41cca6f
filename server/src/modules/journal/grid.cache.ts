import { journalEndpoints, type JournalQuery } from "@otmetka/core/contracts/journal.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Db } from "../../platform/db/db.ts";
import { SerializedJson } from "../../platform/http/route.ts";
import { dateIn } from "../people/people.queries.ts";
import { buildJournalGrid } from "./grid.queries.ts";

/** What a kept grid was built for: it shows `locked`/`future` as of that school day. */
interface GridMeta {
  today: string;
  timeZone: string;
}

/**
 * The key of a kept grid: the journal and everything about the viewer the answer depends on
 * (who they are, their roles and the classes they lead decide `locked` and `abilities`).
 */
function keyOf(actor: SchoolActor, query: JournalQuery): string {
  return [
    "journal-grid",
    actor.schoolId,
    actor.userId,
    [...actor.roles].sort().join(","),
    [...actor.classTeacherOf].sort().join(","),
    query.classId,
    query.subjectId,
    query.periodId,
    query.groupId ?? "",
  ].join("|");
}

/**
 * The journal grid, sent again as it was while nothing in the school has changed (a grid is
 * ≈ 300 KB of JSON from eight queries; re-reads are common: the teacher switching periods or
 * coming back, other viewers refetching after a live event of another journal). Access is
 * unchanged: the key is per viewer, and any change to the school — a mark, a lesson, a roster,
 * an assignment, a setting — ends every kept answer of the school (platform/cache/read-cache.ts).
 * An answer is also dropped when the school's day turns (`locked` and `future` move) and when
 * an unlock it reflects runs out. `fresh` (a request with `Cache-Control: no-cache`, as the web
 * app sends when a live event says the grid changed) always builds the grid anew.
 */
export async function cachedJournalGrid(
  app: AppContext,
  db: Db,
  actor: SchoolActor,
  query: JournalQuery,
  options: { fresh?: boolean } = {},
): Promise<SerializedJson> {
  const now = app.now();
  const key = keyOf(actor, query);
  const kept = options.fresh ? null : app.readCache.get<GridMeta>(key, now.getTime());
  if (kept && kept.meta.today === dateIn(kept.meta.timeZone, now)) return kept.body;

  const ticket = await app.readCache.begin(actor.schoolId);
  const { grid, timeZone } = await buildJournalGrid(db, actor, query, now);
  const answer = SerializedJson.of(journalEndpoints.grid, grid);
  const unlockEnds = grid.unlockedUntil ? Date.parse(grid.unlockedUntil) : undefined;
  app.readCache.set(ticket, key, { body: answer, meta: { today: grid.today, timeZone } }, now.getTime(), unlockEnds);
  return answer;
}
