/**
 * Homework files: a teacher uploads a file first (checked by its bytes, stored), then names it
 * in the homework (one no homework names a day later is removed: files.jobs.ts). A file is downloaded by whoever may see a lesson whose homework has it, and
 * by its uploader; to anyone else it does not exist.
 */
import type { FileRef } from "@otmetka/core/contracts/files.ts";
import { AppError } from "@otmetka/core/errors.ts";
import { recordEvent } from "../../platform/audit/events.ts";
import type { SchoolActor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/db.ts";
import { sql } from "../../platform/db/sql.ts";
import { checkUploadedFile } from "../../platform/files/file-check.ts";
import { readFileContent, type StoredFile, storeFile } from "../../platform/files/file-store.ts";
import { sendJob } from "../../platform/jobs/jobs.ts";
import type { ChangeContext } from "../people/invitations.service.ts";
import { collectUnattachedFile, UNATTACHED_FILE_GRACE_MS } from "./files.jobs.ts";
import { loadLesson } from "./lesson-access.ts";

export async function uploadFile(
  ctx: ChangeContext,
  query: { name: string; type?: string | undefined },
  bytes: Uint8Array,
): Promise<FileRef> {
  const type = await checkUploadedFile(query.name, bytes, query.type);
  const file = await storeFile(ctx.tx, {
    schoolId: ctx.schoolId,
    name: query.name,
    mediaType: type.mediaType,
    bytes,
    createdBy: ctx.actorUserId,
  });
  await recordEvent(ctx.tx, {
    schoolId: ctx.schoolId,
    actorUserId: ctx.actorUserId,
    entity: "file",
    entityId: file.id,
    action: "upload",
    after: { name: file.name, mediaType: file.mediaType, size: file.size },
    requestId: ctx.requestId,
  });
  await sendJob(
    ctx.tx,
    collectUnattachedFile.name,
    { schoolId: ctx.schoolId, fileId: file.id },
    { startAfter: new Date(ctx.app.now().getTime() + UNATTACHED_FILE_GRACE_MS) },
  );
  return file;
}

/** The file, if the caller uploaded it or may see a lesson whose homework has it; else 404. */
export async function fileForDownload(db: Db, actor: SchoolActor, fileId: string): Promise<StoredFile> {
  const meta = await db.maybeOne<{ created_by: string | null }>(
    sql`select created_by from files where school_id = ${actor.schoolId} and id = ${fileId}`,
  );
  if (!meta) throw new AppError("not_found", "No such file");
  let allowed = meta.created_by === actor.userId;
  if (!allowed) {
    const lessons = await db.many<{ lesson_id: string }>(sql`
      select distinct h.lesson_id from homework_files hf join homework h on h.school_id = hf.school_id and h.id = hf.homework_id
      where hf.school_id = ${actor.schoolId} and hf.file_id = ${fileId}`);
    for (const { lesson_id } of lessons) {
      allowed = await loadLesson(db, actor, lesson_id).then(
        () => true,
        (error) => (error instanceof AppError && error.code === "not_found" ? false : Promise.reject(error)),
      );
      if (allowed) break;
    }
  }
  const file = allowed ? await readFileContent(db, actor.schoolId, fileId) : null;
  if (!file) throw new AppError("not_found", "No such file");
  return file;
}
