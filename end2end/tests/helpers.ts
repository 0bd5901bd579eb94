import { expect, type Page } from "@playwright/test";

/** A unique address per run and project, so tests never collide. */
export function address(prefix: string, project: string): string {
  return `e2e-${prefix}-${project}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.jp`;
}

/** Opens `path` and waits until the page is hydrated (interactive). */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
}

/** Registers a seeker through the form; the browser ends on /mypage, logged in. */
export async function registerSeeker(page: Page, email: string, name: string, kana: string): Promise<void> {
  await gotoHydrated(page, "/register");
  await page.getByLabel("氏名").fill(name);
  await page.getByLabel("フリガナ（全角カタカナ）").fill(kana);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page).toHaveURL(/\/mypage$/);
}
