import { FILE_MAX_BYTES, fileEndpoints } from "@otmetka/core/contracts/files.ts";
import { sendFile } from "../../platform/files/file-store.ts";
import { route } from "../../platform/http/route.ts";
import { changeContext } from "../people/invitations.service.ts";
import { fileForDownload, uploadFile } from "./files.service.ts";

export const fileRoutes = [
  route(fileEndpoints.upload, {
    access: ["admin", "teacher"],
    rawBody: "application/octet-stream",
    bodyLimit: FILE_MAX_BYTES,
    async handler(h) {
      return uploadFile(changeContext(h), h.query, h.body);
    },
  }),
  route(fileEndpoints.download, {
    access: ["admin", "teacher", "parent", "student"],
    responseType: "application/octet-stream",
    async handler({ db, actor, params, reply }) {
      return sendFile(reply, await fileForDownload(db, actor, params.fileId)) as never;
    },
  }),
];
