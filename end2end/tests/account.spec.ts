import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { address, gotoHydrated, logIn, mailedLink, registerSeeker } from "./helpers";

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
    await expect(page).toHaveURL(/\/register\/sent$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("確認メールを送りました");
    // Logged in before the address is confirmed: the MyPage says what waits.
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("demo-password-1");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/mypage$/);
    await expect(page.getByTestId("unverified")).toContainText("確認がまだ済んでいません");
    // The e-mail's link, confirmed with its button in the same browser.
    await page.goto(await mailedLink(email, "verify"));
    await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
    await expect(page).toHaveURL(/\/mypage$/);
    await expect(page.getByTestId("unverified")).toHaveCount(0);
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
  // What is kept about her, downloaded from the same page.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "自分の情報をダウンロードする（JSON）" }).click();
  const file = await (await download).path();
  const kept = JSON.parse(readFileSync(file, "utf8"));
  expect(kept.account.email).toBe("seeker@example.jp");
  expect(kept.seeker.name).toBe("山田 花子");
  expect(kept.seeker.applications.length).toBeGreaterThan(0);
});

test("a seeker who forgot the password sets a new one by the e-mailed link", async ({ page }, info) => {
  const email = address("forgot", info.project.name);
  await registerSeeker(page, email, "忘却 三郎", "ボウキャク サブロウ");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/$/);

  await gotoHydrated(page, "/login");
  await page.getByRole("link", { name: "パスワードをお忘れの方" }).click();
  await expect(page).toHaveURL(/\/password-reset$/);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "再設定のメールを送る" }).click();
  await expect(page.getByRole("status")).toContainText("パスワード再設定のメールを送りました");

  const link = await mailedLink(email, "reset");
  await gotoHydrated(page, link);
  await page.getByLabel("新しいパスワード").fill("brand-new-pass-2");
  await page.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole("status")).toHaveText("パスワードを変更しました。新しいパスワードでログインしてください。");
  await logIn(page, email, "brand-new-pass-2");
  await expect(page).toHaveURL(/\/mypage$/);

  // The link works once.
  await gotoHydrated(page, link);
  await expect(page.getByRole("alert")).toContainText("リンク");
  await expect(page.getByLabel("新しいパスワード")).toHaveCount(0);
});
