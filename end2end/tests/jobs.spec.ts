import { expect, test } from "@playwright/test";
import { address, registerSeeker } from "./helpers";

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
  // Related searches: the same municipality finds this posting again.
  await page.getByRole("link", { name: "同じ市区町村の求人を探す" }).click();
  await expect(page).toHaveURL(/\/jobs\?pref=13&city=/);
  await expect(page.getByTestId("hit-count")).toBeVisible();
  await expect(page.getByLabel(/^市区町村/)).not.toHaveValue("");
  const response = await page.goto("/jobs/13010-99999999");
  expect(response?.status()).toBe(404);
});

test("the print view lays the 求人票 out for an A4 sheet", async ({ page }) => {
  await page.goto("/jobs?q=%E4%BB%8B%E8%AD%B7&pref=13");
  await page.locator(".posting-card h2 a").first().click();
  await expect(page).toHaveURL(/\/jobs\/\d{5}-\d{8}$/);
  const title = await page.getByRole("heading", { level: 1 }).innerText();
  await page.getByRole("link", { name: "求人票を表示" }).click();
  await expect(page).toHaveURL(/\/jobs\/\d{5}-\d{8}\/print$/);
  const sheet = page.getByTestId("print-sheet");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText(title);
  for (const group of ["求人事業所", "仕事内容", "労働条件", "選考等"]) {
    await expect(sheet.getByRole("heading", { level: 2, name: group })).toBeVisible();
  }
  await expect(sheet.locator(".legal-notice")).toContainText("雇用契約書ではありません");
  await expect(page.getByRole("button", { name: "印刷する" })).toBeVisible();
  // On paper: no site header, no buttons; the sheet itself stays.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "印刷する" })).toBeHidden();
  await expect(sheet.getByRole("heading", { level: 2, name: "労働条件" })).toBeVisible();
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
});

test("a visitor is asked to log in to keep a favourite, and returns to the posting", async ({ page }, info) => {
  const email = address("fav", info.project.name);
  await registerSeeker(page, email, "保存 花子", "ホゾン ハナコ");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/jobs?q=%E4%BA%8B%E5%8B%99");
  await page.locator(".posting-card h2 a").first().click();
  await expect(page).toHaveURL(/\/jobs\/\d{5}-\d{8}$/);
  const posting = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "お気に入り保存（ログイン）" }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(new RegExp(`${posting}$`));

  await page.getByRole("button", { name: "お気に入りに保存" }).click();
  await expect(page.getByRole("status")).toHaveText("お気に入りに保存しました");
  await page.reload();
  await expect(page.getByText(/お気に入りに保存済み/)).toBeVisible();
  await expect(page.getByRole("button", { name: "お気に入りに保存" })).toHaveCount(0);
  const title = await page.getByRole("heading", { level: 1 }).innerText();

  // MyPage lists it, and it can be removed there.
  await page.goto("/mypage");
  const favourites = page.getByTestId("favourites");
  await expect(favourites.getByRole("link", { name: title })).toBeVisible();
  await favourites.getByRole("button", { name: "削除" }).click();
  await expect(favourites.getByRole("status")).toHaveText("お気に入りから削除しました。");
  await expect(favourites).toContainText("お気に入りはまだありません");
});

test("hours, days and municipality narrow the search; a bad municipality is explained", async ({ page }) => {
  await page.goto("/jobs?pref=13");
  const all = Number((await page.getByTestId("hit-count").locator("b").innerText()).replace(/,/g, ""));
  await page.getByLabel("始業（時以降）").selectOption("9");
  await page.getByLabel("終業（時まで）").selectOption("18");
  await page.getByLabel("週の就業日数").selectOption("5");
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/from=9&until=18&days=5/);
  const narrowed = Number((await page.getByTestId("hit-count").locator("b").innerText()).replace(/,/g, ""));
  expect(narrowed).toBeLessThan(all);
  await expect(page.getByLabel("始業（時以降）")).toHaveValue("9");

  const response = await page.goto("/jobs?city=%E6%96%B0%E5%AE%BF");
  expect(response?.status()).toBe(400);
  await expect(page.getByText("市区町村名を「新宿区」「横浜市」のように")).toBeVisible();
});

test("a seeker saves a search and opens it again from MyPage", async ({ page }, info) => {
  await registerSeeker(page, address("search", info.project.name), "検索 太郎", "ケンサク タロウ");
  await page.goto("/jobs?q=%E4%BB%8B%E8%AD%B7&pref=13&page=1");
  await page.getByText("この条件を保存").click();
  await page.getByLabel("検索条件の名前").fill("東京の介護");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("status")).toHaveText("検索条件を保存しました。マイページで確認できます。");

  await page.goto("/mypage");
  const saved = page.getByTestId("saved-searches");
  await expect(saved.getByRole("heading", { level: 3 })).toHaveText("東京の介護");
  await saved.getByRole("button", { name: "この条件で検索" }).click();
  await expect(page).toHaveURL(/\/jobs\?q=%E4%BB%8B%E8%AD%B7&pref=13$/);
  await expect(page.getByTestId("hit-count")).toBeVisible();
  // A result card keeps its posting in place.
  const card = page.locator(".posting-card").first();
  const title = await card.locator("h2 a").innerText();
  await card.getByRole("button", { name: "お気に入りに保存" }).click();
  await expect(card.getByRole("status")).toHaveText("お気に入りに保存しました");
  await page.goto("/mypage");
  await expect(page.getByTestId("favourites").getByRole("link", { name: title })).toBeVisible();
});

test("a visitor saving from a result card is offered the login", async ({ page }) => {
  await page.goto("/jobs?q=%E4%BA%8B%E5%8B%99");
  const card = page.locator(".posting-card").first();
  await card.getByRole("button", { name: "お気に入りに保存" }).click();
  await card.getByRole("link", { name: "お気に入り保存（ログイン）" }).click();
  await expect(page).toHaveURL(/\/login\?next=\/jobs\/\d{5}-\d{8}$/);
});

test("a seeker applies online after acknowledging the notice, once", async ({ page }, info) => {
  await registerSeeker(page, address("apply", info.project.name), "応募 一郎", "オウボ イチロウ");
  await page.goto("/jobs?self=1");
  await page.locator(".posting-card h2 a").first().click();
  const title = await page.getByRole("heading", { level: 1 }).innerText();
  await page.getByRole("link", { name: "オンライン自主応募する" }).click();
  await expect(page).toHaveURL(/\/jobs\/\d{5}-\d{8}\/apply$/);
  await expect(page.getByText("オンライン自主応募は、ハローワークの職業紹介ではありません。")).toBeVisible();
  const review = page.getByRole("button", { name: "確認画面へ" });
  await page.getByLabel("志望動機").fill("これまでの経験を活かして働きたいと考え、応募いたしました。");
  await expect(page.getByText("29 / 2000文字")).toBeVisible();
  // The draft stays on the phone: a reload (or a lost connection) keeps it.
  await page.reload();
  await expect(page.getByLabel("志望動機")).toHaveValue("これまでの経験を活かして働きたいと考え、応募いたしました。");
  await expect(page.getByText("29 / 2000文字")).toBeVisible();
  await expect(review).toBeDisabled();
  await page.getByLabel("上記の内容を確認しました").check();
  await review.click();
  await expect(page.getByTestId("apply-review")).toContainText("これまでの経験を活かして");
  await page.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(page).toHaveURL(/\/mypage\/applications\/\d+$/);
  await expect(page.getByTestId("application-motivation")).toHaveText("これまでの経験を活かして働きたいと考え、応募いたしました。");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("madoguchi-draft-")))).toEqual([]);
  await page.goto("/mypage");
  const history = page.getByTestId("applications");
  await expect(history.getByRole("link", { name: title })).toBeVisible();
  await expect(history).toContainText("オンライン自主応募");
  await expect(history).toContainText("応募済み");

  // A second application to the same posting is refused.
  await history.getByRole("link", { name: title }).click();
  await page.goto(`${new URL(page.url()).pathname}/apply`);
  await expect(page.getByRole("alert")).toHaveText("この求人にはすでに応募しています。応募履歴をご確認ください。");

  // 辞退 from the history, after a second look.
  await page.goto("/mypage");
  await history.locator("summary", { hasText: "辞退する" }).click();
  await history.getByRole("button", { name: "辞退を確定する" }).click();
  await expect(history.getByRole("status")).toHaveText("応募を辞退しました。");
  await expect(history).toContainText("辞退");
  await expect(history.locator("summary", { hasText: "辞退する" })).toHaveCount(0);
});
