/// <reference lib="webworker" />
// The coverage worker: reads scheme files for import (held until confirmed), runs the coverage core and summarises it, off the main
// thread. It fetches the built data itself (attributes, details, lookups and the geometry binary,
// decoded once; the LSOA index is built once), so nothing large is cloned across. It exposes the
// calls of coverage-api.ts through comlink; the page's side is coverage-client.ts.

import { expose } from 'comlink';
import { decodeGeometry } from '../data/geometry-format';
import { loadAttributes, loadDetails, loadLookups, loadPostcodeIndex, type Progress } from '../data/load';
import type { DataManifest } from '../data/schema';
import { openSchemeStorage } from '../data/workspace-stores';
import { createCoverageApi } from './coverage-api';
import type { EngineDataLoader, EngineDataRead } from './engine';
import { NO_STORAGE, SchemeStore } from './scheme-store';

interface DataSource {
  /** Absolute URL of the data folder (ends with a slash). */
  base: string;
  manifest: DataManifest;
}

let source: DataSource | null = null;

const RELOAD = 'Reload the page to try again; if it keeps failing, rebuild the data with `npm run data`.';

/** The geometry binary, with download progress when the server gives a length. */
async function fetchBytes(url: string, onProgress: (done: number | null) => void): Promise<ArrayBuffer | string> {
  const name = url.split('/').pop() ?? url;
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    return `The LSOA boundaries (${name}) could not be downloaded: the connection failed. ${RELOAD}`;
  }
  if (!response.ok || (response.headers.get('content-type') ?? '').includes('text/html')) {
    return `The LSOA boundaries (${name}) were not found on the server (HTTP ${response.status}). ${RELOAD}`;
  }
  const total = Number(response.headers.get('content-length')) || 0;
  const compressed = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!response.body || total === 0 || compressed) {
    onProgress(null);
    return response.arrayBuffer();
  }
  const bytes = new Uint8Array(total);
  const reader = response.body.getReader();
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > total) return response.arrayBuffer(); // Length header was wrong.
    bytes.set(value, loaded);
    loaded += value.byteLength;
    onProgress(loaded / total);
  }
  return loaded === total ? bytes.buffer : bytes.slice(0, loaded).buffer;
}

const loadData: EngineDataLoader = async (onProgress): Promise<EngineDataRead> => {
  if (!source) return { ok: false, message: 'The coverage worker was started without its data. Reload the page.' };
  const { base, manifest } = source;
  const url = (name: string) => new URL(name, base).href;
  const files = manifest.files;
  if (typeof files.geometry !== 'string') {
    return { ok: false, message: 'This build of the map data has no LSOA boundaries for coverage. Rebuild it with `npm run data`, then reload.' };
  }
  const none = (_: Progress) => undefined;
  const [attributes, details, lookups, postcodes, bytes] = await Promise.all([
    loadAttributes(url(files.attributes), manifest, none),
    loadDetails(url(files.details), manifest.lsoaCount),
    files.lookups === undefined ? Promise.resolve(null) : loadLookups(url(files.lookups), manifest.lsoaCount),
    files.postcodes === undefined ? Promise.resolve(null) : loadPostcodeIndex(url(`${files.postcodes}/`), manifest.lsoaCount),
    fetchBytes(url(files.geometry), onProgress),
  ]);
  if (!attributes.ok) return { ok: false, message: attributes.problem.message };
  if (!details.ok) return { ok: false, message: details.problem.message };
  if (lookups && !lookups.ok) return { ok: false, message: lookups.problem.message };
  if (postcodes && !postcodes.ok) return { ok: false, message: postcodes.problem.message };
  if (typeof bytes === 'string') return { ok: false, message: bytes };
  const geometry = decodeGeometry(bytes);
  if (!geometry.ok) return { ok: false, message: `The LSOA boundaries could not be read: ${geometry.message}` };
  if (geometry.geometry.count !== manifest.lsoaCount) {
    return {
      ok: false,
      message: `The LSOA boundaries hold ${geometry.geometry.count} LSOAs but the map data ${manifest.lsoaCount}. Rebuild the data with \`npm run data\`, then reload.`,
    };
  }
  return {
    ok: true,
    data: {
      attributes: attributes.value,
      details: details.value,
      geometry: geometry.geometry,
      ...(lookups ? { lookups: lookups.value } : {}),
      ...(postcodes ? { postcodes: postcodes.value } : {}),
    },
  };
};

const api = {
  /** Tells the worker where the built data is; call once, before anything else. */
  init(data: DataSource): void {
    source = data;
  },
  /** Answers at once: while a file is read, the page asks now and then to tell a stuck reader from a slow one. */
  ping(): true {
    return true;
  },
  // The datasets' schemes are stored here, in IndexedDB, rather than by the page: 100k schemes
  // copied through the page would block it for seconds.
  ...createCoverageApi(loadData, { store: new SchemeStore(typeof indexedDB === 'undefined' ? NO_STORAGE : openSchemeStorage()) }),
};

export type CoverageWorkerApi = typeof api;

expose(api);
