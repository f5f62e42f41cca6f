/**
 * A new student and their enrolment, written as `createStudent` and `enrol` write them (the same
 * rows, the same audit events) but without reading the student card back after each: an import
 * of a thousand students would spend most of its time on those reads, and on the embedded
 * database every other request waits for it. The checks those services make were made by the
 * validator on the same transaction; a person that did not exist cannot be enrolled concurrently.
 */
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import { sql } from "../../platform/db/sql.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { isUniqueViolation } from "../people/people.queries.ts";
import type { DocumentValue } from "./imports.cells.ts";

export interface NewStudent {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  gender: "m" | "f" | null;
  snils: string | null;
  document: DocumentValue | null;
}

export async function insertEnrolledStudent(
  ctx: ChangeContext,
  s: NewStudent,
  placement: { classId: string; startsOn: string },
): Promise<void> {
  const { tx, schoolId } = ctx;
  let personId: string;
  try {
    ({ id: personId } = await tx.one<{ id: string }>(sql`
      insert into people (school_id, last_name, first_name, middle_name, birth_date, gender, snils, document_type, document_series, document_number)
      values (${schoolId}, ${s.lastName}, ${s.firstName}, ${s.middleName}, ${s.birthDate}, ${s.gender}, ${s.snils},
              ${s.document?.type ?? null}, ${s.document?.series ?? null}, ${s.document?.number ?? null})
      returning id`));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "Another student of the school has this СНИЛС");
    throw error;
  }
  await recordEvent(tx, {
    schoolId,
    actorUserId: ctx.actorUserId,
    entity: "person",
    entityId: personId,
    action: "create",
    after: { ...s, archived: false },
    requestId: ctx.requestId,
  });
  const { id: enrolmentId } = await tx.one<{ id: string }>(sql`
    insert into enrolments (school_id, person_id, class_id, group_id, starts_on)
    values (${schoolId}, ${personId}, ${placement.classId}, null, ${placement.startsOn}) returning id`);
  await recordEvent(tx, {
    schoolId,
    actorUserId: ctx.actorUserId,
    entity: "enrolment",
    entityId: enrolmentId,
    action: "create",
    after: { personId, classId: placement.classId, groupId: null, startsOn: placement.startsOn, endsOn: null },
    requestId: ctx.requestId,
  });
}
