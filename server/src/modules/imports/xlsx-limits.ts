/**
 * The limits an XLSX upload must keep once unpacked. An XLSX is a zip: a 2 MiB upload can
 * unpack to gigabytes (a "zip bomb"), and exceljs unpacks every part into memory. So before
 * exceljs sees a file, its parts are unpacked here as a stream and counted, keeping nothing:
 * the real sizes count, not the ones the zip's directory claims.
 */
import JSZip from "jszip";

/** Far above any real school table (a 5,000-row sheet unpacks to a few MB). */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Parts of the zip: a workbook has a few dozen. */
export const MAX_XLSX_PARTS = 1_000;

export type XlsxSizeCheck = "ok" | "too_large" | "too_many_parts" | "unreadable";

export async function checkXlsxSize(bytes: Uint8Array, maxBytes = MAX_XLSX_UNPACKED_BYTES): Promise<XlsxSizeCheck> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return "unreadable";
  }
  const parts = Object.values(zip.files).filter((f) => !f.dir);
  if (parts.length > MAX_XLSX_PARTS) return "too_many_parts";
  let total = 0;
  for (const part of parts) {
    const result = await new Promise<"ok" | "too_large" | "unreadable">((resolve) => {
      const stream = part.nodeStream("nodebuffer");
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          // Stop unpacking: nothing more is read from a part over the limit.
          stream.pause();
          stream.removeAllListeners("data");
          resolve("too_large");
        }
      });
      stream.on("end", () => resolve("ok"));
      stream.on("error", () => resolve("unreadable"));
    });
    if (result !== "ok") return result;
  }
  return "ok";
}
