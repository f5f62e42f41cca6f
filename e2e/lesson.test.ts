/**
 * The lesson page end to end: the demo teacher opens a lesson of 5 «А», picks its topic from the
 * thematic plan, gives homework with a PDF attached and finds it all after a reload; the demo
 * student (5 «А») sees the homework and marks it done, and the teacher sees the mark.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations, signIn, useTestApp } from "./harness.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

interface Lesson {
  id: string;
  date: string;
  class: { name: string };
  subject: { id: string; name: string };
}

describe("lesson page: topic, homework with a file, the student's «done»", () => {
  const app = useTestApp();

  async function signedIn(login: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const page = await context.newPage();
    await signIn(page, app.server.url, login);
    return { context, page };
  }

  /** The demo teacher's 5 «А» lessons of the last four weeks (the demo school has a generated timetable). */
  async function recentLessonsOf5A(page: Page): Promise<Lesson[]> {
    const lessons: Lesson[] = [];
    const today = new Date();
    for (const back of [21, 14, 7, 0]) {
      const from = new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      const response = await page.request.get(`${app.server.url}/api/v1/me/timetable?from=${from}`);
      expect(response.status()).toBe(200);
      lessons.push(...((await response.json()) as { lessons: Lesson[] }).lessons);
    }
    const todayIso = today.toISOString().slice(0, 10);
    return lessons.filter((l) => l.class.name === "5А" && l.date <= todayIso).sort((a, b) => a.date.localeCompare(b.date));
  }

  it("the teacher sets the topic from the plan and saves homework with a file; the student marks it done", async () => {
    const teacher = await signedIn("teacher@demo.otmetka.local");
    const lessons = await recentLessonsOf5A(teacher.page);
    // A lesson with a later one of the same subject, so the homework can be due at it.
    const lesson = lessons.find((l) => lessons.some((m) => m.subject.id === l.subject.id && m.date > l.date));
    expect(lesson, "the demo school should have two recent 5А lessons of one subject").toBeTruthy();
    if (!lesson) return;

    // A thematic plan for the subject, set up through the API (its own page has its own checks).
    const csrf = { "x-otmetka-csrf": "1" };
    const plan = await teacher.page.request.post(`${app.server.url}/api/v1/lesson-plans`, {
      headers: csrf,
      data: { name: `${lesson.subject.name}, 5 класс`, subjectId: lesson.subject.id },
    });
    expect(plan.status()).toBe(201);
    const planId = ((await plan.json()) as { id: string }).id;
    const csv = "\ufeff№ урока;Тема урока\r\n1;Введение\r\n2;Строение клетки\r\n3;Ткани\r\n";
    const imported = await teacher.page.request.post(`${app.server.url}/api/v1/lesson-plans/${planId}/import?dryRun=false`, {
      headers: { ...csrf, "content-type": "application/octet-stream" },
      data: Buffer.from(csv),
    });
    expect(imported.status()).toBe(200);

    const page = teacher.page;
    await page.goto(`${app.server.url}/lessons/${lesson.id}`);
    await page.getByRole("heading", { name: new RegExp(`${lesson.subject.name}, 5А`) }).waitFor();
    await page.getByRole("combobox", { name: "Тема из тематического планирования" }).click();
    await page.getByRole("option", { name: /№ 2\. Строение клетки/ }).click();
    await expect
      .poll(() => page.getByRole("textbox", { name: "Тема", exact: true }).inputValue(), { timeout: 15_000 })
      .toBe("Строение клетки");
    await page.getByRole("button", { name: "Сохранить тему" }).click();
    await page.getByText("Сохранено", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Задать домашнее задание" }).click();
    await page.getByRole("textbox", { name: "Задание" }).fill("Прочитать § 7, ответить на вопросы 1–3.");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Прикрепить файлы" }).click()]);
    await chooser.setFiles({ name: "Вопросы к параграфу.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("link", { name: "Вопросы к параграфу.pdf" }).waitFor();
    await page.getByRole("textbox", { name: "Время на выполнение, минут" }).fill("20");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Сохранить задание" }).click();
    await page.getByText("Домашнее задание сохранено").waitFor();

    await page.reload();
    await page.getByRole("heading", { name: "Домашнее задание", exact: true }).waitFor();
    expect(await page.getByRole("textbox", { name: "Тема", exact: true }).inputValue()).toBe("Строение клетки");
    await page.getByText("Прочитать § 7, ответить на вопросы 1–3.").waitFor();
    const link = page.getByRole("link", { name: "Вопросы к параграфу.pdf" });
    const file = await page.request.get(`${app.server.url}${await link.getAttribute("href")}`);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const dueText = await page
      .getByText(/^К .+ · ≈ 20 мин$/)
      .first()
      .textContent();
    expect(dueText).toBeTruthy();

    // The student of 5 «А» finds it in the week it is due and marks it done.
    const homework = (await (await page.request.get(`${app.server.url}/api/v1/lessons/${lesson.id}`)).json()) as {
      homework: { dueOn: string }[];
    };
    const dueOn = homework.homework[0]?.dueOn as string;
    const student = await signedIn("student@demo.otmetka.local");
    await student.page.goto(`${app.server.url}/homework?week=${dueOn}`);
    await student.page.getByText("Прочитать § 7, ответить на вопросы 1–3.").waitFor();
    await student.page.getByRole("link", { name: "Вопросы к параграфу.pdf" }).waitFor();
    expect(await seriousA11yViolations(student.page)).toEqual([]);
    // The box shows what the server saved, so it turns checked when the answer comes (not on the click).
    const done = student.page.getByRole("checkbox", { name: "Выполнено" });
    await done.click();
    await expect.poll(async () => (await done.isEnabled()) && (await done.isChecked()), { timeout: 15_000 }).toBe(true);
    await student.page.reload();
    await student.page.getByText("Прочитать § 7, ответить на вопросы 1–3.").waitFor();
    expect(await student.page.getByRole("checkbox", { name: "Выполнено" }).isChecked()).toBe(true);

    await page.reload();
    await page.getByRole("button", { name: /Ученики: выполнили 1 из \d+/ }).waitFor();
    await Promise.all([teacher.context.close(), student.context.close()]);
  }, 240_000);
});
