import { expect, test, type Page } from "@playwright/test";

/** Collects console errors and uncaught exceptions of a page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/** Resolves once the WebAssembly bundle has hydrated the page. */
async function hydrated(page: Page) {
  await page.waitForFunction(() =>
    performance
      .getEntriesByType("resource")
      .some((e) => e.name.endsWith("_bg.wasm")),
  );
  // hydrate() runs right after the module is instantiated; the language
  // switch is the first interactive element, so wait until it responds.
}

test("home page loads in Japanese without console errors", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("お仕事を探す");
  await expect(page.getByTestId("open-count")).toContainText("件");
  await expect(page.locator(".posting-card").first()).toBeVisible();
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("hydration makes the language switch work", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/");
  await hydrated(page);
  const button = page.getByTestId("lang-switch");
  await expect(button).toHaveText("English");
  // Retried until the wasm has attached the handler.
  await expect(async () => {
    await button.click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a job");
  await expect(button).toHaveText("日本語");

  // The choice is remembered: the server renders the next page in English.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a job");

  // Switching back needs the reloaded page's handlers: wait for them.
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  expect(errors).toEqual([]);
});

test("keyword box submits to /jobs?q=… after hydration", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const box = page.getByRole("searchbox", { name: "キーワード" });
  await box.fill("介護　事務");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/jobs\?q=/);
  const url = new URL(page.url());
  expect(url.searchParams.get("q")).toBe("介護　事務");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("求人検索");
  await expect(page.locator("mark.keyword")).toHaveText(["介護", "事務"]);
  await expect(page.getByRole("searchbox")).toHaveValue("介護　事務");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the keyword box still submits to /jobs", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "キーワード" }).fill("保育士");
    await page.getByRole("button", { name: "検索" }).click();
    await expect(page).toHaveURL(/\/jobs\?q=%E4%BF%9D%E8%82%B2%E5%A3%AB/);
    await expect(page.locator("mark.keyword")).toHaveText("保育士");
  });
});

test("an unknown address shows the 404 page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await page.getByRole("link", { name: "ホームへ戻る" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("お仕事を探す");
});
