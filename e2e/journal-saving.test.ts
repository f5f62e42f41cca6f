import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, useTestApp } from "./harness.ts";
import { labelOf, openJournal, openLesson, readGrid, selectCell, settle, TEACHER } from "./journal-helpers.ts";

/** Changes the server has not confirmed: kept across a reload, a failure and the end of the session. */
describe("the journal's unsaved changes", () => {
  const app = useTestApp();

  it("keeps a change that failed to save across a reload and sends it on «Повторить»", { timeout: 120_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await openJournal(page, app.server.url);
    const grid = await readGrid(page);
    const { col, lessonId } = openLesson(grid);
    const row = grid.students.findIndex((s) => !grid.cells.some((c) => c.lessonId === lessonId && c.studentId === s.id));
    expect(row).toBeGreaterThanOrEqual(0);
    const failing = (route: { fulfill(o: object): Promise<void> }) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: '{"error":{"code":"internal","message":"down","requestId":"x"}}',
      });
    await page.route("**/api/v1/journal/lessons/*/cells/*", failing);
    await selectCell(page, row, col);
    await page.keyboard.press("3");
    const banner = page.getByRole("alert").filter({ hasText: /не сохранено/ });
    await banner.waitFor();
    expect(await labelOf(page, row, col)).toMatch(/не сохранено, повторяем попытку/);

    // The browser asks before leaving a page with changes not yet saved.
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await page.reload();
    expect(await asked).toBe("beforeunload");
    await page.getByRole("grid").waitFor();
    await banner.waitFor();
    expect(await labelOf(page, row, col)).toMatch(/: 3,/);
    await page.unroute("**/api/v1/journal/lessons/*/cells/*");
    await page.getByRole("button", { name: "Повторить" }).click();
    await settle(page, row, col);
    await banner.waitFor({ state: "detached" });
    const saved = await readGrid(page);
    expect(saved.cells.find((c) => c.lessonId === lessonId && c.studentId === grid.students[row]?.id)?.marks).toEqual(["3"]);
    await context.close();
  });

  it("keeps a mark typed after the session ended, and saves it once the teacher signs in again", { timeout: 120_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await openJournal(page, app.server.url);
    const journalPath = new URL(page.url()).pathname;
    const grid = await readGrid(page);
    const { col, lessonId } = openLesson(grid);
    const row = grid.students.findLastIndex((s) => !grid.cells.some((c) => c.lessonId === lessonId && c.studentId === s.id));
    expect(row).toBeGreaterThanOrEqual(0);
    const studentId = grid.students[row]?.id;
    const mark = "4";
    const saves: number[] = [];
    page.on("response", (response) => {
      if (response.url().includes(`/cells/${studentId}`)) saves.push(response.status());
    });

    // The session ends while the journal is open (as when it expires): the save is refused with 401.
    await context.clearCookies();
    await selectCell(page, row, col);
    await page.keyboard.press(mark);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe("/login");
    expect(saves).toEqual([401]);
    expect(new URL(page.url()).searchParams.get("next")).toContain(journalPath);
    await page.getByRole("status").filter({ hasText: "Сеанс завершён. Войдите снова" }).waitFor();

    // Back in: the journal opens again and sends the mark that waited.
    await page.getByLabel("Электронная почта или телефон").fill(TEACHER);
    await page.getByLabel(/^Пароль/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Войти" }).click();
    await page.getByRole("grid").waitFor();
    expect(new URL(page.url()).pathname).toBe(journalPath);
    await settle(page, row, col);
    expect(saves).toEqual([401, 200]);
    const saved = await readGrid(page);
    expect(saved.cells.find((c) => c.lessonId === lessonId && c.studentId === studentId)?.marks).toEqual([mark]);

    // Signing out on purpose leads to the same page without that notice.
    await page.getByRole("button", { name: /^Меню пользователя/ }).click();
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("heading", { name: "Вход", level: 1 }).waitFor();
    expect(await page.getByText("Сеанс завершён").count()).toBe(0);
    await context.close();
  });
});
