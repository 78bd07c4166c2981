// Fetching the data step's output. A failed fetch is an expected outcome (data not built yet,
// offline, half-written build), so these return results the UI can explain, never throw.

import { isIndicatorKey } from '../core/indicators';
import { POSTCODE_DIRECTORY_FILE, PostcodeIndex, type PostcodeDirectory, type PostcodeShard } from './postcodes';
import { MANIFEST_FILE, MANIFEST_VERSION, type AttributesFile, type DataManifest, type DetailsFile, type LookupsFile } from './schema';

export interface Problem {
  /** missing: nothing there (or the dev server's index page); unreachable: network; invalid: bad content. */
  kind: 'missing' | 'unreachable' | 'invalid';
  message: string;
  url: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface Progress {
  loaded: number;
  /** Null when the server does not say how big the file is. */
  total: number | null;
}

type Fetch = (url: string) => Promise<Response>;

export const NO_DATA_MESSAGE = 'No map data found. Run `npm run data` (it reads ../shared/data), then reload.';

const REBUILD = 'Run `npm run data` again, then reload.';

export function dataFileUrl(dataBase: URL, name: string): URL {
  return new URL(name, dataBase);
}

function fail(kind: Problem['kind'], message: string, url: string): { ok: false; problem: Problem } {
  return { ok: false, problem: { kind, message, url } };
}

export async function fetchJson(url: string, onProgress?: (progress: Progress) => void, fetchImpl: Fetch = (u) => fetch(u)): Promise<Result<unknown>> {
  const name = url.split('/').pop() ?? url;
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch {
    return fail('unreachable', `Could not reach ${name}. Check the connection or that the app's server is running, then reload.`, url);
  }
  // Vite's dev server answers a missing file with its index page, so HTML means "not there".
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 404 || type.includes('text/html')) {
    return fail('missing', `${name} was not found.`, url);
  }
  if (!response.ok) {
    return fail('unreachable', `${name} could not be loaded (HTTP ${response.status}). Reload to try again.`, url);
  }
  try {
    const text = await readText(response, onProgress);
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail('invalid', `${name} is not valid JSON (it may be half-written). ${REBUILD}`, url);
  }
}

async function readText(response: Response, onProgress?: (progress: Progress) => void): Promise<string> {
  if (!onProgress || !response.body) return response.text();
  const declared = Number(response.headers.get('content-length'));
  // A compressed response declares its compressed size; progress then reads as "unknown total".
  const compressed = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const total = declared > 0 && !compressed ? declared : null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let loaded = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    text += decoder.decode(value, { stream: true });
    onProgress({ loaded, total });
  }
  return text + decoder.decode();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBounds(value: unknown): value is [number, number, number, number] {
  return Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === 'number');
}

export async function loadManifest(dataBase: URL, fetchImpl?: Fetch): Promise<Result<DataManifest>> {
  const url = dataFileUrl(dataBase, MANIFEST_FILE).href;
  const result = await fetchJson(url, undefined, fetchImpl);
  if (!result.ok) {
    return result.problem.kind === 'missing' ? fail('missing', NO_DATA_MESSAGE, url) : result;
  }
  const m = result.value;
  if (!isObject(m) || m.version !== MANIFEST_VERSION) {
    return fail('invalid', `${MANIFEST_FILE} is from another version of GapMap (expected version ${MANIFEST_VERSION}). ${REBUILD}`, url);
  }
  const files = m.files;
  const filesOk = isObject(files) && ['tiles', 'attributes', 'details'].every((key) => typeof files[key] === 'string');
  const tiles = m.tiles;
  const valid =
    filesOk &&
    typeof m.lsoaCount === 'number' &&
    typeof m.populationSource === 'string' &&
    Array.isArray(m.indicators) &&
    m.indicators.length > 0 &&
    m.indicators.every((key) => typeof key === 'string' && isIndicatorKey(key)) &&
    isBounds(m.bounds) &&
    isObject(tiles) &&
    typeof tiles.minzoom === 'number' &&
    typeof tiles.maxzoom === 'number';
  if (!valid) return fail('invalid', `${MANIFEST_FILE} is incomplete. ${REBUILD}`, url);
  return { ok: true, value: m as unknown as DataManifest };
}

export async function loadAttributes(
  url: string,
  manifest: DataManifest,
  onProgress?: (progress: Progress) => void,
  fetchImpl?: Fetch,
): Promise<Result<AttributesFile>> {
  const result = await fetchJson(url, onProgress, fetchImpl);
  if (!result.ok) return result;
  const a = result.value;
  const name = url.split('/').pop() ?? url;
  if (!isObject(a) || a.version !== 1) return fail('invalid', `${name} is not an attributes file. ${REBUILD}`, url);
  const count = manifest.lsoaCount;
  const columns: [string, unknown, number][] = [
    ['codes', a.codes, count],
    ['population', a.population, count],
    ['lad', a.lad, count],
  ];
  for (const [column, value, expected] of columns) {
    if (!Array.isArray(value) || value.length !== expected) {
      return fail('invalid', `${name}: column '${column}' should hold ${expected} values. ${REBUILD}`, url);
    }
  }
  if (!Array.isArray(a.lads) || !Array.isArray(a.counties) || !Array.isArray(a.regions)) {
    return fail('invalid', `${name}: the area tables (lads, counties, regions) are missing. ${REBUILD}`, url);
  }
  const deciles = isObject(a.deciles) ? a.deciles : {};
  for (const key of manifest.indicators) {
    const column = deciles[key];
    if (typeof column !== 'string' || column.length !== count) {
      return fail('invalid', `${name}: deciles for '${key}' should hold one character per LSOA (${count}). ${REBUILD}`, url);
    }
  }
  return { ok: true, value: a as unknown as AttributesFile };
}

export async function loadDetails(url: string, count: number, fetchImpl?: Fetch): Promise<Result<DetailsFile>> {
  const result = await fetchJson(url, undefined, fetchImpl);
  if (!result.ok) return result;
  const d = result.value;
  const name = url.split('/').pop() ?? url;
  const valid =
    isObject(d) &&
    d.version === 1 &&
    Array.isArray(d.names) &&
    d.names.length === count &&
    Array.isArray(d.ward) &&
    Array.isArray(d.msoa) &&
    Array.isArray(d.wards) &&
    Array.isArray(d.msoas) &&
    Array.isArray(d.bbox) &&
    d.bbox.length === count * 4 &&
    isObject(d.ranks);
  if (!valid) return fail('invalid', `${name} does not match the attributes file (${count} LSOAs). ${REBUILD}`, url);
  return { ok: true, value: d as unknown as DetailsFile };
}

/** The optional lookups file (LSOA 2011 → 2021); every index must be an LSOA of this build. */
export async function loadLookups(url: string, count: number, fetchImpl?: Fetch): Promise<Result<LookupsFile>> {
  const result = await fetchJson(url, undefined, fetchImpl);
  if (!result.ok) return result;
  const l = result.value;
  const name = url.split('/').pop() ?? url;
  const valid =
    isObject(l) &&
    l.version === 1 &&
    isObject(l.lsoa11) &&
    Object.values(l.lsoa11).every((list) => Array.isArray(list) && list.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < count));
  if (!valid) return fail('invalid', `${name} does not match the attributes file (${count} LSOAs). ${REBUILD}`, url);
  return { ok: true, value: l as unknown as LookupsFile };
}

function isPostcodeShard(value: unknown, outward: string, count: number): value is PostcodeShard {
  if (!isObject(value) || value.version !== 1 || value.outward !== outward) return false;
  const { inward, lon, lat, lsoa } = value;
  return (
    Array.isArray(inward) &&
    Array.isArray(lon) &&
    Array.isArray(lat) &&
    Array.isArray(lsoa) &&
    lon.length === inward.length &&
    lat.length === inward.length &&
    lsoa.length === inward.length &&
    lsoa.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < count)
  );
}

/**
 * The postcode index (optional): its directory now, each outward code's shard when first needed.
 * A shard that is missing or does not match this build counts as no postcodes in that district
 * (imports then list those postcodes as not found), and says so once on the console.
 */
export async function loadPostcodeIndex(folderUrl: string, count: number, fetchImpl?: Fetch): Promise<Result<PostcodeIndex>> {
  const base = folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`;
  const directory = await fetchJson(`${base}${POSTCODE_DIRECTORY_FILE}`, undefined, fetchImpl);
  if (!directory.ok) return directory;
  const d = directory.value;
  if (!isObject(d) || d.version !== 1 || !Array.isArray(d.outwards) || typeof d.source !== 'string') {
    return fail('invalid', `The postcode index in ${base} is not one this app can read. ${REBUILD}`, base);
  }
  return {
    ok: true,
    value: new PostcodeIndex(d as unknown as PostcodeDirectory, async (outward) => {
      const shard = await fetchJson(`${base}${encodeURIComponent(outward)}.json`, undefined, fetchImpl);
      if (shard.ok && isPostcodeShard(shard.value, outward, count)) return shard.value;
      console.warn(`Postcode district ${outward} could not be loaded from ${base}; its postcodes will show as not found.`);
      return null;
    }),
  };
}
