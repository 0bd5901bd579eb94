import { expect, test } from "@playwright/test";
import { gotoHydrated } from "./helpers";

// The demo employer's applicants, on a desktop. It changes the demo
// records (a result is sent), so it runs in the desktop project only.

test("the demo employer reads an applicant and sends 不採用 with a reason; the seeker sees it", async ({ page, browser }) => {
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill("employer@example.jp");
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/employer$/);
  await page.getByRole("link", { name: "応募者管理" }).click();
  await expect(page.getByTestId("applicant-total")).toHaveText("2件");

  // A bulk action: the self-applicant moves to 書類選考.
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const applicants = page.getByTestId("applicants");
  await applicants.getByLabel("選択 佐藤 健").check();
  const bulk = page.getByTestId("bulk");
  await expect(bulk).toContainText("1件を選択中");
  await bulk.getByLabel("まとめて").selectOption({ label: "書類選考中" });
  await bulk.getByRole("button", { name: "実行する" }).click();
  await expect(bulk.getByRole("status")).toHaveText("1件を変更しました（対象外 0件）");
  await expect(applicants.locator("tr", { hasText: "佐藤 健" })).toContainText("書類選考中");

  await page.getByLabel("応募方法").selectOption({ label: "オンラインハローワーク紹介" });
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page.getByTestId("applicant-total")).toHaveText("1件");
  await page.getByTestId("applicants").getByRole("link", { name: "山田 花子" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("application-motivation")).toContainText("介護職員初任者研修");
  await expect(page.getByRole("link", { name: "紹介状を表示・印刷" })).toBeVisible();

  // Notes and a rating, for the establishment only.
  const notes = page.getByTestId("notes");
  await notes.getByLabel("メモを追加").fill("面接で夜勤の可否を確認する");
  await notes.getByRole("button", { name: "メモを保存" }).click();
  await expect(notes.getByTestId("note-list")).toContainText("面接で夜勤の可否を確認する");
  await notes.getByLabel("評価").selectOption("4");
  await notes.getByRole("button", { name: "評価を保存" }).click();
  await expect(notes.getByLabel("評価")).toHaveValue("4");

  // 不採用 without a reason is refused; with one it is sent.
  const decide = page.getByTestId("decide");
  await decide.getByLabel("不採用", { exact: true }).check();
  await decide.getByRole("button", { name: "結果を送る" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await decide.getByLabel("不採用の理由区分（不採用のとき必須）").selectOption({ label: "他の応募者の採用が決まった" });
  await decide.getByRole("button", { name: "結果を送る" }).click();
  await expect(page.getByTestId("decided")).toBeVisible();
  await expect(page.getByTestId("applicant-status")).toHaveText("不採用");

  // The seeker, on a phone, finds the result in the history.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const seeker = await phone.newPage();
  await gotoHydrated(seeker, "/login");
  await seeker.getByLabel("メールアドレス").fill("seeker@example.jp");
  await seeker.getByLabel("パスワード").fill("demo-password-1");
  await seeker.getByRole("button", { name: "ログイン" }).click();
  await expect(seeker).toHaveURL(/\/mypage$/);
  await expect(seeker.getByTestId("applications").locator("li", { hasText: "介護職員（特別養護老人ホーム）" })).toContainText("不採用");
  await expect(seeker.getByTestId("attention")).toContainText("採否結果が届いた応募が1件あります");
  await phone.close();
});
