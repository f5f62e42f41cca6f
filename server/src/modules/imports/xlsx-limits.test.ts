import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { checkXlsxSize } from "./xlsx-limits.ts";

async function zipOf(parts: Record<string, Uint8Array | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

describe("XLSX unpacked-size limit", () => {
  it("counts what the parts really unpack to, across parts, against the limit", async () => {
    const small = await zipOf({ "a.xml": "x".repeat(3000), "b.xml": "y".repeat(3000) });
    expect(await checkXlsxSize(small, 6000)).toBe("ok");
    expect(await checkXlsxSize(small, 5999)).toBe("too_large");
    // A part that packs to almost nothing and unpacks to far more than the upload.
    const bomb = await zipOf({ "xl/media/zeros.bin": new Uint8Array(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await checkXlsxSize(bomb, 1024 * 1024)).toBe("too_large");
  });

  it("names what is not a zip, and too many parts", async () => {
    expect(await checkXlsxSize(Buffer.from("PK\u0003\u0004 not a zip"))).toBe("unreadable");
    const many = await zipOf(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`p${i}.xml`, "x"])));
    expect(await checkXlsxSize(many)).toBe("too_many_parts");
  });
});
