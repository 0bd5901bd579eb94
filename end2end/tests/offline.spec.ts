import { expect, test, type Page, type BrowserContext } from "@playwright/test";
import { address, gotoHydrated, registerSeeker } from "./helpers";

// Not one typed character is lost: drafts survive going offline and a
// reload, an application sent offline goes once when the connection is
// back, two devices never overwrite each other, and a refusal after
// reconnecting keeps the statement.

/** Opens the application form of the first posting that takes
 * self-applications in `pref`; waits until the service worker keeps it. */
async function openForm(page: Page, pref: string): Promise<string> {
  await gotoHydrated(page, `/jobs?self=1&pref=${pref}`);
  const href = await page.locator(".posting-card h2 a").first().getAttribute("href");
  expect(href).toMatch(/^\/jobs\/\d{5}-\d{8}$/);
  await gotoHydrated(page, `${href}/apply`);
  return href!.slice("/jobs/".length);
}

async function keptOffline(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const pages = await caches.open("madoguchi-pages");
          const bundle = await caches.open("madoguchi-bundle");
          const files = (await bundle.keys()).map((r) => new URL(r.url).pathname);
          return (
            !!(await pages.match(location.pathname)) &&
            files.some((f) => f.endsWith(".wasm")) &&
            files.some((f) => f.endsWith(".js"))
          );
        }),
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function login(page: Page, email: string): Promise<void> {
  await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/mypage$/);
}

async function myApplications(context: BrowserContext, number: string): Promise<number> {
  // As the site's own page asks (the server takes no request from elsewhere).
  const origin = new URL(context.pages()[0].url()).origin;
  const res = await context.request.post("/api/applications/mine", { form: {}, headers: { Origin: origin } });
  expect(res.status()).toBe(200);
  const list: { posting_number: string }[] = await res.json();
  return list.filter((a) => a.posting_number === number).length;
}

const statement = "電車の中で書いています。接続が切れても、この文は消えないはずです。";

test("a draft survives going offline and a reload; sent offline, it goes once when back online", async ({ page, context }, info) => {
  await registerSeeker(page, address("offline", info.project.name), "圏外 花子", "ケンガイ ハナコ");
  const number = await openForm(page, "13");
  await keptOffline(page);
  await page.getByLabel("志望動機").fill(statement);
  await expect(page.getByTestId("draft-state")).toContainText("同期済み");

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  await expect(page.getByLabel("志望動機")).toHaveValue(statement);
  await expect(page.getByTestId("draft-state")).toContainText("オフライン");

  // 応募 while offline: kept as waiting, clearly shown.
  await page.getByLabel("上記の内容を確認しました").check();
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await page.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(page.getByTestId("waiting")).toContainText("接続が戻ると自動的に一度だけ送信します");

  await context.setOffline(false);
  await expect(page).toHaveURL(/\/mypage\/applications\/\d+$/, { timeout: 15_000 });
  await expect(page.getByTestId("application-motivation")).toHaveText(statement);
  expect(await myApplications(context, number)).toBe(1);
  // Sent: nothing waits and no draft stays on the device.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("madoguchi-")))).toEqual([]);
});

test("two devices: the newer draft is shown and the other offered, nothing lost", async ({ browser, page }, info) => {
  const email = address("devices", info.project.name);
  await registerSeeker(page, email, "端末 一郎", "タンマツ イチロウ");
  const number = await openForm(page, "27");
  await page.getByLabel("志望動機").fill("端末Aで書いた志望動機です。");
  await expect(page.getByTestId("draft-state")).toContainText("同期済み");

  const deviceB = await browser.newContext();
  const b = await deviceB.newPage();
  await login(b, email);
  await gotoHydrated(b, `/jobs/${number}/apply`);
  await expect(b.getByLabel("志望動機")).toHaveValue("端末Aで書いた志望動機です。");
  await b.getByLabel("志望動機").fill("端末Bで書き直した志望動機です。");
  await expect(b.getByTestId("draft-state")).toContainText("同期済み");
  await deviceB.close();

  // Device A comes back: B's newer text in the box, A's own offered.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByLabel("志望動機")).toHaveValue("端末Bで書き直した志望動機です。");
  const other = page.getByTestId("draft-other");
  await expect(other).toContainText("端末Aで書いた志望動機です。");
  await other.getByRole("button", { name: "こちらの下書きに切り替える（今の文は残ります）" }).click();
  await expect(page.getByLabel("志望動機")).toHaveValue("端末Aで書いた志望動機です。");
  await expect(page.getByTestId("draft-other")).toContainText("端末Bで書き直した志望動機です。");
});

test("a refusal after reconnecting keeps the draft and says why", async ({ page, context, playwright }, info) => {
  const email = address("refused", info.project.name);
  await registerSeeker(page, email, "拒否 次郎", "キョヒ ジロウ");
  const number = await openForm(page, "40");
  await page.getByLabel("志望動機").fill(statement);
  await expect(page.getByTestId("draft-state")).toContainText("同期済み");
  await context.setOffline(true);
  await page.getByLabel("上記の内容を確認しました").check();
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await page.getByRole("button", { name: "この内容で応募する" }).click();
  await expect(page.getByTestId("waiting")).toBeVisible();

  // Meanwhile the same seeker applied from another device.
  // Another device's browser: its requests come from the site's pages.
  const other = await playwright.request.newContext({
    baseURL: info.project.use.baseURL,
    extraHTTPHeaders: { Origin: new URL(info.project.use.baseURL ?? "").origin },
  });
  const loggedIn = await other.post("/api/account/login", { form: { email, password: "demo-password-1" } });
  expect(loggedIn.status()).toBe(200);
  const sent = await other.post("/applications/send", {
    headers: { Accept: "application/json" },
    multipart: { number, key: `other-device-${info.project.name}-${Date.now()}`, motivation: "別の端末から応募しました。", acknowledged: "on" },
  });
  expect(sent.status()).toBe(200);
  await other.dispose();

  await context.setOffline(false);
  await expect(page.getByRole("alert")).toHaveText("この求人にはすでに応募しています。応募履歴をご確認ください。", { timeout: 15_000 });
  await expect(page.getByLabel("志望動機")).toHaveValue(statement);
  expect(await page.evaluate((n) => Object.keys(localStorage).some((k) => k.endsWith(`-${n}`)), number)).toBe(true);
  expect(await myApplications(context, number)).toBe(1);
});

test("the app is installable: a manifest with icons and a service worker", async ({ page }) => {
  await gotoHydrated(page, "/");
  const manifest = await page.request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const m = await manifest.json();
  expect(m.display).toBe("standalone");
  expect(m.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of ["/icon-192.png", "/icon-512.png"]) {
    expect((await page.request.get(icon)).headers()["content-type"]).toBe("image/png");
  }
  await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()))).toBe(true);
});

test("logout removes the seeker's drafts from the device", async ({ page }, info) => {
  await registerSeeker(page, address("logout", info.project.name), "共有 端末", "キョウユウ タンマツ");
  await openForm(page, "01");
  await page.getByLabel("志望動機").fill("共有の端末で書いた下書きです。");
  await expect(page.getByTestId("draft-state")).toContainText("同期済み");
  await gotoHydrated(page, "/mypage");
  await expect(page.getByTestId("attention-drafts")).toBeVisible();
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).not.toHaveURL(/\/mypage$/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("madoguchi-draft-")))).toEqual([]);
});

test("profile texts not yet saved are offered back after a reload", async ({ page }, info) => {
  await registerSeeker(page, address("profile", info.project.name), "職歴 三郎", "ショクレキ サブロウ");
  await gotoHydrated(page, "/mypage/profile");
  await page.getByLabel("職歴").fill("2015年〜2024年 倉庫内作業（フォークリフト）");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByLabel("職歴")).toHaveValue("");
  await page.getByTestId("profile-unsaved").getByRole("button", { name: "入力を復元する" }).click();
  await expect(page.getByLabel("職歴")).toHaveValue("2015年〜2024年 倉庫内作業（フォークリフト）");
  await page.getByRole("button", { name: "求職情報を保存する" }).click();
  await expect(page.getByTestId("profile-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("職歴")).toHaveValue("2015年〜2024年 倉庫内作業（フォークリフト）");
  await expect(page.getByTestId("profile-unsaved")).toHaveCount(0);
});

test("a different login on the device finds none of the pages kept for the one before", async ({ page }, info) => {
  await registerSeeker(page, address("first", info.project.name), "先客 一郎", "センキャク イチロウ");
  const number = await openForm(page, "13");
  await keptOffline(page);
  const kept = `/jobs/${number}/apply`;
  // The first seeker's session ends without a logout (it expired); the
  // next person logs in on the same device.
  await page.context().clearCookies();
  const next = address("next", info.project.name);
  await registerSeeker(page, next, "後客 二郎", "アトキャク ジロウ");
  await expect
    .poll(() => page.evaluate(async (path) => !!(await (await caches.open("madoguchi-pages")).match(path)), kept), {
      timeout: 10_000,
    })
    .toBe(false);
});
