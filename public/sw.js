// Madoguchi's service worker: the pages a seeker needs on a train open
// without a connection, everything else shows a friendly offline page.
//
// - /pkg/ (the bundle, content-hashed names): from the cache, else the
//   network. A bundle not seen before means a new release: the pages kept
//   for the old one are dropped with it, so a kept page never meets a
//   bundle it was not built with.
// - Page navigations: the network first (always the current release when
//   online); when it fails, the kept copy of MyPage, a posting or its
//   application form, else /offline.html.
// - Nothing else is intercepted (server functions, uploads, downloads).
//
// The page tells the worker which pages to keep (see the shell's script):
// only MyPage, postings and application forms, only while logged in; every
// login and logout empties the page cache (below).

const VERSION = "1";
const SHELL = `madoguchi-shell-${VERSION}`;
const PAGES = "madoguchi-pages";
const BUNDLE = "madoguchi-bundle";
const OFFLINE = "/offline.html";

const keepable = (path) =>
  path === "/mypage" ||
  path.startsWith("/mypage/") ||
  /^\/jobs\/\d{5}-\d{8}(\/apply)?$/.test(path);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((c) => c.addAll([OFFLINE, "/manifest.webmanifest", "/icon-192.png", "/favicon.svg"]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((n) => n.startsWith("madoguchi-shell-") && n !== SHELL)
            .map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function bundle(request) {
  const cache = await caches.open(BUNDLE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const name = new URL(request.url).pathname;
    const base = name.replace(/\.[^/]*$/, "").replace(/_bg$/, "");
    const known = (await cache.keys()).map((r) => new URL(r.url).pathname);
    if (known.length > 0 && !known.some((k) => k.startsWith(base))) {
      // A new release: old bundle files and the pages built for them go.
      await Promise.all(known.map((k) => cache.delete(k)));
      await caches.delete(PAGES);
    }
    await cache.put(request, response.clone());
  }
  return response;
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const path = new URL(request.url).pathname;
    if (keepable(path)) {
      const kept = await caches.match(path, { cacheName: PAGES, ignoreSearch: true });
      if (kept) return kept;
    }
    const fallback = await caches.match(OFFLINE);
    return fallback || Response.error();
  }
}

// A login or a logout on this device, with JavaScript or a plain form:
// the pages kept for whoever was logged in before go at once, so the next
// person never opens them offline (a session that simply expired is
// followed by a login too).
const SWITCHES = ["/api/account/login", "/api/account/logout", "/api/invite/accept"];

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && SWITCHES.includes(url.pathname)) {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(bundle(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  }
});

// The page asks to keep itself and the bundle files it loaded.
self.addEventListener("message", (event) => {
  let data = {};
  try {
    data = typeof event.data === "string" ? JSON.parse(event.data) : event.data || {};
  } catch (e) {
    return;
  }
  if (data.type !== "keep") return;
  event.waitUntil(
    (async () => {
      const pages = await caches.open(PAGES);
      for (const href of data.pages || []) {
        const path = new URL(href, self.location.origin).pathname;
        if (!keepable(path)) continue;
        const response = await fetch(path, { credentials: "same-origin" }).catch(() => null);
        if (response && response.ok && !response.redirected) await pages.put(path, response);
      }
      const files = await caches.open(BUNDLE);
      for (const href of data.bundle || []) {
        const path = new URL(href, self.location.origin).pathname;
        if (!path.startsWith("/pkg/") || (await files.match(path))) continue;
        const response = await fetch(path).catch(() => null);
        if (response && response.ok) await files.put(path, response);
      }
    })(),
  );
});
