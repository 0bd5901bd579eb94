import { expect, test } from "@playwright/test";
import { address, gotoHydrated, logIn, verifyAddress } from "./helpers";

test("an employer opens a MyPage with the establishment", async ({ page }, info) => {
  await gotoHydrated(page, "/register");
  await page.getByRole("link", { name: "求人者マイページの開設へ" }).click();
  await expect(page).toHaveURL(/\/register\/employer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("求人者マイページの開設");
  await page.getByLabel("事業所名", { exact: true }).fill("株式会社みどり運輸");
  await page.getByLabel("事業所名フリガナ（全角カタカナ）").fill("ミドリウンユ");
  await page.getByLabel("所在地（都道府県）").selectOption({ label: "大阪府" });
  await page.getByLabel("市区町村").fill("大阪市北区");
  await page.getByLabel("番地・建物名").fill("梅田1丁目2-3");
  await page.getByLabel("事業内容（業種）").fill("道路貨物運送業");
  await page.getByLabel("従業員数").selectOption({ label: "30〜99人" });
  await page.getByLabel("担当者名").fill("採用 花子");
  const email = address("employer", info.project.name);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page).toHaveURL(/\/register\/sent$/);
  await verifyAddress(page, email);
  await expect(page).toHaveURL(/\/login\?verified=1$/);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/employer$/);
  await expect(page.getByTestId("welcome")).toContainText("採用 花子");
});

test("the admin adds a staff account, who then logs in", async ({ page }, info) => {
  const email = address("staff", info.project.name);
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill("admin@example.jp");
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const staffTable = page.getByRole("table");
  await expect(staffTable).toContainText("staff@example.jp");

  const form = page.locator("form", { has: page.getByLabel("初期パスワード") });
  await form.getByLabel("氏名").fill("難波 職員");
  await form.getByLabel("メールアドレス").fill(email);
  await form.getByLabel("所属安定所").selectOption("27010");
  await form.getByLabel("初期パスワード").fill("initial-password-7");
  await form.getByRole("button", { name: "追加する" }).click();
  await expect(page.getByRole("status")).toHaveText("アカウントを追加しました。");
  await expect(staffTable).toContainText(email);

  await page.getByRole("button", { name: "ログアウト" }).click();
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("initial-password-7");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/staff$/);
});
