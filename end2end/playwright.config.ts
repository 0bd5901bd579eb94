import { defineConfig, devices } from "@playwright/test";

// scripts/test.sh sets these: a free port, the debug server binary, the
// built site and a temporary data folder for this run's own database.
const port = process.env.E2E_PORT ?? "3900";
const server = process.env.E2E_SERVER ?? "../target/debug/madoguchi";
const siteRoot = process.env.E2E_SITE_ROOT ?? "../target/site";
const dataDir = process.env.E2E_DATA_DIR ?? "../target/e2e-data";

// Debian's Chromium, never a downloaded browser; no traffic leaves the machine.
const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // One retry, reported as "flaky" in the output: under the full suite's
  // load on two cores a page now and then never finishes loading (its
  // header and main arrive empty and it never hydrates) — in a different
  // test each time, never when the spec runs alone. The cause is not found
  // yet; the retry keeps it visible without turning main red.
  retries: 1,
  // Two cores run the server, two browsers and the test runner at once:
  // give a page a little longer than the default to answer.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "ja-JP",
    launchOptions: chromium,
    trace: "off",
  },
  projects: [
    {
      name: "phone",
      use: {
        ...devices["Pixel 7"],
        viewport: { width: 390, height: 844 },
        launchOptions: chromium,
      },
      // Journeys that change the demo employer's records run once, on the desktop.
      testIgnore: /\.desktop\.spec\.ts$/,
    },
    {
      name: "desktop",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: chromium,
      },
      // Journeys that change the demo seeker's records run once, on the phone.
      testIgnore: /\.phone\.spec\.ts$/,
    },
  ],
  webServer: {
    command: `${server} serve --demo`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      MADOGUCHI_DATA_DIR: dataDir,
      // The origin the browser's requests come from (the same-origin check).
      MADOGUCHI_PUBLIC_URL: `http://127.0.0.1:${port}`,
      RUST_LOG: "warn",
    },
  },
});
