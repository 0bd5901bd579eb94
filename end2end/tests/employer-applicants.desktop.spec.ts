import { expect, test } from "@playwright/test";
import { address, gotoHydrated, registerSeeker } from "./helpers";

// These tests change the demo employer's applicants: one after the other.
test.describe.configure({ mode: "serial" });

/** `YYYY-MM-DD HH:MM`, `days` from now, on Japan's calendar. */
function inJapan(days: number, hm: string): string {
  return new Date(Date.now() + 9 * 3600e3 + days * 86400e3).toISOString().slice(0, 10) + " " + hm;
}

test("the employer proposes interview times; the seeker's unread count rises and the pick reaches the employer, without a reload", async ({ page, browser }) => {
  // The demo seeker on a phone: the header shows the live unread count.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const seeker = await phone.newPage();
  await logIn(seeker, "seeker@example.jp", /\/mypage$/);
  const seekerLink = seeker.locator("header").getByRole("link", { name: /^メッセージ/ });
  await expect(seekerLink).toBeVisible();
  const badge = seeker.getByTestId("unread-count");
  const before = (await badge.count()) ? Number(await badge.textContent()) : 0;

  // The demo employer on a desktop opens the applicant's thread.
  await logIn(page, "employer@example.jp", /\/employer$/);
  await page.getByRole("link", { name: "応募者管理" }).click();
  await page.getByTestId("applicants").getByRole("link", { name: "山田 花子" }).click();
  await page.getByRole("main").getByRole("link", { name: "メッセージ" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const first = inJapan(3, "10:00");
  const second = inJapan(4, "14:30");
  const composer = page.getByTestId("composer");
  // A time in the past is refused with the rule.
  await composer.getByLabel("メッセージ", { exact: true }).fill("面接の候補日です。ご都合の良い日時をお選びください。");
  await composer.getByLabel(/面接日時の候補/).fill("2020-01-01 10:00");
  await composer.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByRole("alert")).toContainText("面接日時は1〜5件");
  await composer.getByLabel(/面接日時の候補/).fill(`${first}\n${second}`);
  await composer.getByRole("button", { name: "送信する" }).click();
  await expect(page.getByTestId("messages").getByTestId("slots").last()).toContainText(second);

  // Without a reload, the seeker's count goes up by one.
  await expect(badge).toHaveText(String(before + 1), { timeout: 15_000 });
  await seekerLink.click();
  await expect(seeker).toHaveURL(/\/messages$/);
  await seeker.getByTestId("threads").getByRole("link", { name: /社会福祉法人あおば会/ }).click();
  await expect(seeker).toHaveURL(/\/messages\/\d+$/);
  await expect(seeker.locator("html")).toHaveAttribute("data-hydrated", "true");
  const offer = seeker.getByTestId("slots").last();
  await offer.locator("li", { hasText: first }).getByRole("button", { name: "この日時にする" }).click();
  await expect(seeker.getByTestId("interview-at")).toContainText(first);
  // A second pick is no longer offered.
  await expect(seeker.getByRole("button", { name: "この日時にする" })).toHaveCount(0);

  // The seeker sends a file: judged by its bytes, so a text file named
  // .pdf is refused with the reason; a real PDF goes with the message.
  const seekerComposer = seeker.getByTestId("composer");
  await seekerComposer.getByLabel("メッセージ", { exact: true }).fill("履歴書をお送りします。");
  await seekerComposer.getByLabel(/ファイルを添付/).setInputFiles({
    name: "rirekisho.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a PDF"),
  });
  await seekerComposer.getByRole("button", { name: "送信する" }).click();
  await expect(seeker.getByRole("alert")).toContainText("添付ファイル： このファイルの形式は受け付けていません");
  await seekerComposer.getByLabel(/ファイルを添付/).setInputFiles({
    name: "rirekisho.pdf", mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
  });
  await seekerComposer.getByRole("button", { name: "送信する" }).click();
  await expect(seeker.getByTestId("messages").getByTestId("attachment")).toHaveCount(1);
  await expect(seekerComposer.getByLabel("メッセージ", { exact: true })).toHaveValue("");
  await phone.close();

  // The employer's open thread shows the pick, without a reload.
  await expect(page.getByTestId("interview-at")).toContainText(first, { timeout: 15_000 });
  await expect(page.getByTestId("messages")).toContainText(`面接日時は ${first} でお願いします。`);
  // The seeker's file reaches the employer's open thread and downloads.
  const file = page.getByTestId("messages").getByTestId("attachment");
  await expect(file).toHaveCount(1, { timeout: 15_000 });
  const download = await page.request.get(await file.getAttribute("href") ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).toString()).toContain("%PDF-1.4");
});

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

async function logIn(page: import("@playwright/test").Page, email: string, landing: RegExp) {
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(landing);
}

test("staff register a seeker at the counter and refer them; the employer hires; follow-up and statistics show it", async ({ page, browser }) => {
  // The seeker opened a MyPage on their phone, internet only.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const seeker = await phone.newPage();
  const email = address("counter", "desktop");
  await registerSeeker(seeker, email, "窓口 太郎", "マドグチ タロウ");

  // At the counter: staff register the MyPage with its 求職番号.
  await logIn(page, "staff@example.jp", /\/staff$/);
  await page.getByRole("link", { name: "業務統計" }).click();
  await expect(page).toHaveURL(/\/staff\/statistics$/);
  const month = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 7);
  const hiresCell = page.locator(`tr[data-month="${month}"]`).getByTestId("hires-cell");
  const hiresBefore = Number(await hiresCell.textContent());
  await expect(page.getByTestId("stats-chart")).toBeVisible();

  await gotoHydrated(page, "/staff/seekers");
  const form = page.locator("form", { has: page.getByRole("button", { name: "求職登録する" }) });
  await form.getByLabel("氏名").fill("窓口 太郎");
  await form.getByLabel("フリガナ").fill("マドグチ タロウ");
  await form.getByLabel("生年月日").fill("1990-04-01");
  // The address alone links nothing: the MyPage's owner must show its code.
  await form.getByLabel("メールアドレス").fill(email);
  await form.getByRole("button", { name: "求職登録する" }).click();
  await expect(page.getByRole("alert")).toContainText("連携コード");
  await expect(page).toHaveURL(/\/staff\/seekers$/);

  // The seeker shows a one-time code from MyPage and reads it out.
  await gotoHydrated(seeker, "/mypage/profile");
  await seeker.getByRole("button", { name: "連携コードを表示する" }).click();
  const code = (await seeker.getByTestId("link-code").locator(".code").textContent()) ?? "";
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await form.getByLabel("連携コード").fill(code.toLowerCase());
  await form.getByRole("button", { name: "求職登録する" }).click();
  await expect(page).toHaveURL(/\/staff\/seekers\/\d+$/);
  await expect(page.getByTestId("seeker-number")).toHaveText(/^13010-\d{8}$/);
  const ledgerUrl = page.url();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");

  // With the seeker beside them, staff fill in the 求職情報: a broken
  // telephone number is refused by name, then the wishes are saved.
  await page.getByRole("link", { name: "求職情報を本人と編集" }).click();
  await expect(page).toHaveURL(/\/staff\/seekers\/\d+\/profile$/);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const profile = page.getByTestId("staff-profile");
  await profile.getByLabel("電話番号").fill("でんわ");
  await profile.getByLabel("希望職種").fill("介護職員、看護助手");
  await profile.getByLabel("希望する勤務時間・曜日").fill("平日 9:00〜17:00");
  await profile.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByRole("alert")).toContainText("電話番号");
  await profile.getByLabel("電話番号").fill("080-2222-3333");
  await profile.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByTestId("profile-saved")).toBeVisible();
  await page.getByRole("link", { name: "求職者台帳に戻る" }).click();
  await expect(page).toHaveURL(ledgerUrl);
  await expect(page.getByTestId("seeker-ledger")).toContainText("介護職員、看護助手");
  await expect(page.getByTestId("seeker-ledger")).toContainText("080-2222-3333");
  // The seeker sees the same 求職情報 on their own MyPage.
  await gotoHydrated(seeker, "/mypage/profile");
  await expect(seeker.getByLabel("希望職種")).toHaveValue("介護職員、看護助手");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");

  // Confirmed with the employer by telephone, the posting is recommended.
  const byNumber = page.getByTestId("recommend-by-number");
  await byNumber.getByLabel("求人番号").fill("13010-09990000");
  await byNumber.getByLabel("電話で応募可能を確認した").check();
  await byNumber.getByLabel("適合性判断").fill("介護職を希望し、勤務地・雇用形態とも希望に合う。");
  await byNumber.getByRole("button", { name: "マイページに紹介を送る" }).click();
  await expect(page.getByTestId("recommended").first()).toBeVisible();
  await expect(page.getByTestId("ledger")).toContainText("応募待ち");

  // The seeker, on the phone, answers before the deadline.
  await gotoHydrated(seeker, "/mypage");
  const referrals = seeker.getByTestId("referrals");
  await expect(referrals).toContainText("介護職員（特別養護老人ホーム）");
  await referrals.getByRole("link", { name: "志望動機を書いて応募する" }).click();
  await expect(seeker).toHaveURL(/\/mypage\/referrals\/\d+\/apply$/);
  await expect(seeker.locator("html")).toHaveAttribute("data-hydrated", "true");
  await seeker.getByLabel("志望動機").fill("祖母の介護の経験から、介護の仕事に就きたいと考えています。");
  await seeker.getByRole("button", { name: "確認画面へ" }).click();
  await seeker.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(seeker).toHaveURL(/\/mypage\/applications\/\d+$/);
  await expect(seeker.getByTestId("application-method")).toHaveText("オンラインハローワーク紹介");
  await phone.close();

  // The demo employer sees the application with its letter and hires.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const employer = await desk.newPage();
  await logIn(employer, "employer@example.jp", /\/employer$/);
  await employer.getByRole("link", { name: "応募者管理" }).click();
  await employer.getByTestId("applicants").getByRole("link", { name: "窓口 太郎" }).click();
  await expect(employer.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(employer.getByRole("link", { name: "紹介状を表示・印刷" })).toBeVisible();
  const decide = employer.getByTestId("decide");
  await decide.getByLabel("採用", { exact: true }).check();
  await decide.getByRole("button", { name: "結果を送る" }).click();
  await expect(employer.getByTestId("applicant-status")).toHaveText("採用");
  await desk.close();

  // Staff see the result in the seeker's ledger, and one more hire this month.
  await gotoHydrated(page, ledgerUrl);
  await expect(page.getByTestId("ledger")).toContainText("採用");
  await expect(page.getByTestId("ledger")).toContainText("13010-");
  await gotoHydrated(page, "/staff/follow-up");
  await expect(page.getByTestId("follow-up-row").filter({ hasText: "窓口 太郎" })).toHaveCount(0);
  await gotoHydrated(page, "/staff/statistics");
  await expect(hiresCell).toHaveText(String(hiresBefore + 1));
});
