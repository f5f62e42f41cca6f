import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations, signIn, useTestApp } from "./harness.ts";

/** Picks an option of a Mantine Select in the open dialog: open it, type to filter, click the option. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, search?: string) {
  const input = page.getByRole("dialog").getByRole("combobox", { name: label });
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole("option", { name: option, exact: typeof option === "string" }).click();
  await expect.poll(() => input.inputValue(), { timeout: 20_000 }).not.toBe("");
}

/** Opens the admin's timetable of a class and the "add" dialog for Friday's 8th lesson (free in the demo timetable). */
async function openFridayEighth(page: Page, baseUrl: string, className: string) {
  await page.goto(`${baseUrl}/timetable`);
  await page.getByRole("heading", { name: "Расписание", level: 1 }).waitFor();
  const classSelect = page.getByRole("combobox", { name: "Класс" });
  await classSelect.click();
  await classSelect.fill(className);
  await page.getByRole("option", { name: className, exact: true }).click();
  await page.getByRole("table").waitFor();
  await page.getByRole("button", { name: "Добавить урок: Пятница, 8-й урок" }).click();
  await page.getByRole("dialog", { name: `Новый урок в расписании ${className}` }).waitFor();
}

async function fillEntry(page: Page, room: string) {
  await choose(page, /^Предмет/, "Биология", "Биол");
  await choose(page, /^Учитель/, /^Смирнов Андрей/, "Смирнов");
  await page.getByRole("dialog").getByRole("textbox", { name: "Кабинет" }).fill(room);
  await page.getByRole("dialog").getByRole("button", { name: "Сохранить" }).click();
}

describe("the admin builds the timetable and the teacher sees the lesson", () => {
  const app = useTestApp();

  it("adds an entry, is told of a double-booked teacher, generates lessons; «Моё расписание» shows the lesson", {
    timeout: 240_000,
  }, async () => {
    const admin = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await admin.newPage();
    await signIn(page, app.server.url, "admin@demo.otmetka.local");

    await openFridayEighth(page, app.server.url, "5А");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await fillEntry(page, "Актовый зал");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByRole("button", { name: /^Изменить урок \(Пятница, 8-й урок, Биология\).*Смирнов А\. П\..*Актовый зал/ }).waitFor();

    // The same teacher at the same time in another class: refused, and the dialog says why.
    await openFridayEighth(page, app.server.url, "5Б");
    await fillEntry(page, "Кабинет 5Б");
    const conflict = page.getByRole("dialog").getByRole("alert");
    await conflict.getByText("Время уже занято").waitFor();
    await conflict.getByText(/Учитель занят: Биология, 5А, Смирнов Андрей Павлович — пт, 8-й урок, каб\. Актовый зал/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("dialog").getByRole("button", { name: "Отмена" }).click();

    await page.getByRole("tab", { name: "Уроки по датам" }).click();
    await page.getByRole("button", { name: "Сформировать уроки" }).click();
    const result = page.getByRole("status").filter({ hasText: "Уроки сформированы" });
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toMatch(/Создано: [1-9]\d*/);
    await admin.close();

    const teacher = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const own = await teacher.newPage();
    await signIn(own, app.server.url, "teacher@demo.otmetka.local");
    await own.getByRole("link", { name: "Моё расписание" }).click();
    await own.getByRole("heading", { name: "Моё расписание", level: 1 }).waitFor();
    // The lesson is on every Friday of the period: this week's, or a later one in the holidays or the summer.
    const lesson = own.getByText("каб. Актовый зал");
    for (let week = 0; week < 20 && !(await lesson.first().isVisible()); week++) {
      await own.getByRole("button", { name: "Следующая →" }).click();
      await own.getByText(/^Неделя:/).waitFor();
      await own.waitForLoadState("networkidle");
    }
    await lesson.first().waitFor();
    const friday = own.getByRole("region").filter({ has: lesson.first() });
    expect(await friday.getByRole("heading").textContent()).toMatch(/^Пятница/);
    expect(await friday.textContent()).toContain("8-й урок");
    expect(await seriousA11yViolations(own)).toEqual([]);
    await teacher.close();
  });
});
