/**
 * An uploaded homework file that no homework names a day later is removed: the upload was
 * abandoned (the teacher closed the form, or took the file out before saving). Each upload
 * schedules its own check (pg-boss, delayed), so nothing sweeps the whole table.
 */
import { z } from "zod";
import { recordEvent } from "../../platform/audit/events.ts";
import { sql } from "../../platform/db/sql.ts";
import { defineJob } from "../../platform/jobs/jobs.ts";

/** How long an upload may wait for its homework. */
export const UNATTACHED_FILE_GRACE_MS = 24 * 60 * 60 * 1000;

export const collectUnattachedFile = defineJob({
  name: "files.collect-unattached",
  data: z.strictObject({ schoolId: z.uuid(), fileId: z.uuid() }),
  async handler({ schoolId, fileId }, { app }) {
    await app.db.transaction(async (tx) => {
      const removed = await tx.maybeOne<{ name: string; size: number }>(sql`
        delete from files f
        where f.school_id = ${schoolId} and f.id = ${fileId}
          and not exists (select 1 from homework_files hf where hf.school_id = f.school_id and hf.file_id = f.id)
        returning f.name, f.size`);
      if (!removed) return;
      await recordEvent(tx, {
        schoolId,
        actorUserId: null,
        entity: "file",
        entityId: fileId,
        action: "collect",
        before: { name: removed.name, size: removed.size },
        reason: "Файл не прикреплён ни к одному заданию в течение суток после загрузки",
      });
    });
  },
});
