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

const defaultFetch: Fetch = (url, init) => fetch(url, init);

/** Requests at once for the many small postcode files (a browser opens about six per host). */
const PARALLEL = 6;

/** Runs `work` on each item, `limit` at a time, stopping at the first failure (its message). */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<string | null>): Promise<string | null> {
  let next = 0;
  let failure: string | null = null;
  const runner = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T;
      const problem = await work(item);
      if (problem !== null) failure ??= problem;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return failure;
}

/**
 * The data step's own record of its files' sizes (report.json `outputs`), by file name: the sizes
 * when a server compresses its answers and so sends no Content-Length. Empty if unreadable.
 */
async function reportedSizes(dataBase: URL, fetchImpl: Fetch): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  try {
    const response = await fetchImpl(new URL('report.json', dataBase).href, { cache: 'no-store' });
    const outputs = response.ok ? ((await response.json()) as { outputs?: Record<string, { file?: unknown; bytes?: unknown }> }).outputs : undefined;
    for (const output of Object.values(outputs ?? {})) {
      if (typeof output.file === 'string' && typeof output.bytes === 'number') sizes.set(output.file, output.bytes);
    }
  } catch {
    // No report: the files are then measured by reading them.
  }
  return sizes;
}

/**
 * Asks the server how big each file is (HEAD requests), so the size is known before downloading.
 * A server that compresses sends no Content-Length: the data step's report says, or, for small
 * files it does not list, the file is read once to count its bytes.
 */
async function measure(
  dataBase: URL,
  list: readonly { path: string; what: string }[],
  fetchImpl: Fetch,
  onMeasured: (done: number) => void = () => {},
): Promise<OfflineResult<OfflinePlan>> {
  const files: OfflineFile[] = new Array(list.length);
  let done = 0;
  let reported: Promise<Map<string, number>> | undefined;
  const unreachable = (path: string) => `Could not reach ${path} to measure it. Check the connection, then try again.`;
  const failure = await inPool(
    list.map((item, index) => ({ ...item, index })),
    PARALLEL,
    async ({ path, what, index }) => {
      const url = new URL(path, dataBase).href;
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'HEAD', cache: 'no-store' });
      } catch {
        return unreachable(path);
      }
      if (!response.ok) return `${path} is not on the server (HTTP ${response.status}), so the download cannot be sized. Reload, then try again.`;
      let bytes = Number(response.headers.get('content-length'));
      if (!(bytes > 0)) {
        reported ??= reportedSizes(dataBase, fetchImpl);
        bytes = (await reported).get(path) ?? 0;
      }
      if (!(bytes > 0)) {
        try {
          bytes = (await (await fetchImpl(url, { cache: 'no-store' })).arrayBuffer()).byteLength;
        } catch {
          return unreachable(path);
        }
      }
      files[index] = { path, what, bytes };
      onMeasured(++done);
      return null;
    },
  );
  if (failure !== null) return { ok: false, message: failure };
  return { ok: true, value: { files, bytes: files.reduce((sum, file) => sum + file.bytes, 0) } };
}

/** The files every offline copy holds, measured. */
export function planOffline(dataBase: URL, manifest: DataManifest, fetchImpl: Fetch = defaultFetch): Promise<OfflineResult<OfflinePlan>> {
  return measure(dataBase, offlineFileList(manifest), fetchImpl);
}

/** Each postcode district's file (one per outward code), as the app asks for it. */
function postcodeShardPath(folder: string, outward: string): string {
  return `${folder}/${encodeURIComponent(outward)}.json`;
}

/**
 * The postcode districts of all England (about 2,200 small files), measured only when a user asks
 * for them: postcode search and imports located by postcode read them. `onMeasured` counts files.
 */
export async function planPostcodes(
  dataBase: URL,
  manifest: DataManifest,
  onMeasured: (done: number, total: number) => void,
  fetchImpl: Fetch = defaultFetch,
): Promise<OfflineResult<OfflinePlan>> {
  const folder = manifest.files.postcodes;
  if (!folder) return { ok: true, value: { files: [], bytes: 0 } };
  let outwards: unknown;
  try {
    const response = await fetchImpl(new URL(`${folder}/${POSTCODE_DIRECTORY_FILE}`, dataBase).href, { cache: 'no-store' });
    outwards = response.ok ? ((await response.json()) as { outwards?: unknown }).outwards : undefined;
  } catch {
    outwards = undefined;
  }
  if (!Array.isArray(outwards) || !outwards.every((outward) => typeof outward === 'string')) {
    return { ok: false, message: 'The list of postcode districts could not be read. Check the connection, then try again.' };
  }
  const list = (outwards as string[]).map((outward) => ({ path: postcodeShardPath(folder, outward), what: `postcode district ${outward}` }));
  return measure(dataBase, list, fetchImpl, (done) => onMeasured(done, list.length));
}

export interface OfflineProgress {
  loaded: number;
  total: number;
}

const STOPPED = 'Stopped. The files finished so far are kept; start again to finish.';

/**
 * Downloads every planned file into the offline cache, reporting bytes as they arrive. Files
 * already there under the same name are kept (names carry a content hash); the manifest is always
 * fetched again. Aborting leaves the files finished so far, which a later run keeps. Files of the
 * earlier copy that the plan does not hold (an older data build, postcodes left out) are dropped.
 */
export async function downloadOffline(
  dataBase: URL,
  plan: OfflinePlan,
  onProgress: (progress: OfflineProgress) => void,
  signal: AbortSignal,
  fetchImpl: Fetch = defaultFetch,
): Promise<OfflineResult<OfflinePlan>> {
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  let done = 0;
  const report = () => onProgress({ loaded: Math.min(done, plan.bytes), total: plan.bytes });
  const failure = await inPool(plan.files, PARALLEL, async (file) => {
    if (signal.aborted) return STOPPED;
    const url = new URL(file.path, dataBase).href;
    if (file.path !== MANIFEST_FILE && (await cache.match(url))) {
      done += file.bytes;
      report();
      return null;
    }
    let counted = 0;
    try {
      const response = await fetchImpl(url, { signal, cache: 'no-store' });
      if (!response.ok || !response.body) return `${file.path} could not be downloaded (HTTP ${response.status}). Try again.`;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            counted += chunk.byteLength;
            done += chunk.byteLength;
            report();
            controller.enqueue(chunk);
          },
        }),
      );
      const headers = new Headers({ 'Content-Type': response.headers.get('content-type') ?? 'application/octet-stream' });
      const etag = response.headers.get('etag');
      if (etag) headers.set('ETag', etag);
      await cache.put(url, new Response(body, { status: 200, headers }));
      // The measured size counts, whatever the transfer was (a compressed body is smaller).
      done += file.bytes - counted;
      report();
      return null;
    } catch (error) {
      done -= counted;
      if (signal.aborted) return STOPPED;
      const reason =
        error instanceof Error && error.name === 'QuotaExceededError' ? 'the browser has no room for it (free some disk space)' : 'the connection failed';
      return `${file.path} could not be stored: ${reason}. Try again.`;
    }
  });
  if (failure !== null) return { ok: false, message: failure };
  await dropOtherFiles(cache, plan, dataBase);
  return { ok: true, value: plan };
}

/** Files of an older data build (other hashed names) are dropped once the new ones are in. */
async function dropOtherFiles(cache: Cache, plan: OfflinePlan, dataBase: URL): Promise<void> {
  const keep = new Set(plan.files.map((file) => new URL(file.path, dataBase).href));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

export interface OfflineStored {
  /** Every file the app needs at start is stored. */
  complete: boolean;
  /** Bytes of data stored, postcodes included. */
  bytes: number;
  /** Postcode district files stored. */
  postcodeFiles: number;
}

/** Where the size of the finished copy is noted (reading back thousands of cached files is slow). */
const COPY_KEY = 'gapmap.offlineCopy';

interface CopyNote {
  builtAt: string;
  files: number;
  bytes: number;
}

function readNote(): CopyNote | null {
  try {
    const note = JSON.parse(localStorage.getItem(COPY_KEY) ?? 'null') as Partial<CopyNote> | null;
    return note && typeof note.builtAt === 'string' && typeof note.files === 'number' && typeof note.bytes === 'number' ? (note as CopyNote) : null;
  } catch {
    return null;
  }
}

/** Notes the size of a finished copy for `offlineStored`. */
export function noteOfflineCopy(manifest: DataManifest, plan: OfflinePlan): void {
  try {
    localStorage.setItem(COPY_KEY, JSON.stringify({ builtAt: manifest.builtAt, files: plan.files.length, bytes: plan.bytes } satisfies CopyNote));
  } catch {
    // Storage blocked: the size is then added up from the stored files.
  }
}

/** What the offline cache holds for this data build (its files listed once, not read). */
export async function offlineStored(dataBase: URL, manifest: DataManifest): Promise<OfflineStored> {
  if (typeof caches === 'undefined' || !(await caches.has(OFFLINE_DATA_CACHE))) return { complete: false, bytes: 0, postcodeFiles: 0 };
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  const stored = new Set((await cache.keys()).map((request) => request.url));
  const core = offlineFileList(manifest).map(({ path }) => new URL(path, dataBase).href);
  const shards = manifest.files.postcodes ? new URL(`${manifest.files.postcodes}/`, dataBase).href : null;
  const postcodeFiles = shards === null ? 0 : [...stored].filter((url) => url.startsWith(shards) && !core.includes(url)).length;
  const complete = core.every((url) => stored.has(url));
  const note = readNote();
  let bytes: number;
  if (note && note.builtAt === manifest.builtAt && note.files === stored.size) bytes = note.bytes;
  else {
    bytes = 0;
    for (const url of core) bytes += (await (await cache.match(url))?.blob())?.size ?? 0;
  }
  return { complete, bytes, postcodeFiles };
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
  localStorage.removeItem(COPY_KEY);
  const registrations = await navigator.serviceWorker.getRegistrations();
  for (const registration of registrations) await registration.unregister();
}
