import { describe, expect, it } from "vitest";
import { latestMailTo, seriousA11yViolations, useTestApp } from "./harness.ts";
import { decodeMail } from "./mail.ts";

describe("a parent registers with an e-mail code", () => {
  const app = useTestApp();

  it("a weak password shows unmet rules and the form is not sent", async () => {
    const context = await app.browser.newContext({ locale: "ru-RU", viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/register`);
    await page.getByRole("heading", { name: "Регистрация родителя" }).waitFor();
    await page.getByRole("textbox", { name: /^Фамилия/ }).fill("Смирнова");
    await page.getByRole("textbox", { name: /^Имя/ }).fill("Ольга");
    await page.getByRole("textbox", { name: /^Электронная почта/ }).fill("weak.parent@example.ru");
    await page.getByLabel(/^Пароль/).fill("abc");
    await page.getByRole("checkbox", { name: /согласие/ }).check();
    const rules = page.getByRole("list").filter({ hasText: "Не короче 8 символов" });
    await rules.getByText("Не короче 8 символов — не выполнено").waitFor();
    await rules.getByText("Цифра — не выполнено").waitFor();
    await rules.getByText("Строчная буква — выполнено").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await page.getByText("Пароль не соответствует требованиям.").waitFor();
    expect(await page.getByRole("heading", { name: "Подтверждение" }).count()).toBe(0);
    expect(latestMailTo(app.server.dataDir, "weak.parent@example.ru")).toBeNull();
    await context.close();
  });

  it("registers, confirms the code from the e-mail and lands on the home page", async () => {
    const email = `parent.${Date.now().toString(36)}@example.ru`;
    const context = await app.browser.newContext({ locale: "ru-RU", viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/register`);
    await page.getByRole("textbox", { name: /^Фамилия/ }).fill("Смирнова");
    await page.getByRole("textbox", { name: /^Имя/ }).fill("Ольга");
    await page.getByRole("textbox", { name: /^Отчество/ }).fill("Викторовна");
    await page.getByRole("textbox", { name: /^Электронная почта/ }).fill(email);
    await page.getByLabel(/^Пароль/).fill("Lantern#Zebra47");
    await page.getByText("Не короче 8 символов — выполнено").waitFor();
    await page.getByRole("checkbox", { name: /согласие/ }).check();
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();

    await page.getByRole("heading", { name: "Подтверждение" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expect.poll(() => latestMailTo(app.server.dataDir, email), { timeout: 20_000 }).not.toBeNull();
    const code = /\b(\d{6})\b/.exec(decodeMail(latestMailTo(app.server.dataDir, email)!))?.[1];
    expect(code).toMatch(/^\d{6}$/);

    await page.getByRole("textbox", { name: /^Код подтверждения/ }).fill(code!);
    await page.getByRole("button", { name: "Подтвердить" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    await page.getByRole("heading", { name: "Родителю" }).waitFor();
    await page.getByText("Дети ещё не подключены").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The session is real: a reload keeps the parent signed in.
    await page.reload();
    await page.getByText("Дети ещё не подключены").waitFor();
    await context.close();
  });
});
