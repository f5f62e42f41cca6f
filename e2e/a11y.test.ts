import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations, signIn, useTestApp } from "./harness.ts";

/** Every page an admin can open (web/src/app/routes.tsx), with the heading that tells it has loaded. */
const ADMIN_PAGES = [
  "/",
  "/school",
  "/settings",
  "/calendar",
  "/subjects",
  "/classes",
  "/staff",
  "/students",
  "/teaching",
  "/roster",
  "/class-teacher",
  "/timetable",
  "/substitutions",
  "/journal",
  "/audit",
  "/imports",
  "/account/security",
];
const PUBLIC_PAGES = ["/login", "/register", "/reset"];
const VIEWPORTS = [
  { name: "1280", width: 1280, height: 800 },
  { name: "360", width: 360, height: 740 },
] as const;
const SCHEMES = ["light", "dark"] as const;

/** Waits until the page has rendered its content: a level-1 heading, no loaders, the network quiet. */
async function settle(page: Page) {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator(".mantine-Loader-root").count(), { timeout: 20_000 }).toBe(0);
}

describe("no serious accessibility problems on any page", () => {
  const app = useTestApp();

  // Desktop in the light theme and phone in the dark one: every colour is checked in both themes
  // and every layout at both widths, at half the time of all four pairs (the CI budget is 20 min).
  for (const [viewport, colorScheme] of [
    [VIEWPORTS[0], SCHEMES[0]],
    [VIEWPORTS[1], SCHEMES[1]],
  ] as const) {
    it(`admin pages at ${viewport.name} px, ${colorScheme}`, { timeout: 300_000 }, async () => {
      const context = await app.browser.newContext({ viewport, colorScheme, locale: "ru-RU" });
      const page = await context.newPage();
      await signIn(page, app.server.url, "admin@demo.otmetka.local");
      const found: Record<string, string[]> = {};
      for (const path of ADMIN_PAGES) {
        await page.goto(`${app.server.url}${path}`);
        await settle(page);
        const violations = await seriousA11yViolations(page);
        if (violations.length > 0) found[path] = violations;
      }
      await context.close();
      expect(found).toEqual({});
    });
  }

  it("the current menu item keeps its contrast under the pointer, in both themes", { timeout: 120_000 }, async () => {
    const found: Record<string, string[]> = {};
    for (const colorScheme of SCHEMES) {
      const context = await app.browser.newContext({ viewport: VIEWPORTS[0], colorScheme, locale: "ru-RU" });
      const page = await context.newPage();
      await signIn(page, app.server.url, "admin@demo.otmetka.local");
      await page.goto(`${app.server.url}/journal`);
      await settle(page);
      const current = page.locator('nav a[aria-current="page"]');
      expect(await current.count()).toBe(1);
      await current.hover();
      const violations = await seriousA11yViolations(page);
      if (violations.length > 0) found[colorScheme] = violations;
      await context.close();
    }
    expect(found).toEqual({});
  });

  it("sign-in, registration and password reset, signed out", { timeout: 300_000 }, async () => {
    const found: Record<string, string[]> = {};
    for (const viewport of VIEWPORTS) {
      for (const colorScheme of SCHEMES) {
        const context = await app.browser.newContext({ viewport, colorScheme, locale: "ru-RU" });
        const page = await context.newPage();
        for (const path of PUBLIC_PAGES) {
          await page.goto(`${app.server.url}${path}`);
          await settle(page);
          const violations = await seriousA11yViolations(page);
          if (violations.length > 0) found[`${path} ${viewport.name} ${colorScheme}`] = violations;
        }
        await context.close();
      }
    }
    expect(found).toEqual({});
  });
});
