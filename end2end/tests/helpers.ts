import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

/** A unique address per run and project, so tests never collide. */
export function address(prefix: string, project: string): string {
  return `e2e-${prefix}-${project}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.jp`;
}

/** Opens `path` and waits until the page is hydrated (interactive). */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
}

/** The text of an `.eml` file's body, decoded from base64 or quoted-printable. */
function mailText(eml: string): { headers: string; text: string } {
  const split = eml.indexOf("\r\n\r\n");
  const headers = eml.slice(0, split);
  const body = eml.slice(split + 4);
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") {
    return { headers, text: Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") };
  }
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return { headers, text: Buffer.from(bytes, "latin1").toString("utf8") };
  }
  return { headers, text: body };
}

/**
 * The newest `/{kind}/{token}` link e-mailed to `email`: the server writes
 * each e-mail as an `.eml` file in its data folder (no SMTP server here).
 */
export async function mailedLink(email: string, kind: "verify" | "reset"): Promise<string> {
  const dir = join(process.env.E2E_DATA_DIR ?? "../target/e2e-data", "mail");
  const pattern = new RegExp(`https?://[^/\\s]+(/${kind}/[0-9a-f]{64})`);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
        } catch {
          return undefined;
        }
        for (const f of files.reverse()) {
          const { headers, text } = mailText(readFileSync(join(dir, f), "latin1"));
          if (!new RegExp(`^To:.*${email.replace(/[.+]/g, "\\$&")}`, "im").test(headers)) continue;
          const link = pattern.exec(text)?.[1];
          if (link) {
            found = link;
            return link;
          }
        }
        return undefined;
      },
      { message: `a ${kind} e-mail to ${email}`, timeout: 15_000 },
    )
    .toBeTruthy();
  return found!;
}

/** Opens the verification link e-mailed to `email` and confirms it. */
export async function verifyAddress(page: Page, email: string): Promise<void> {
  await gotoHydrated(page, await mailedLink(email, "verify"));
  await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
}

/** Logs in through the form, wherever the browser is. */
export async function logIn(page: Page, email: string, password = "demo-password-1"): Promise<void> {
  if (!/\/login/.test(page.url())) await gotoHydrated(page, "/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

/**
 * Registers a seeker through the form, confirms the address by the link of
 * the e-mail and logs in: the browser ends on /mypage.
 */
export async function registerSeeker(page: Page, email: string, name: string, kana: string): Promise<void> {
  await gotoHydrated(page, "/register");
  await page.getByLabel("氏名").fill(name);
  await page.getByLabel("フリガナ（全角カタカナ）").fill(kana);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("demo-password-1");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page).toHaveURL(/\/register\/sent$/);
  await verifyAddress(page, email);
  await expect(page).toHaveURL(/\/login\?verified=1$/);
  await expect(page.getByRole("status")).toHaveText("メールアドレスを確認しました。ログインしてください。");
  await logIn(page, email);
  await expect(page).toHaveURL(/\/mypage$/);
}
