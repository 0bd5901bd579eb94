import { expect, test } from "@playwright/test";

test("search 介護 in 東京都, narrow by a flag, page on", async ({ page }) => {
  await page.goto("/jobs");
  await expect(page.getByTestId("hit-count")).toBeVisible();
  await page.getByRole("searchbox", { name: "キーワード" }).fill("介護");
  await page.getByLabel("都道府県").selectOption("13");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/\/jobs\?.*pref=13/);
  const count = page.getByTestId("hit-count");
  await expect(count).toContainText("件の求人が見つかりました");
  const total = Number((await count.locator("b").innerText()).replace(/,/g, ""));
  expect(total).toBeGreaterThan(0);
  // Every card is in Tokyo and shows the keyword marked.
  const cards = page.locator(".posting-card");
  await expect(cards.first()).toContainText("東京都");
  await expect(cards.first().locator("mark.hit").first()).toHaveText("介護");
  // The URL carries the search: reloading gives the same result.
  await page.reload();
  await expect(page.getByTestId("hit-count").locator("b")).toHaveText(total.toLocaleString("en-US"));
  await expect(page.getByLabel("都道府県")).toHaveValue("13");

  // A flag narrows the result.
  await page.getByLabel(/^通勤手当あり/).check();
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/flag=commute_allowance/);
  const narrowed = Number((await page.getByTestId("hit-count").locator("b").innerText()).replace(/,/g, ""));
  expect(narrowed).toBeLessThanOrEqual(total);
});

test("all postings page by page, and the back button returns", async ({ page }) => {
  await page.goto("/jobs");
  const first = await page.locator(".posting-number").first().innerText();
  await page.getByRole("link", { name: "次へ" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator(".posting-number").first()).not.toHaveText(first);
  await page.goBack();
  await expect(page.locator(".posting-number").first()).toHaveText(first);
});

test("nothing found explains what to drop; a bad condition is a 400 page", async ({ page }) => {
  await page.goto("/jobs?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84%E8%A8%80%E8%91%89&pref=13");
  await expect(page.getByTestId("no-results")).toContainText("条件に合う求人が見つかりませんでした");
  await page.getByRole("link", { name: "キーワードを外して探す" }).click();
  await expect(page.getByTestId("hit-count")).toBeVisible();
  const response = await page.goto("/jobs?pref=99");
  expect(response?.status()).toBe(400);
  await expect(page.getByText("検索条件に正しくない値があります。")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filters still search", async ({ page }) => {
    await page.goto("/jobs");
    await page.getByRole("searchbox", { name: "キーワード" }).fill("保育士");
    await page.getByRole("button", { name: "検索" }).click();
    await expect(page).toHaveURL(/q=%E4%BF%9D%E8%82%B2%E5%A3%AB/);
    await expect(page.getByTestId("hit-count")).toContainText("件の求人が見つかりました");
    await expect(page.locator(".posting-card").first()).toContainText("保育士");
  });
});

test("open a posting from the results: the 求人票 with its legal notice", async ({ page }) => {
  await page.goto("/jobs?q=%E4%BB%8B%E8%AD%B7&pref=13");
  const first = page.locator(".posting-card h2 a").first();
  const title = await first.innerText();
  await first.click();
  await expect(page).toHaveURL(/\/jobs\/\d{5}-\d{8}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".legal-notice")).toContainText("この画面で表示される求人情報は雇用契約書ではありません");
  await expect(page.getByRole("heading", { level: 2, name: "労働条件" })).toBeVisible();
  const response = await page.goto("/jobs/13010-99999999");
  expect(response?.status()).toBe(404);
});
