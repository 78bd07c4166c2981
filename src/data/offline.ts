// "Make available offline": the data files the app reads, their sizes before anything is
// downloaded, and the download into the Cache Storage the service worker
// (src/worker/service-worker.ts) answers from when the network is gone. The tiles are one PMTiles
// archive read with range requests; it is stored whole (the service worker cuts ranges out of it),
// so there is no per-zoom choice: the copy holds England at every zoom the archive has.

import { MANIFEST_FILE, type DataManifest } from './schema';
import { POSTCODE_DIRECTORY_FILE } from './postcodes';

/** The Cache Storage cache of data files; the service worker reads it by this name. */
export const OFFLINE_DATA_CACHE = 'gapmap-data';

/** The Cache Storage cache of the app's own files, which the service worker fills and reads. */
export const OFFLINE_APP_CACHE = 'gapmap-app';

/** The service worker's file, written by the build beside index.html (vite.config.ts). */
const SERVICE_WORKER_FILE = 'service-worker.js';

/** Megabytes of 1,000,000 bytes, one decimal: what a file manager shows for the same files. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

interface OfflineFile {
  /** Path under data/, as the app asks for it. */
  path: string;
  /** What the file is for, in words. */
  what: string;
  /** Bytes, as the server declares them (Content-Length of a HEAD request). */
  bytes: number;
}

export interface OfflinePlan {
  files: OfflineFile[];
  bytes: number;
}

export type OfflineResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The files the page and the coverage worker read at start and while working, in words. */
export function offlineFileList(manifest: DataManifest): { path: string; what: string }[] {
  const files = manifest.files;
  const list = [
    { path: MANIFEST_FILE, what: 'the list of data files' },
    { path: files.attributes, what: 'deciles and populations' },
    { path: files.tiles, what: 'the map of every LSOA, all zooms' },
    { path: files.details, what: 'names for search and the panel' },
  ];
  if (files.geometry) list.push({ path: files.geometry, what: 'LSOA boundaries for coverage' });
  if (files.lookups) list.push({ path: files.lookups, what: 'area codes for imports' });
  if (files.postcodes) list.push({ path: `${files.postcodes}/${POSTCODE_DIRECTORY_FILE}`, what: 'the list of postcode areas' });
  return list;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Asks the server how big each file is (HEAD requests), so the size is known before downloading. */
export async function planOffline(dataBase: URL, manifest: DataManifest, fetchImpl: Fetch = (u, i) => fetch(u, i)): Promise<OfflineResult<OfflinePlan>> {
  const files: OfflineFile[] = [];
  for (const { path, what } of offlineFileList(manifest)) {
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, dataBase).href, { method: 'HEAD', cache: 'no-store' });
    } catch {
      return { ok: false, message: `Could not reach ${path} to measure it. Check the connection, then try again.` };
    }
    const bytes = Number(response.headers.get('content-length'));
    if (!response.ok || !(bytes > 0)) {
      return {
        ok: false,
        message: `The server did not say how big ${path} is (HTTP ${response.status}), so the download cannot be sized. Reload, then try again.`,
      };
    }
    files.push({ path, what, bytes });
  }
  return { ok: true, value: { files, bytes: files.reduce((sum, file) => sum + file.bytes, 0) } };
}

export interface OfflineProgress {
  loaded: number;
  total: number;
}

/**
 * Downloads every planned file into the offline cache, reporting bytes as they arrive. Files
 * already there under the same name are kept (names carry a content hash); the manifest is always
 * fetched again. Aborting leaves the files finished so far, which a later run keeps.
 */
export async function downloadOffline(
  dataBase: URL,
  plan: OfflinePlan,
  onProgress: (progress: OfflineProgress) => void,
  signal: AbortSignal,
  fetchImpl: Fetch = (u, i) => fetch(u, i),
): Promise<OfflineResult<OfflinePlan>> {
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  let done = 0;
  for (const file of plan.files) {
    const url = new URL(file.path, dataBase).href;
    if (file.path !== MANIFEST_FILE && (await cache.match(url))) {
      done += file.bytes;
      onProgress({ loaded: done, total: plan.bytes });
      continue;
    }
    try {
      const response = await fetchImpl(url, { signal, cache: 'no-store' });
      if (!response.ok || !response.body) return { ok: false, message: `${file.path} could not be downloaded (HTTP ${response.status}). Try again.` };
      const start = done;
      const counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            done += chunk.byteLength;
            onProgress({ loaded: Math.min(done, plan.bytes), total: plan.bytes });
            controller.enqueue(chunk);
          },
        }),
      );
      const headers = new Headers({ 'Content-Type': response.headers.get('content-type') ?? 'application/octet-stream' });
      const etag = response.headers.get('etag');
      if (etag) headers.set('ETag', etag);
      await cache.put(url, new Response(counted, { status: 200, headers }));
      done = start + file.bytes;
      onProgress({ loaded: done, total: plan.bytes });
    } catch (error) {
      if (signal.aborted) return { ok: false, message: 'Stopped. The files finished so far are kept; start again to finish.' };
      const reason =
        error instanceof Error && error.name === 'QuotaExceededError' ? 'the browser has no room for it (free some disk space)' : 'the connection failed';
      return { ok: false, message: `${file.path} could not be stored: ${reason}. Try again.` };
    }
  }
  await dropOtherFiles(cache, plan, dataBase);
  return { ok: true, value: plan };
}

/** Files of an older data build (other hashed names) are dropped once the new ones are in. */
async function dropOtherFiles(cache: Cache, plan: OfflinePlan, dataBase: URL): Promise<void> {
  const keep = new Set(plan.files.map((file) => new URL(file.path, dataBase).href));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

/** Whether every planned file is in the offline cache, and how many bytes are stored. */
export async function offlineStored(dataBase: URL, manifest: DataManifest): Promise<{ complete: boolean; bytes: number }> {
  if (typeof caches === 'undefined') return { complete: false, bytes: 0 };
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  let complete = true;
  let bytes = 0;
  for (const { path } of offlineFileList(manifest)) {
    const response = await cache.match(new URL(path, dataBase).href);
    if (!response) {
      complete = false;
      continue;
    }
    bytes += (await response.blob()).size;
  }
  return { complete, bytes };
}

/** Bytes of the app itself the service worker stored (page, scripts, style sheet, workers). */
export async function offlineAppBytes(): Promise<number> {
  if (!(await caches.has(OFFLINE_APP_CACHE))) return 0;
  const cache = await caches.open(OFFLINE_APP_CACHE);
  let total = 0;
  for (const request of await cache.keys()) total += (await (await cache.match(request))?.blob())?.size ?? 0;
  return total;
}

/**
 * Starts the service worker (it stores the app itself: page, scripts, style sheet, workers) and
 * waits until it runs. Registered only when a user asks for the offline copy, so a visit that never
 * does has no service worker.
 */
export async function startServiceWorker(baseUri: string): Promise<OfflineResult<null>> {
  if (!('serviceWorker' in navigator) || typeof caches === 'undefined') {
    return { ok: false, message: 'This browser cannot keep GapMap offline (no service workers; a private window may turn them off).' };
  }
  try {
    await navigator.serviceWorker.register(new URL(SERVICE_WORKER_FILE, baseUri).href, { scope: new URL('./', baseUri).pathname });
    await navigator.serviceWorker.ready;
    return { ok: true, value: null };
  } catch (error) {
    return { ok: false, message: `The offline copy could not start: ${error instanceof Error ? error.message : String(error)}. Reload, then try again.` };
  }
}

/** Removes the offline copy: the data cache, the app's caches and the service worker. */
export async function removeOffline(): Promise<void> {
  for (const name of [OFFLINE_DATA_CACHE, OFFLINE_APP_CACHE]) await caches.delete(name);
  const registrations = await navigator.serviceWorker.getRegistrations();
  for (const registration of registrations) await registration.unregister();
}
