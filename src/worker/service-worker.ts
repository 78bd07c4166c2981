// The service worker, started only by "Make available offline" (src/data/offline.ts). It keeps the
// app itself (the build's page, scripts, style sheet and workers, listed into it by vite-plugin-pwa
// at build time) and answers data/ from the copy the page downloaded. Online, the page and the data
// manifest still come from the network first, so a new deployment is seen at once; the copy is
// used when the network fails.

import { OFFLINE_APP_CACHE, OFFLINE_DATA_CACHE } from '../data/offline';
import { rangeResponse } from '../data/byte-range';
import { MANIFEST_FILE } from '../data/schema';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

/** The build's files, with a revision for those whose names carry no content hash (index.html). */
const PRECACHE = self.__WB_MANIFEST;
const APP_CACHE = OFFLINE_APP_CACHE;
const scope = new URL(self.registration.scope);
const pageUrl = new URL('index.html', scope).href;
const dataPrefix = new URL('data/', scope).href;

function precacheKey(entry: { url: string; revision: string | null }): string {
  const url = new URL(entry.url, scope);
  if (entry.revision) url.searchParams.set('__revision', entry.revision);
  return url.href;
}

/** Stores each file of this build not stored yet (hashed names are stored once). */
async function precache(): Promise<void> {
  const cache = await caches.open(APP_CACHE);
  for (const entry of PRECACHE) {
    const key = precacheKey(entry);
    if (await cache.match(key)) continue;
    const response = await fetch(new URL(entry.url, scope).href, { cache: 'reload' });
    if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
    await cache.put(key, response);
  }
}

/** Drops the files of earlier builds. */
async function dropOldBuilds(): Promise<void> {
  const cache = await caches.open(APP_CACHE);
  const keep = new Set(PRECACHE.map(precacheKey));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

/** This build's stored copy of a file, by its address (index.html under its revision). */
async function fromApp(url: string): Promise<Response | undefined> {
  const entry = PRECACHE.find((candidate) => new URL(candidate.url, scope).href === url);
  if (!entry) return undefined;
  return (await caches.open(APP_CACHE)).match(precacheKey(entry));
}

async function networkFirst(request: Request, fallback: () => Promise<Response | undefined>): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const stored = await fallback();
    if (stored) return stored;
    throw error;
  }
}

async function dataFile(request: Request): Promise<Response> {
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  if (request.url === `${dataPrefix}${MANIFEST_FILE}`) return networkFirst(request, () => cache.match(request.url));
  const stored = await cache.match(request.url);
  return stored ? rangeResponse(request.headers.get('range'), stored) : fetch(request);
}

async function appFile(request: Request): Promise<Response> {
  return (await fromApp(request.url)) ?? fetch(request);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOldBuilds().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope.href)) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, () => fromApp(pageUrl)));
  else if (request.url.startsWith(dataPrefix)) event.respondWith(dataFile(request));
  else event.respondWith(appFile(request));
});
