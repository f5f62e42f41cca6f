import { describe, expect, it } from "vitest";
import { seriousA11yViolations, signIn, useTestApp } from "./harness.ts";

const ROLES = [
  // `shows` is real data of the demo school each home must show.
  { role: "admin", login: "admin@demo.otmetka.local", heading: /Настройка школы/, shows: /Готово \d+ из 11/ },
  { role: "teacher", login: "teacher@demo.otmetka.local", heading: /Учителю/, shows: /5\s?«?А»?/ },
  { role: "parent", login: "parent@demo.otmetka.local", heading: /Родителю/, shows: /Кузнецов Артём/ },
  { role: "student", login: "student@demo.otmetka.local", heading: /Ученику/, shows: /5\s?«?А»?/ },
] as const;

describe("each role signs in and reaches its home", () => {
  const app = useTestApp();

  for (const { role, login, heading, shows } of ROLES) {
    for (const viewport of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 360, height: 740 },
    ]) {
      it(`${role} on ${viewport.name}`, async () => {
        const context = await app.browser.newContext({ viewport, locale: "ru-RU" });
        const page = await context.newPage();
        await signIn(page, app.server.url, login);
        await expect.poll(() => page.getByRole("heading", { name: heading }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
        await expect.poll(() => page.getByText(shows).count(), { timeout: 20_000 }).toBeGreaterThan(0);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await context.close();
      });
    }
  }

  it("the login page has no serious accessibility problems in light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await app.browser.newContext({ colorScheme, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${app.server.url}/login`);
      await page.getByRole("button", { name: "Войти" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it("a wrong password is explained in Russian and in English", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.server.url}/login`);
    await page.getByLabel("Электронная почта или телефон").fill("admin@demo.otmetka.local");
    await page.getByLabel(/^Пароль/).fill("Wrong#Password1");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.getByText("Неверный логин или пароль.").waitFor();
    await page
      .getByRole("button", { name: "EN" })
      .or(page.getByText("EN", { exact: true }))
      .first()
      .click();
    await page.getByLabel(/^Password/).fill("Wrong#Password2");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/wrong login or password/i).waitFor();
    await context.close();
  });
});
