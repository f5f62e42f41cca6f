/**
 * The journal grid in a real browser: 35 students × 70 lessons, typed into and scrolled.
 *
 *   node bench/journal-typing.ts [--throttle 4] [--url http://127.0.0.1:3000]
 *
 * Starts the server on a fresh demo data directory (or uses the one at --url, with the demo school), signs in as the demo teacher and opens a
 * journal whose grid (GET /api/v1/journal) is answered with a generated 35 × 70 grid and whose
 * cell saves are answered at once, so what is measured is the page alone. For 50 keystrokes
 * (a mark, then Enter to the next student) it takes the time from keydown to the frame that
 * shows the new value (a performance mark in a capturing keydown listener, then the first
 * animation frame after the cell's text changed, then a task after that frame's paint).
 * `--throttle N` slows the CPU N times (Chrome DevTools' CPU throttling), like a school laptop.
 */
import { parseArgs } from "node:util";
import type { JournalGrid } from "@otmetka/core/contracts/journal.ts";
import { launchBrowser, signIn, startServer } from "../e2e/harness.ts";

const { values } = parseArgs({ options: { throttle: { type: "string", default: "1" }, url: { type: "string" } } });
const STUDENTS = 35;
const LESSONS = 70;
const KEYSTROKES = 50;

const id = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, "0")}${String(n).padStart(8, "0")}`;

/** A first-quarter grid: two lessons a weekday from 1 September, about two thirds of the cells filled. */
function generatedGrid(): JournalGrid {
  const teacher = { userId: id(9, 1), displayName: "Смирнов Андрей Павлович" };
  const dates: string[] = [];
  for (const day = new Date(Date.UTC(2026, 8, 1)); dates.length < LESSONS; day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    dates.push(day.toISOString().slice(0, 10), day.toISOString().slice(0, 10));
  }
  const lessons = dates.slice(0, LESSONS).map((date, i) => ({
    id: id(1, i),
    date,
    lessonNumber: 2 + (i % 2),
    topic: `Тема ${i + 1}`,
    workType: i % 7 === 6 ? "control" : "classwork",
    weightTenths: i % 7 === 6 ? 50 : 10,
    weightOverridden: false,
    status: "scheduled" as const,
    teacher,
    substitute: null,
    hasHomework: false,
    locked: false,
    future: false,
    version: 1,
  }));
  const students = Array.from({ length: STUDENTS }, (_, i) => ({
    id: id(2, i),
    displayName: `Ученик${i + 1} Имя${i + 1}`,
    from: "2026-09-01",
    to: null,
  }));
  const cells = lessons.flatMap((lesson, l) =>
    students
      .filter((_, s) => (l * 7 + s * 3) % 3 !== 0)
      .map((student, s) => ({
        lessonId: lesson.id,
        studentId: student.id,
        marks: [String(2 + ((l + s) % 4))] as ["2"],
        attendance: null,
        comment: "",
        version: 1,
        updatedAt: "2026-09-01T10:00:00.000Z",
        updatedBy: teacher,
      })),
  );
  return {
    class: { id: id(3, 1), name: "5А" },
    group: null,
    subject: { id: id(4, 1), name: "Математика" },
    period: { id: id(5, 1), name: "1-я четверть", startsOn: "2026-09-01", endsOn: "2026-12-30" },
    periods: [{ id: id(5, 1), name: "1-я четверть", startsOn: "2026-09-01", endsOn: "2026-12-30" }],
    settings: {
      version: 1,
      workTypes: [
        { code: "control", name: "Контрольная работа", abbr: "КР", weightTenths: 50 },
        { code: "classwork", name: "Работа на уроке", abbr: "РУ", weightTenths: 10 },
      ],
      attendanceLetters: { ABSENT_UNEXCUSED: "Н", ABSENT_ILLNESS: "Б", ABSENT_EXCUSED: "У", LATE: "О" },
      roundingRule: "HALF_UP",
      minMarksForPeriod: 3,
      allowMarkOne: false,
      editWindowDays: 366,
    },
    lessons,
    students,
    cells,
    periodMarks: students.map((s) => ({
      studentId: s.id,
      average: { num: 39, den: 10, text: "3.90" },
      count: 40,
      suggested: "4",
      reason: null,
      value: null,
      overridden: false,
      setBy: null,
      setAt: null,
      version: 0,
    })),
    abilities: { edit: true, editAttendanceOnly: false, setPeriodMarks: true, editLessons: true },
    unlockedUntil: null,
    today: dates[LESSONS - 1] ?? "2026-12-30",
  };
}

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  const mean = (sorted.reduce((a, b) => a + b, 0) / sorted.length).toFixed(1);
  return `${name}: n=${sorted.length} median ${at(0.5)} ms, mean ${mean} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`;
}

const grid = generatedGrid();
const server = values.url ? { url: values.url, stop: async () => {} } : await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "ru-RU" });
  const page = await context.newPage();
  await signIn(page, server.url, "teacher@demo.otmetka.local");
  await page.route("**/api/v1/live", (route) => route.abort());
  await page.route("**/api/v1/journal?*", (route) => route.fulfill({ json: grid }));
  let version = 1;
  await page.route("**/api/v1/journal/lessons/*/cells/*", async (route) => {
    const [, lessonId = "", studentId = ""] = /lessons\/([^/]+)\/cells\/([^/?]+)/.exec(route.request().url()) ?? [];
    const body = route.request().postDataJSON() as { marks: string[]; attendance: null; comment: string };
    version += 1;
    const cell = {
      lessonId,
      studentId,
      ...body,
      version,
      updatedAt: new Date().toISOString(),
      updatedBy: { userId: id(9, 1), displayName: "Смирнов Андрей Павлович" },
    };
    await route.fulfill({ json: { cell, periodMark: { ...grid.periodMarks.find((m) => m.studentId === studentId), version } } });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(values.throttle) });

  const opened = Date.now();
  await page.goto(`${server.url}/journal/${grid.class.id}/${grid.subject.id}?period=${grid.period.id}`);
  await page.getByRole("grid").waitFor();
  await page.locator(`[data-pos="${STUDENTS - 1}:${LESSONS + 2}"]`).waitFor();
  const openMs = Date.now() - opened;

  // Keydown → painted: a capturing listener marks the key; a MutationObserver sees the cell's
  // text change; the frame after it has painted when a task queued from its rAF callback runs.
  await page.evaluate(() => {
    const w = window as unknown as { typingSamples: number[]; movingSamples: number[]; idleSamples: number[] };
    w.typingSamples = [];
    w.movingSamples = [];
    w.idleSamples = [];
    const afterPaint = (start: number, into: number[]) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => into.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    document.addEventListener(
      "keydown",
      (event) => {
        const start = performance.now();
        const target = event.target as HTMLElement;
        if (event.key === "Enter") {
          afterPaint(start, w.movingSamples);
          return;
        }
        if (event.key === "F9") {
          afterPaint(start, w.idleSamples);
          return;
        }
        const observer = new MutationObserver(() => {
          observer.disconnect();
          afterPaint(start, w.typingSamples);
        });
        observer.observe(target, { childList: true, subtree: true, characterData: true });
      },
      true,
    );
  });
  const startCol = LESSONS - 1;
  await page.locator(`[data-pos="0:${startCol}"]`).focus();
  for (let i = 0; i < KEYSTROKES; i++) {
    const mark = String(2 + ((i * 3) % 4));
    const row = i % STUDENTS;
    if (i > 0 && row === 0) await page.keyboard.press("ArrowLeft");
    const current = (await page.locator(`[data-pos="${row}:${i < STUDENTS ? startCol : startCol - 1}"]`).textContent())?.trim();
    // Type a mark that differs from the cell's, so every keystroke changes what is shown.
    await page.keyboard.press(current === mark ? String(2 + ((Number(mark) - 1) % 4)) : mark);
    await page.waitForTimeout(30);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(30);
    // A key the grid ignores: the page's own keydown → next frame time, for comparison.
    await page.keyboard.press("F9");
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
  const { typingSamples, movingSamples, idleSamples } = await page.evaluate(() => {
    const w = window as unknown as { typingSamples: number[]; movingSamples: number[]; idleSamples: number[] };
    return { typingSamples: w.typingSamples, movingSamples: w.movingSamples, idleSamples: w.idleSamples };
  });

  // Scrolling: the whole grid, right and down, frame by frame.
  const frames = await page.evaluate(async () => {
    const scroller = document.querySelector(".jg-scroll") as HTMLElement;
    const times: number[] = [];
    let last = performance.now();
    for (let step = 0; step <= 60; step++) {
      scroller.scrollTo({ left: (scroller.scrollWidth * step) / 60, top: (scroller.scrollHeight * step) / 60 });
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.slice(1);
  });

  console.log(`Journal grid ${STUDENTS} × ${LESSONS} in Chromium, CPU throttling ×${values.throttle}`);
  console.log(`open (navigation to the last cell rendered): ${openMs} ms`);
  console.log(summary("keydown → mark painted", typingSamples));
  console.log(summary("Enter → next cell focused and painted", movingSamples));
  console.log(summary("an ignored key (F9) → next frame, the floor", idleSamples));
  console.log(summary("scroll frame (61 jumps across the grid)", frames));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
