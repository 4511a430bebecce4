// Natter's service worker: the app shell, so that the app opens without a network (issue #17
// item 7). It caches only the static app (index.html and the hashed /assets/ it references)
// and never anything under /api/: messages, tokens and the socket stay with the page, which
// keeps its own offline copy (src/offline/offlineCache.ts).
const SHELL_CACHE = 'natter-shell-v1';
const SHELL_FILES = ['/index.html', '/manifest.json', '/favicon.svg', '/icon-192.png'];

/** The hashed bundles index.html loads (Vite names them /assets/<name>-<hash>.<ext>). */
function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  const response = await fetch('/index.html', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`index.html: ${response.status}`);
  const html = await response.clone().text();
  await cache.put('/index.html', response);
  await cache.addAll([...SHELL_FILES.filter((f) => f !== '/index.html'), ...assetsOf(html)]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL_CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/** Pages: the network first (a new deploy shows at once), the cached shell when it fails. */
async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put('/index.html', response.clone());
      // A new index.html may name new bundles: fetch them while online.
      response
        .clone()
        .text()
        .then((html) => cache.addAll(assetsOf(html)))
        .catch(() => {});
    }
    return response;
  } catch (error) {
    const cached = await caches.match('/index.html');
    if (cached) return cached;
    throw error;
  }
}

/** Hashed assets never change: the cache first. Other static files: cache as a fallback. */
async function asset(request, immutable) {
  const cache = await caches.open(SHELL_CACHE);
  if (immutable) {
    const cached = await cache.match(request);
    if (cached) return cached;
  }
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request, true));
  } else if (SHELL_FILES.includes(url.pathname) || url.pathname === '/icon-512.png') {
    event.respondWith(asset(request, false));
  }
});
