import { expect, test } from "@playwright/test";
import { gotoHydrated } from "./helpers";

// The demo seeker's day on a phone, end to end. It changes the demo
// seeker's own records (an application, the waiting recommendation), so it
// runs in the phone project only (playwright.config.ts), once per run.

const pdf = {
  name: "rirekisho.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
};

test("the demo seeker searches, keeps, saves, applies with a PDF and answers a recommendation", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill("seeker@example.jp");
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/mypage$/);
  await expect(page.getByTestId("attention")).toContainText("ハローワークからの紹介「調理補助（社員食堂）」");

  // Search, keep a result, save the search.
  await gotoHydrated(page, "/jobs?pref=47&self=1");
  const card = page.locator(".posting-card").first();
  const title = await card.locator("h2 a").innerText();
  await card.getByRole("button", { name: "お気に入りに保存" }).click();
  await expect(card.getByRole("status")).toHaveText("お気に入りに保存しました");
  await page.getByText("この条件を保存").click();
  await page.getByLabel("検索条件の名前").fill("沖縄で自主応募");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("検索条件を保存しました。マイページで確認できます。")).toBeVisible();

  // Self-apply with the acknowledgement and a PDF résumé.
  await card.locator("h2 a").click();
  await page.getByRole("link", { name: "オンライン自主応募する" }).click();
  await expect(page).toHaveURL(/\/jobs\/\d{5}-\d{8}\/apply$/);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("上記の内容を確認しました").check();
  await page.getByLabel("志望動機").fill("地元で長く働きたいと考え、応募いたしました。");
  await page.getByLabel("履歴書").setInputFiles(pdf);
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await page.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(page).toHaveURL(/\/mypage\/applications\/\d+$/);
  await expect(page.getByTestId("application-method")).toHaveText("オンライン自主応募");
  await expect(page.getByTestId("application-motivation")).toHaveText("地元で長く働きたいと考え、応募いたしました。");
  const documents = page.getByTestId("application-documents");
  await expect(documents).toContainText("履歴書");
  const download = await page.request.get(await documents.getByRole("link").getAttribute("href") ?? "");
  expect(download.status()).toBe(200);
  expect((await download.body()).toString()).toContain("%PDF-1.4");

  // The history, the favourite and the saved search on MyPage.
  await page.goto("/mypage");
  await expect(page.getByTestId("applications").getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByTestId("favourites").getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByTestId("saved-searches")).toContainText("沖縄で自主応募");

  // The recommendation: answered before its deadline, the letter issued.
  const referrals = page.getByTestId("referrals");
  const expired = referrals.locator('[data-status="expired"]');
  await expect(expired).toHaveCount(1);
  await expect(expired.getByRole("link", { name: "志望動機を書いて応募する" })).toHaveCount(0);
  const expiredId = await expired.getAttribute("data-referral");
  await referrals.getByRole("link", { name: "志望動機を書いて応募する" }).click();
  await expect(page).toHaveURL(/\/mypage\/referrals\/\d+\/apply$/);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByText("ハローワークからの紹介に応募します")).toBeVisible();
  await page.getByLabel("志望動機").fill("社員食堂での調理補助の経験を活かしたいと考えています。");
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await page.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(page).toHaveURL(/\/mypage\/applications\/\d+$/);
  await expect(page.getByTestId("application-method")).toHaveText("オンラインハローワーク紹介");
  await page.getByRole("link", { name: "紹介状を表示・印刷" }).click();
  await expect(page).toHaveURL(/\/mypage\/applications\/\d+\/letter$/);
  await expect(page.getByTestId("referral-letter")).toContainText("紹介状");
  await expect(page.getByTestId("letter-seeker")).not.toBeEmpty();
  await expect(page.getByTestId("referral-letter")).toContainText("調理補助（社員食堂）");

  // The expired recommendation cannot be used, even by its address.
  await page.goto(`/mypage/referrals/${expiredId}/apply`);
  await expect(page.getByRole("alert")).toContainText("応募期限は過ぎています");
  await expect(page.getByLabel("志望動機")).toHaveCount(0);
});

test("a refused upload comes back with the reason and the statement kept", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill("seeker2@example.jp");
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/mypage$/);
  // Internet-only: no recommendations, an explanation instead.
  await expect(page.getByTestId("registration-needed")).toContainText("ハローワークの窓口で求職登録");
  await gotoHydrated(page, "/jobs?pref=46&self=1");
  await page.locator(".posting-card h2 a").first().click();
  await page.getByRole("link", { name: "オンライン自主応募する" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("上記の内容を確認しました").check();
  await page.getByLabel("志望動機").fill("書類の形式を確かめます。");
  await page.getByLabel("職務経歴書").setInputFiles({ name: "keireki.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await page.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(page.getByRole("alert")).toHaveText("このファイルの形式は受け付けていません。PDF、JPEG、PNGのいずれかを選んでください。");
  await expect(page.getByLabel("志望動機")).toHaveValue("書類の形式を確かめます。");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the application form posts itself and a bad file comes back with the reason", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill("seeker2@example.jp");
    await page.getByLabel("パスワード").fill("demo-password-1");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/mypage$/);
    await page.goto("/jobs?pref=45&self=1");
    const href = await page.locator(".posting-card h2 a").first().getAttribute("href");
    await page.goto(`${href}/apply`);
    await page.getByLabel("上記の内容を確認しました").check();
    await page.getByLabel("志望動機").fill("JavaScriptなしでも応募できます。");
    await page.getByLabel("履歴書").setInputFiles({ name: "r.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 cut short") });
    await page.getByRole("button", { name: "この内容で応募する" }).click();
    await expect(page).toHaveURL(/\/apply\?error=/);
    await expect(page.getByRole("alert")).toHaveText("ファイルが壊れているか、途中までしかありません。元のファイルを確認して、もう一度選んでください。");
  });
});
