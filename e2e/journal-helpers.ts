import type { JournalGrid } from "@otmetka/core/contracts/journal.ts";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { expect } from "vitest";
import { signIn } from "./harness.ts";

export const TEACHER = "teacher@demo.otmetka.local";

/** The demo teacher's 5А biology journal, opened from the «Журнал» page as a person would. */
export async function openJournal(page: Page, baseUrl: string, login = TEACHER): Promise<void> {
  await signIn(page, baseUrl, login);
  // On a phone the navigation is behind the menu button.
  if ((page.viewportSize()?.width ?? 1280) < 768) await page.getByRole("button", { name: "Открыть меню" }).click();
  await page.getByRole("link", { name: "Журнал", exact: true }).first().click();
  await page.getByRole("heading", { name: "Журнал", level: 1 }).waitFor();
  await page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "5А" }) })
    .getByRole("link", { name: "Биология" })
    .click();
  await page.getByRole("grid").waitFor();
}

/** The grid as the API gives it to this page's user (for choosing cells and checking results). */
export async function readGrid(page: Page): Promise<JournalGrid> {
  const url = new URL(page.url());
  const [, , classId, subjectId] = url.pathname.split("/");
  const query = new URLSearchParams({ classId: classId ?? "", subjectId: subjectId ?? "", periodId: url.searchParams.get("period") ?? "" });
  const response = await page.request.get(`${url.origin}/api/v1/journal?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as JournalGrid;
}

/** The open lesson (past, in the edit window, not cancelled) with the fewest filled cells. */
export function openLesson(grid: JournalGrid): { col: number; lessonId: string } {
  const open = grid.lessons
    .map((lesson, col) => ({ lesson, col }))
    .filter(({ lesson }) => !lesson.locked && !lesson.future && lesson.status === "scheduled");
  const filled = (id: string) => grid.cells.filter((c) => c.lessonId === id).length;
  const best = open.sort((a, b) => filled(a.lesson.id) - filled(b.lesson.id))[0];
  if (!best) throw new Error("the demo journal has no open lesson");
  return { col: best.col, lessonId: best.lesson.id };
}

export function cell(page: Page, row: number, col: number) {
  return page.locator(`[data-pos="${row}:${col}"]`);
}

/**
 * Makes a cell the active one with the mouse, as a teacher does before typing: a click opens the
 * cell's menu, and Escape closes it and leaves the cell focused. The menu is waited for first: an
 * Escape pressed before it opens closes nothing, and the keys meant for the grid then go to the
 * menu's buttons.
 */
export async function selectCell(page: Page, row: number, col: number): Promise<void> {
  await cell(page, row, col).click();
  const menu = page.locator(".mantine-Popover-dropdown[role=dialog]");
  await menu.waitFor({ state: "visible", timeout: 15_000 });
  await page.keyboard.press("Escape");
  await menu.waitFor({ state: "detached", timeout: 15_000 });
}

export async function labelOf(page: Page, row: number, col: number): Promise<string> {
  return (await cell(page, row, col).getAttribute("aria-label")) ?? "";
}

/**
 * A key of the Russian layout, sent as the browser would get it (key «н» on the Y key):
 * Playwright's keyboard knows only US characters.
 */
export async function pressRussian(cdp: CDPSession, char: string, code: string): Promise<void> {
  await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key: char, code, text: char, unmodifiedText: char });
  await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: char, code });
}

export async function cdpFor(context: BrowserContext, page: Page): Promise<CDPSession> {
  return context.newCDPSession(page);
}

/**
 * Waits until the active cell is saved; when the server asks why an existing mark changes,
 * answers the reason dialog with the keyboard (type, Enter) and waits again.
 */
export async function settle(page: Page, row: number, col: number): Promise<void> {
  const reason = page.getByRole("dialog", { name: "Причина изменения" });
  await expect
    .poll(async () => ((await reason.isVisible()) ? "reason" : await labelOf(page, row, col)), { timeout: 15_000 })
    .toMatch(/^reason$|, сохранено$/);
  if (await reason.isVisible()) {
    await page.keyboard.type("Исправление ошибки");
    await page.keyboard.press("Enter");
    await reason.waitFor({ state: "detached" });
    await expect.poll(() => labelOf(page, row, col), { timeout: 15_000 }).toMatch(/, сохранено$/);
  }
}

/** Moves the grid's focus from where it is to a cell, with arrow keys only. */
export async function moveTo(page: Page, from: { row: number; col: number }, to: { row: number; col: number }): Promise<void> {
  for (let i = 0; i < Math.abs(to.col - from.col); i++) await page.keyboard.press(to.col > from.col ? "ArrowRight" : "ArrowLeft");
  for (let i = 0; i < Math.abs(to.row - from.row); i++) await page.keyboard.press(to.row > from.row ? "ArrowDown" : "ArrowUp");
}

/** The position of the grid's tab stop (tabindex 0). */
export async function tabStop(page: Page): Promise<{ row: number; col: number }> {
  const pos = (await page.locator('[role="grid"] [tabindex="0"]').getAttribute("data-pos")) ?? "0:0";
  const [row = 0, col = 0] = pos.split(":").map(Number);
  return { row, col };
}
