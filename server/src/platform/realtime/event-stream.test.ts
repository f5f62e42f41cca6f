import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import type { FastifyReply } from "fastify";
import { describe, expect, it, vi } from "vitest";
import { openEventStream } from "./event-stream.ts";
import { publishLive } from "./publish.ts";

/** Just enough of a Fastify reply: headers and the raw response's "close". */
function fakeReply() {
  const headers: Record<string, string> = {};
  const raw = Object.assign(new EventEmitter(), { destroyed: false });
  const reply = {
    raw,
    request: { raw: { socket: null } },
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, raw, headers };
}

function collect(stream: NodeJS.ReadableStream): string[] {
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return chunks;
}

describe("event stream", () => {
  it("sends the retry hint, messages and a heartbeat comment, and ends once whoever closes it", async () => {
    vi.useFakeTimers();
    try {
      const { reply, raw, headers } = fakeReply();
      const onClose = vi.fn();
      const stream = openEventStream(reply, onClose, 20_000);
      const chunks = collect(stream.body);
      expect(headers).toMatchObject({ "content-type": "text/event-stream; charset=utf-8", "x-accel-buffering": "no" });
      stream.send({ a: 1 });
      stream.send({}, "hello");
      await vi.advanceTimersByTimeAsync(40_000);
      expect(chunks).toEqual(["retry: 3000\n\n", 'data: {"a":1}\n\n', "event: hello\ndata: {}\n\n", ": heartbeat\n\n", ": heartbeat\n\n"]);

      raw.emit("close");
      stream.end();
      await vi.advanceTimersByTimeAsync(40_000);
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(chunks).toHaveLength(5);
      expect(stream.body.writableEnded).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("ends the stream of a client that stops reading instead of buffering without bound", () => {
    const { reply } = fakeReply();
    const onClose = vi.fn();
    const stream = openEventStream(reply, onClose);
    const big = { text: "x".repeat(64 * 1024) };
    for (let i = 0; i < 40; i++) stream.send(big);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(stream.body.writableLength).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("publishLive", () => {
  const tx = { execute: vi.fn(async () => 1) };
  const base = { schoolId: randomUUID(), classId: randomUUID() };

  it("refuses anything but ids in an event, and a mark event that does not name its student", async () => {
    await expect(publishLive(tx as never, { ...base, kind: "journal.lesson", topic: "Дроби" } as never)).rejects.toThrow();
    await expect(publishLive(tx as never, { ...base, kind: "journal.cell", studentId: "Алексеев Борис" })).rejects.toThrow();
    await expect(publishLive(tx as never, { ...base, kind: "journal.cell" })).rejects.toThrow(/name the student/);
    await expect(publishLive(tx as never, { ...base, kind: "grades.secret" as never })).rejects.toThrow();
    expect(tx.execute).not.toHaveBeenCalled();
  });
});
