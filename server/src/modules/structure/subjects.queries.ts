import type { SubjectView } from "@otmetka/core/contracts/structure.ts";
import { AppError } from "@otmetka/core/errors.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { empty, sql } from "../../platform/db/sql.ts";
import { archivableAbilities } from "./structure.policy.ts";

export type SubjectRow = Omit<SubjectView, "abilities">;

const columns = sql`id, name, short_name as "shortName", archived_at is not null as archived`;

export const toSubjectView = (actor: SchoolActor, row: SubjectRow): SubjectView => ({ ...row, abilities: archivableAbilities(actor, row) });

/** Teachers read the whole list too: they pick subjects in the journal and timetable. */
export async function listSubjects(db: Db, actor: SchoolActor, includeArchived: boolean): Promise<SubjectRow[]> {
  return db.many<SubjectRow>(sql`
    select ${columns} from subjects
    where school_id = ${actor.schoolId} ${includeArchived ? empty : sql`and archived_at is null`}
    order by archived_at is not null, lower(name)`);
}

export async function findSubject(db: Db, actor: SchoolActor, subjectId: string): Promise<SubjectRow> {
  const row = await db.maybeOne<SubjectRow>(sql`select ${columns} from subjects where school_id = ${actor.schoolId} and id = ${subjectId}`);
  if (!row) throw new AppError("not_found", "Subject not found");
  return row;
}
