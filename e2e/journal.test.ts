import { mkdirSync } from "node:fs";
import type { JournalGrid } from "@otmetka/core/contracts/journal.ts";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seriousA11yViolations, useTestApp } from "./harness.ts";
import {
  cdpFor,
  cell,
  labelOf,
  moveTo,
  openJournal,
  openLesson,
  pressRussian,
  readGrid,
  selectCell,
  settle,
  tabStop,
} from "./journal-helpers.ts";

const SHOTS = new URL("../.tmp/shots/", import.meta.url).pathname;

describe("the teacher's journal grid", () => {
  const app = useTestApp();
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it("fills a whole lesson with the keyboard only, and finds it saved after a reload", { timeout: 240_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    const cdp = await cdpFor(context, page);
    await openJournal(page, app.server.url);
    const grid = await readGrid(page);
    const { col, lessonId } = openLesson(grid);
    const cellOf = (row: number) => grid.cells.find((c) => c.lessonId === lessonId && c.studentId === grid.students[row]?.id);
    const hasMark = (row: number) => (cellOf(row)?.marks.length ?? 0) > 0;
    // An absent student cannot have a mark: «Н» goes to a row whose cell has none.
    const absentRow = grid.students.findIndex((_, row) => row > 0 && !hasMark(row) && !cellOf(row)?.attendance);
    const lateRow = grid.students.findIndex((_, row) => row > 0 && row !== absentRow);
    expect(absentRow).toBeGreaterThan(0);

    // Into the grid with Tab from the «Клавиши» button: one tab stop, then arrows.
    await page.getByRole("button", { name: "Клавиши" }).focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="grid"]') !== null), { timeout: 15_000 }).toBe(true);
    await moveTo(page, await tabStop(page), { row: 0, col });

    const expected: RegExp[] = [];
    const typed: (string | null)[] = [];
    for (let row = 0; row < grid.students.length; row++) {
      if (row === 0) {
        for (const key of ["5", "/", "4"]) await page.keyboard.press(key);
        expected[row] = /: 5\/4(,|$)/;
      } else if (row === absentRow) {
        await pressRussian(cdp, "н", "KeyY");
        expected[row] = /отсутствовал без уважительной причины/;
      } else if (row === lateRow) {
        await page.keyboard.press("j"); // «О» in the Latin layout: asks for the minutes
        const minutes = page.getByRole("textbox", { name: /Опоздание, минут/ });
        await minutes.waitFor();
        await page.keyboard.type("5");
        await page.keyboard.press("Enter");
        expected[row] = /опоздал на 5 мин\./;
      } else {
        // A mark other than the one the cell has, so that every row changes.
        const had = cellOf(row)?.marks.join("/");
        const mark = ["5", "4", "3", "2"].find((m, i) => m !== had && i >= row % 4) ?? (had === "5" ? "4" : "5");
        await page.keyboard.press(mark);
        typed[row] = mark;
        expected[row] = new RegExp(`: ${mark}(,|$)`);
      }
      await settle(page, row, col);
      if (row < grid.students.length - 1) await page.keyboard.press("ArrowDown");
    }

    // Ctrl+Z puts the last cell back as it was before the last change (and saves that).
    const last = grid.students.length - 1;
    const undoRow = typed.findLastIndex((m) => m);
    await moveTo(page, { row: last, col }, { row: undoRow, col });
    const before = await labelOf(page, undoRow, col);
    await page.keyboard.press("1"); // not used by the school: refused, nothing changes
    await page.keyboard.press(typed[undoRow] === "2" ? "3" : "2");
    await settle(page, undoRow, col);
    await page.keyboard.press("Control+z");
    await settle(page, undoRow, col);
    expect((await labelOf(page, undoRow, col)).replace(/, сохранено$/, "")).toBe(before.replace(/, сохранено$/, ""));

    // A comment: «К» opens it, Ctrl+Enter saves it.
    await moveTo(page, { row: undoRow, col }, { row: 0, col });
    await pressRussian(cdp, "к", "KeyR");
    const dialog = page.getByRole("dialog", { name: /Комментарий/ });
    await dialog.waitFor();
    await page.keyboard.type("Отлично отвечал");
    await page.keyboard.press("Control+Enter");
    await dialog.waitFor({ state: "detached" });
    await settle(page, 0, col);

    await page.reload();
    await page.getByRole("grid").waitFor();
    for (let row = 0; row < grid.students.length; row++) {
      expect(await labelOf(page, row, col)).toMatch(expected[row] as RegExp);
    }
    expect(await labelOf(page, 0, col)).toMatch(/комментарий: Отлично отвечал/);
    const saved = await readGrid(page);
    const savedCell = (row: number) => saved.cells.find((c) => c.lessonId === lessonId && c.studentId === grid.students[row]?.id);
    expect(savedCell(0)?.marks).toEqual(["5", "4"]);
    expect(savedCell(absentRow)?.attendance).toEqual({ state: "ABSENT_UNEXCUSED", lateMinutes: null });
    expect(savedCell(lateRow)?.attendance).toEqual({ state: "LATE", lateMinutes: 5 });
    await context.close();
  });

  it("shows a conflict when another browser changed the same cell, and shows it live elsewhere", { timeout: 180_000 }, async () => {
    const [stale, other, watcher] = await Promise.all(
      [1, 2, 3].map(() => app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" })),
    );
    const [stalePage, otherPage, watcherPage] = await Promise.all(
      [stale, other, watcher].map((c) => (c as NonNullable<typeof c>).newPage()),
    );
    const pages = [stalePage, otherPage, watcherPage] as Page[];
    // The stale browser hears no live updates, so its copy of the cell stays old.
    await stale?.route("**/api/v1/live", (route) => route.abort());
    for (const page of pages) await openJournal(page, app.server.url);
    const grid: JournalGrid = await readGrid(otherPage as Page);
    const { col, lessonId } = openLesson(grid);
    const row = grid.students.findIndex(
      (s) => !grid.cells.some((c) => c.lessonId === lessonId && c.studentId === s.id && c.marks.length > 0),
    );

    // The watcher's reread after the live event asks for a grid built now, not a kept one.
    const watcherReads: (string | undefined)[] = [];
    (watcherPage as Page).on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/v1/journal") watcherReads.push(r.headers()["cache-control"]);
    });
    await selectCell(otherPage as Page, row, col);
    await (otherPage as Page).keyboard.press("3");
    await settle(otherPage as Page, row, col);
    // The third browser shows the new mark without a reload (the API test of /api/v1/live holds
    // it to 1 s; here the machine may be running another test file beside this one).
    await expect.poll(() => labelOf(watcherPage as Page, row, col), { timeout: 20_000 }).toMatch(/: 3(,|$)/);
    expect(watcherReads).toContain("no-cache");

    // A click opens the cell's menu; close it once it is there, so it cannot cover the dialog.
    await cell(stalePage as Page, row, col).click();
    const menu = (stalePage as Page).locator(".mantine-Popover-dropdown");
    await menu.first().waitFor({ state: "visible", timeout: 15_000 });
    await (stalePage as Page).keyboard.press("Escape");
    await expect.poll(() => menu.count(), { timeout: 15_000 }).toBe(0);
    expect(await labelOf(stalePage as Page, row, col)).not.toMatch(/: 3(,|$)/);
    await (stalePage as Page).keyboard.press("4");
    const conflict = (stalePage as Page).getByRole("dialog", { name: "Ячейку уже изменили" });
    await conflict.waitFor({ timeout: 30_000 });
    await expect.poll(() => conflict.getByTestId("conflict-current").textContent(), { timeout: 15_000 }).toBe("3");
    expect(await conflict.getByTestId("conflict-mine").textContent()).toBe("4");
    await conflict.getByRole("button", { name: "Записать моё" }).click();
    await settle(stalePage as Page, row, col);
    const saved = await readGrid(stalePage as Page);
    expect(saved.cells.find((c) => c.lessonId === lessonId && c.studentId === grid.students[row]?.id)?.marks).toEqual(["4"]);
    await Promise.all([stale, other, watcher].map((c) => c?.close()));
  });

  it("sets a period mark, and changes it only with a reason", { timeout: 120_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await openJournal(page, app.server.url);
    const grid = await readGrid(page);
    const row = grid.periodMarks.findIndex((m) => m.value === null);
    const studentRow = grid.students.findIndex((s) => s.id === grid.periodMarks[row]?.studentId);
    const col = grid.lessons.length + 2;
    await cell(page, studentRow, col).click();
    const menu = page.getByRole("dialog", { name: /отметка за период/ });
    await menu.waitFor();
    await page.keyboard.press("Escape");
    await page.keyboard.press("5");
    await expect.poll(() => labelOf(page, studentRow, col), { timeout: 15_000 }).toMatch(/отметка за период 5/);
    await page.keyboard.press("4");
    const reason = page.getByRole("dialog", { name: "Причина изменения" });
    await reason.waitFor();
    await page.keyboard.type("Пересдача контрольной");
    await page.keyboard.press("Enter");
    await expect.poll(() => labelOf(page, studentRow, col), { timeout: 15_000 }).toMatch(/отметка за период 4/);

    await page.reload();
    await page.getByRole("grid").waitFor();
    expect(await labelOf(page, studentRow, col)).toMatch(/отметка за период 4/);
    const saved = await readGrid(page);
    expect(saved.periodMarks.find((m) => m.studentId === grid.students[studentRow]?.id)?.value).toBe("4");
    await context.close();
  });

  it("sets a year mark from the year sheet, with a reason to change it, and finds it after a reload", { timeout: 150_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await openJournal(page, app.server.url);
    await page.getByRole("link", { name: "Годовые отметки" }).click();
    await page.getByRole("heading", { level: 1, name: /5А · Биология: годовые отметки/ }).waitFor();
    const table = page.getByRole("table", { name: /Отметки за периоды и годовые/ });
    await table.waitFor();
    const firstStudent = (await table.getByRole("rowheader").first().textContent())?.trim() ?? "";
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: firstStudent, exact: true }) });
    const select = row.getByRole("combobox", { name: `Годовая отметка: ${firstStudent}` });
    // The demo school does not use the mark 1: it is not offered.
    expect(await select.locator("option").allTextContents()).toEqual([
      "не выставлена",
      "5",
      "4",
      "3",
      "2",
      "зачёт",
      "незачёт",
      "не аттестован",
      "освобождён",
    ]);
    await select.selectOption("5");
    await row.getByRole("button", { name: "Сохранить" }).click();
    await row.getByText(/^Выставил\(а\) Смирнов Андрей/).waitFor({ timeout: 15_000 });

    // A set mark changes only with a reason.
    await select.selectOption("4");
    await row.getByRole("button", { name: "Сохранить" }).click();
    await row.getByText("Укажите причину").waitFor();
    await row.getByRole("textbox", { name: /Причина/ }).fill("Итоговая контрольная");
    await row.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => row.getByRole("button", { name: "Сохранить" }).count(), { timeout: 15_000 }).toBe(0);

    await page.reload();
    await expect
      .poll(() => page.getByRole("combobox", { name: `Годовая отметка: ${firstStudent}` }).inputValue(), { timeout: 15_000 })
      .toBe("4");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}year-marks-1280-light.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => localStorage.setItem("otmetka.color-scheme", "dark"));
    await page.reload();
    // On a phone a card per student replaces the table; the year mark is within reach.
    await page.getByRole("list", { name: /Отметки за периоды и годовые/ }).waitFor();
    expect(await page.getByRole("combobox", { name: `Годовая отметка: ${firstStudent}` }).inputValue()).toBe("4");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}year-marks-360-dark.png` });
    await context.close();
  });

  it("imports a mark from a CSV file: a check first, then the import, and the grid shows it", { timeout: 150_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await openJournal(page, app.server.url);
    const grid = await readGrid(page);
    const { col, lessonId } = openLesson(grid);
    const lesson = grid.lessons[col]!;
    const row = grid.students.findIndex((s) => !grid.cells.some((c) => c.lessonId === lessonId && c.studentId === s.id));
    const student = grid.students[row]!;
    const sameDay = grid.lessons.filter((l) => l.date === lesson.date).length > 1;
    const date = `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}.${lesson.date.slice(0, 4)}`;
    const header = sameDay ? "Ученик;Дата;Урок №;Отметка" : "Ученик;Дата;Отметка";
    const line = sameDay ? `${student.displayName};${date};${lesson.lessonNumber};4` : `${student.displayName};${date};4`;

    await page.getByRole("button", { name: "Импорт отметок" }).click();
    const dialog = page.getByRole("dialog", { name: "Импорт отметок из файла" });
    await dialog.waitFor();
    const upload = (text: string) =>
      dialog.locator('input[type="file"]').setInputFiles({ name: "отметки.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    // A refused check shows the report with the row's error, and nothing can be imported.
    await upload(`${header}\n${line.replace(/;4$/, ";7")}\n`);
    await dialog.getByRole("button", { name: "Проверить" }).click();
    await dialog.getByText("Ошибок: 1").waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole("button", { name: "Импортировать" }).isDisabled()).toBe(true);
    await upload(`${header}\n${line}\n`);
    await dialog.getByRole("button", { name: "Проверить" }).click();
    await dialog.getByText(/Строк: 1\. Без ошибок: 1, из них изменят журнал: 1/).waitFor({ timeout: 30_000 });
    await dialog.getByRole("button", { name: "Импортировать" }).click();
    await dialog.getByText("Отметки импортированы").waitFor({ timeout: 30_000 });
    await dialog.getByRole("button", { name: "Закрыть импорт отметок" }).click();
    await expect.poll(() => labelOf(page, row, col), { timeout: 20_000 }).toMatch(/: 4(,|$)/);
    const saved = await readGrid(page);
    expect(saved.cells.find((c) => c.lessonId === lessonId && c.studentId === student.id)?.marks).toEqual(["4"]);
    await context.close();
  });

  it("sets a lesson's work type from its column menu", { timeout: 120_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await openJournal(page, app.server.url);
    const grid = await readGrid(page);
    const { col, lessonId } = openLesson(grid);
    await selectCell(page, 0, col);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press(" ");
    const menu = page.getByRole("dialog", { name: /урок/ });
    await menu.getByRole("combobox", { name: "Вид работы" }).selectOption({ label: "Контрольная работа (КР, вес 5)" });
    await menu.getByRole("textbox", { name: /Вес отметок урока/ }).fill("2,5");
    await menu.getByRole("button", { name: "Сохранить" }).click();
    await menu.waitFor({ state: "detached" });
    await expect.poll(() => cell(page, -1, col).textContent(), { timeout: 15_000 }).toMatch(/КР×2,5/);
    const lesson = (await readGrid(page)).lessons.find((l) => l.id === lessonId);
    expect(lesson).toMatchObject({ workType: "control", weightTenths: 25, weightOverridden: true });
    await context.close();
  });

  // Two of the four combinations: each one costs about 40 s of the CI budget, and the dark and
  // light themes share every component, so a desktop light and a phone dark sweep cover both.
  for (const { viewport, colorScheme } of [
    { viewport: { name: "1280", width: 1280, height: 800 }, colorScheme: "light" },
    { viewport: { name: "360", width: 360, height: 740 }, colorScheme: "dark" },
  ] as const) {
    it(`looks right at ${viewport.name} px, ${colorScheme}, with no serious accessibility problems`, { timeout: 180_000 }, async () => {
      const context = await app.browser.newContext({ viewport, colorScheme, locale: "ru-RU" });
      const page = await context.newPage();
      await openJournal(page, app.server.url);
      await page.waitForLoadState("networkidle");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}journal-grid-${viewport.name}-${colorScheme}.png` });
      const { col } = openLesson(await readGrid(page));
      await cell(page, 1, col).click();
      const menu = page.getByRole("dialog").first();
      await menu.waitFor();
      // Checked once it has faded in: axe measures contrast through a half-transparent menu as it is.
      await expect.poll(() => menu.evaluate((el) => getComputedStyle(el).opacity), { timeout: 15_000 }).toBe("1");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}journal-cell-menu-${viewport.name}-${colorScheme}.png` });
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Клавиши" }).click();
      await page.screenshot({ path: `${SHOTS}journal-keys-${viewport.name}-${colorScheme}.png`, fullPage: true });
      await context.close();
    });
  }
});
