import { expect, test, type Browser, type Page } from "@playwright/test";
import { gotoHydrated } from "./helpers";

// The demo employer files a posting on a desktop: the linter refuses an
// age limit without its legal reason, the fixed posting is submitted, the
// demo staff member accepts it, and the employer switches on online
// self-application. It adds a posting to the demo data, so it runs in the
// desktop project only.

async function logIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  return page;
}

test("a posting with an unlawful age limit is refused, fixed, submitted, accepted and opened to self-application", async ({ browser }) => {
  const title = `訪問介護員（${Date.now() % 100000}）`;
  const employer = await logIn(browser, "employer@example.jp");
  await expect(employer).toHaveURL(/\/employer$/);
  await employer.getByRole("link", { name: "求人の管理" }).click();
  await employer.getByRole("link", { name: "求人を新規登録" }).click();
  await expect(employer.getByRole("heading", { level: 1 })).toHaveText("求人の新規登録");
  await expect(employer.locator("html")).toHaveAttribute("data-hydrated", "true");
  const findings = employer.getByTestId("findings");
  await expect(findings).toContainText("職種: 入力してください。");

  await employer.getByRole("button", { name: /^仕事内容/ }).click();
  await employer.getByLabel("職種", { exact: true }).fill(title);
  await employer.getByLabel("職業分類（例: B-091-01）").fill("E-361-01");
  await employer.getByLabel("仕事の内容").fill("ご利用者様のご自宅で、食事・入浴・掃除などの生活援助と身体介護を行います。");
  await employer.getByLabel("就業場所（番地・建物名）").fill("本郷1丁目2-3");
  await employer.getByLabel("業務の変更の範囲").fill("法人の定める業務");
  await employer.getByLabel("就業場所の変更の範囲").fill("法人の定める事業所");

  await employer.getByRole("button", { name: /^賃金/ }).click();
  await employer.getByLabel("賃金（下限・手当込み）").fill("240000");
  await employer.getByLabel("賃金（上限・手当込み）").fill("290000");

  await employer.getByRole("button", { name: /^労働時間/ }).click();
  await employer.getByLabel("就業時間1（始業）").fill("9:00");
  await employer.getByLabel("就業時間1（終業）").fill("18:00");
  await employer.getByLabel("休日", { exact: true }).fill("土日祝");
  await employer.getByLabel("年間休日数").fill("120");

  // An age limit without a reason: the live linter names the rule.
  await employer.getByRole("button", { name: /^選考/ }).click();
  await employer.getByLabel("選考方法").fill("書類選考・面接（1回）");
  await employer.getByLabel("年齢（上限）").fill("35");
  await expect(findings).toContainText("年齢制限: 年齢制限には、雇用対策法施行規則第1条の3第1項の例外事由");
  await expect(findings).not.toContainText("職種");

  // Submitting is refused with the same finding; the draft is kept.
  await employer.getByRole("button", { name: "審査を申し込む" }).click();
  await expect(employer.getByTestId("save-state").getByRole("alert")).toContainText("年齢制限には、雇用対策法施行規則第1条の3第1項の例外事由");
  await expect(employer).toHaveURL(/\/employer\/postings\/\d+\/edit$/);
  await expect(employer.getByTestId("posting-status")).toHaveText("仮登録");

  // Fixed with a legal reason, it is submitted.
  await employer.getByLabel("年齢制限の理由（雇用対策法施行規則 第1条の3第1項）").selectOption({ label: "3号イ（長期勤続によるキャリア形成）" });
  await expect(employer.getByText("指摘はありません。審査を申し込めます。")).toBeVisible();
  await employer.getByRole("button", { name: "審査を申し込む" }).click();
  await expect(employer.getByTestId("save-state")).toHaveText("審査を申し込みました。ハローワークの受理をお待ちください。");
  await expect(employer.getByTestId("posting-status")).toHaveText("審査中");

  // The demo staff member accepts it from the office's queue.
  const staff = await logIn(browser, "staff@example.jp");
  await expect(staff).toHaveURL(/\/staff$/);
  const item = staff.getByTestId("review-item").filter({ hasText: title });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: "受理する" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "受理しました" })).toContainText(/求人番号 \d{5}-\d{8}/);
  await staff.context().close();

  // The employer sees it published and switches on self-application.
  await gotoHydrated(employer, "/employer/postings");
  const row = employer.getByTestId("own-posting").filter({ hasText: title });
  await expect(row.locator(".badge")).toHaveText("有効");
  const number = (await row.locator("td").first().innerText()).trim();
  expect(number).toMatch(/^\d{5}-\d{8}$/);
  await row.getByLabel("受け付ける").check();
  await expect(row.getByLabel("受け付ける")).toBeChecked();
  await employer.reload();
  await expect(employer.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(employer.getByTestId("own-posting").filter({ hasText: title }).getByLabel("受け付ける")).toBeChecked();

  // The posting is on the public pages under its number.
  await gotoHydrated(employer, `/jobs/${number}`);
  await expect(employer.getByRole("heading", { level: 1 })).toHaveText(title);
  await employer.context().close();
});
