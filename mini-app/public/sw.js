// Browser preview only (inside Zalo the app package is on the phone already): keeps the app shell so a
// lesson opened once can be reopened with no network. Lesson data itself is kept by the app (offline/).
const SHELL = "kns-shell-v1";
const SERVER_PATHS = /^\/(api|sim|webhooks|healthz|c)(\/|$)/;

async function keepShell(cache, response) {
  const html = await response.clone().text();
  await cache.put("/", response);
  // Hashed file names: what index.html names now is exactly what this version needs.
  await cache.addAll([...new Set(html.match(/\/assets\/[^"']+/g) ?? [])]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then(async (cache) => keepShell(cache, await fetch("/", { cache: "no-cache" }))).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    // Lazy screens (quiz, settings…) are kept the first time they load.
    event.respondWith(
      caches.open(SHELL).then(async (cache) => {
        const kept = await cache.match(request);
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      }),
    );
  } else if (request.mode === "navigate" && !SERVER_PATHS.test(url.pathname)) {
    // Network first, so a new version shows as soon as there is signal; the kept shell otherwise. Every
    // route answers with the same index.html, which replaces the kept one (its files are kept as they load).
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (response.ok) {
            const copy = response.clone(); // now, before the page starts reading the body
            event.waitUntil(caches.open(SHELL).then((cache) => cache.put("/", copy)));
          }
          return response;
        },
        async () => (await caches.match("/")) ?? Response.error(),
      ),
    );
  }
});
