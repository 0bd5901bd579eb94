import { expect, test } from "@playwright/test";
import { address, gotoHydrated, registerSeeker } from "./helpers";

test("a seeker registers on a phone, logs out and logs in again", async ({ page }, info) => {
  const email = address("seeker", info.project.name);
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("求職者マイページの開設");
  await registerSeeker(page, email, "山田 太郎", "ヤマダ タロウ");
  await expect(page.getByTestId("welcome")).toContainText("山田 太郎");
  // The header says who is logged in, on every page.
  await gotoHydrated(page, "/jobs");
  await expect(page.getByTestId("who")).toHaveText("山田 太郎");
  await expect(page.getByRole("link", { name: "ログイン", exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("who")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "ログイン", exact: true })).toBeVisible();

  // A visitor is sent to the login page.
  await page.goto("/mypage");
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("wrong-password-9");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("alert")).toHaveText("メールアドレスまたはパスワードが正しくありません。");

  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/mypage$/);
  await expect(page.getByTestId("welcome")).toContainText("山田 太郎");
  await expect(page.getByTestId("who")).toHaveText("山田 太郎");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the server renders the logged-in header, and logout works as a form", async ({ page }, info) => {
    const email = address("nojs", info.project.name);
    await page.goto("/register");
    await page.getByLabel("氏名").fill("窓口 次郎");
    await page.getByLabel("フリガナ（全角カタカナ）").fill("マドグチ ジロウ");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("demo-password-1");
    await page.getByRole("button", { name: "登録する" }).click();
    await page.goto("/jobs?q=介護");
    await expect(page.getByTestId("who")).toHaveText("窓口 次郎");
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.goto("/jobs");
    await expect(page.getByTestId("who")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "ログイン", exact: true })).toBeVisible();
  });
});

test("registration explains a reading that is not katakana", async ({ page }, info) => {
  await gotoHydrated(page, "/register");
  await page.getByLabel("氏名").fill("山田 太郎");
  await page.getByLabel("フリガナ（全角カタカナ）").fill("やまだ たろう");
  await page.getByLabel("メールアドレス").fill(address("seeker", info.project.name));
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByRole("alert")).toHaveText("フリガナは全角カタカナで入力してください。");
  await expect(page.getByLabel("フリガナ（全角カタカナ）")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/register$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the demo staff member logs in with the plain form", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill("staff@example.jp");
    await page.getByLabel("パスワード").fill("demo-password-1");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("職員メニュー");
  });
});

test.describe("without JavaScript, a failed login", () => {
  test.use({ javaScriptEnabled: false });

  test("returns to the form with the reason", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill("staff@example.jp");
    await page.getByLabel("パスワード").fill("wrong-password-9");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByRole("alert")).toHaveText("メールアドレスまたはパスワードが正しくありません。");
  });
});

test("the demo seeker's MyPage shows the office's notice and the history", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill("seeker@example.jp");
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/mypage$/);
  await expect(page.getByTestId("notices")).toContainText("次回の職業相談日のご案内");
  await expect(page.getByTestId("applications").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("saved-searches")).toContainText("東京都の介護");
});
