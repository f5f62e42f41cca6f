import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestMailTo, seriousA11yViolations, signIn, useTestApp } from "./harness.ts";
import { decodeMail } from "./mail.ts";

/** Picks an option of a Mantine Select in the open dialog, as a person would: open it, type to filter (if it is searchable), click the option. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, search?: string) {
  const input = page.getByRole("dialog").getByRole("combobox", { name: label });
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole("option", { name: option, exact: typeof option === "string" }).click();
  await expect.poll(() => input.inputValue(), { timeout: 20_000 }).not.toBe("");
}

describe("the admin sets up a class, a teacher and their teaching in the browser", () => {
  const app = useTestApp();
  let context: BrowserContext;
  let page: Page;
  const suffix = Date.now().toString(36);
  const teacherEmail = `ivanova.${suffix}@example.ru`;
  const teacher = { lastName: "Иванова", firstName: "Марина", middleName: "Петровна" };
  const teacherName = new RegExp(`${teacher.lastName} ${teacher.firstName}`);
  const className = "10Я";

  beforeAll(async () => {
    context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "ru-RU" });
    page = await context.newPage();
    await signIn(page, app.server.url, "admin@demo.otmetka.local");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("creates a class in the current year", { timeout: 120_000 }, async () => {
    await page.goto(`${app.server.url}/classes`);
    await page.getByRole("heading", { name: "Классы", level: 1 }).waitFor();
    await page.getByRole("table").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Добавить класс" }).click();
    const dialog = page.getByRole("dialog", { name: "Новый класс" });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole("combobox", { name: /Учебный год/ }).inputValue(), { timeout: 20_000 }).not.toBe("");
    await choose(page, /Параллель/, "10");
    await dialog.getByRole("textbox", { name: /^Буква/ }).fill("я");
    await dialog.getByText(`Класс будет называться ${className}`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await dialog.waitFor({ state: "detached" });

    await expect
      .poll(
        () =>
          page
            .getByRole("row")
            .filter({ has: page.getByRole("cell", { name: className, exact: true }) })
            .count(),
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
  });

  it("adds a teacher, who is sent an invitation", { timeout: 120_000 }, async () => {
    await page.goto(`${app.server.url}/staff`);
    await page.getByRole("heading", { name: "Сотрудники", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Добавить сотрудника" }).click();
    const dialog = page.getByRole("dialog", { name: "Новый сотрудник" });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: /^Фамилия/ }).fill(teacher.lastName);
    await dialog.getByRole("textbox", { name: /^Имя/ }).fill(teacher.firstName);
    await dialog.getByRole("textbox", { name: /^Отчество/ }).fill(teacher.middleName);
    await dialog.getByRole("textbox", { name: /^Электронная почта/ }).fill(teacherEmail);
    // "Учитель" is ticked by default for a new staff member.
    expect(await dialog.getByRole("checkbox", { name: "Учитель" }).isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Добавить и пригласить" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByText("Сотрудник добавлен, приглашение отправлено.").waitFor();
    await expect.poll(() => page.getByText(teacherEmail).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await expect.poll(() => latestMailTo(app.server.dataDir, teacherEmail), { timeout: 20_000 }).not.toBeNull();
    const mail = decodeMail(latestMailTo(app.server.dataDir, teacherEmail)!);
    expect(mail).toMatch(/https?:\/\/\S+/);
  });

  it("assigns the teacher to the class and sees the assignment in the list", { timeout: 180_000 }, async () => {
    await page.goto(`${app.server.url}/teaching`);
    await page.getByRole("heading", { name: "Учебная нагрузка", level: 1 }).waitFor();
    await page.getByRole("table").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Назначить" }).click();
    const dialog = page.getByRole("dialog", { name: "Назначение учителя" });
    await dialog.waitFor();
    await choose(page, /^Учитель/, teacherName, teacher.lastName);
    await choose(page, /^Класс/, className, className);
    await choose(page, /^Предмет/, "Математика", "Матем");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Назначить" }).click();
    await dialog.waitFor({ state: "detached" });

    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: className, exact: true }) })
      .filter({ hasText: teacherName });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.textContent()).toContain("Математика");
    await page.getByRole("button", { name: new RegExp(`^Снять: ${teacher.lastName} .*, Математика, ${className}$`) }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
