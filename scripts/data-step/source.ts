// Where the data step's inputs come from: --source DIR, else $GAPMAP_SOURCE, else ../shared/data
// when it exists, else the official downloads listed in data/sources.json, cached (and resumed)
// in data/cache/. Nothing is fetched when a source folder is given.

import fs from 'node:fs';
import path from 'node:path';

export interface SourceEntry {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  paths: string[];
  required: boolean;
  columns: string[];
  note?: string;
  download?: { kind: 'file'; url: string; path: string } | { kind: 'arcgis'; url: string; where: string; fields: string; path: string };
}

export interface SourceManifest {
  sources: SourceEntry[];
}

export function readSourceManifest(projectRoot: string): SourceManifest {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'data', 'sources.json'), 'utf8')) as SourceManifest;
}

export type SourceChoice = { kind: 'folder'; dir: string; why: string } | { kind: 'download'; cacheDir: string };

export function chooseSource(projectRoot: string, cliSource: string | undefined, env: NodeJS.ProcessEnv): SourceChoice {
  if (cliSource) return { kind: 'folder', dir: path.resolve(cliSource), why: '--source' };
  if (env.GAPMAP_SOURCE) return { kind: 'folder', dir: path.resolve(env.GAPMAP_SOURCE), why: 'GAPMAP_SOURCE' };
  const shared = path.resolve(projectRoot, '..', 'shared', 'data');
  if (fs.existsSync(shared)) return { kind: 'folder', dir: shared, why: '../shared/data found' };
  return { kind: 'download', cacheDir: path.join(projectRoot, 'data', 'cache') };
}

/** The first of an entry's accepted paths that exists under dir, or undefined. */
export function locate(dir: string, entry: SourceEntry): string | undefined {
  return entry.paths.map((p) => path.join(dir, p)).find((p) => fs.existsSync(p));
}

type Progress = (message: string) => void;

/** Downloads every entry that has a download address and is not complete in the cache. */
export async function downloadAll(manifest: SourceManifest, cacheDir: string, progress: Progress): Promise<void> {
  for (const entry of manifest.sources) {
    if (!entry.download) continue;
    const target = path.join(cacheDir, entry.download.path);
    if (fs.existsSync(target)) {
      progress(`${entry.id}: cached at ${path.relative(process.cwd(), target)}`);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (entry.download.kind === 'file') await downloadFile(entry.download.url, target, entry.id, progress);
    else await downloadArcgis(entry.download, target, entry.id, progress);
  }
}

/**
 * Streams a file to `target.part`, resuming from its current size with an HTTP Range request, and
 * renames it into place when complete.
 */
async function downloadFile(url: string, target: string, id: string, progress: Progress): Promise<void> {
  const part = `${target}.part`;
  const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
  const response = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {} });
  if (!response.ok || !response.body) throw new Error(`${id}: ${url} answered ${response.status} ${response.statusText}`);
  const resumed = response.status === 206;
  const total = Number(response.headers.get('content-length') ?? 0) + (resumed ? have : 0);
  const out = fs.createWriteStream(part, { flags: resumed ? 'a' : 'w' });
  let done = resumed ? have : 0;
  let lastReport = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    out.write(chunk);
    done += chunk.length;
    if (Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      progress(`${id}: ${(done / 1e6).toFixed(1)} MB${total ? ` of ${(total / 1e6).toFixed(1)} MB` : ''}`);
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  fs.renameSync(part, target);
  progress(`${id}: downloaded ${(done / 1e6).toFixed(1)} MB`);
}

/**
 * Pages through an ArcGIS feature service (ONS Open Geography Portal) 2,000 records at a time.
 * Each page is kept in a .pages folder, so an interrupted download resumes at the next page.
 * Writes GeoJSON for geometry layers and CSV for tables.
 */
async function downloadArcgis(spec: { url: string; where: string; fields: string }, target: string, id: string, progress: Progress): Promise<void> {
  const pagesDir = `${target}.pages`;
  fs.mkdirSync(pagesDir, { recursive: true });
  const asGeoJson = target.endsWith('.geojson');
  const pageSize = 2000;
  const features: { properties: Record<string, unknown>; geometry?: unknown }[] = [];
  for (let page = 0; ; page++) {
    const pageFile = path.join(pagesDir, `${page}.json`);
    let body: { features?: typeof features; exceededTransferLimit?: boolean; properties?: { exceededTransferLimit?: boolean } };
    if (fs.existsSync(pageFile)) {
      body = JSON.parse(fs.readFileSync(pageFile, 'utf8')) as typeof body;
    } else {
      const params = new URLSearchParams({
        where: spec.where,
        outFields: spec.fields,
        returnGeometry: String(asGeoJson),
        outSR: '4326',
        f: asGeoJson ? 'geojson' : 'json',
        resultOffset: String(page * pageSize),
        resultRecordCount: String(pageSize),
        orderByFields: spec.fields.split(',')[0] ?? '',
      });
      const response = await fetch(`${spec.url}?${params}`);
      if (!response.ok) throw new Error(`${id}: ${spec.url} answered ${response.status} ${response.statusText}`);
      const text = await response.text();
      body = JSON.parse(text) as typeof body;
      fs.writeFileSync(pageFile, text);
    }
    const pageFeatures = (body.features ?? []).map((f) => ({
      properties:
        (f as { properties?: Record<string, unknown>; attributes?: Record<string, unknown> }).properties ??
        (f as { attributes?: Record<string, unknown> }).attributes ??
        {},
      geometry: f.geometry,
    }));
    features.push(...pageFeatures);
    progress(`${id}: ${features.length.toLocaleString('en-GB')} records`);
    const more = body.exceededTransferLimit ?? body.properties?.exceededTransferLimit ?? pageFeatures.length === pageSize;
    if (!more || pageFeatures.length === 0) break;
  }
  if (asGeoJson) {
    fs.writeFileSync(target, JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }));
  } else {
    const fields = spec.fields.split(',');
    const quote = (value: unknown) => `"${String(value ?? '').replace(/"/g, '""')}"`;
    const lines = [fields.join(','), ...features.map((f) => fields.map((k) => quote(f.properties[k])).join(','))];
    fs.writeFileSync(target, `${lines.join('\n')}\n`);
  }
  fs.rmSync(pagesDir, { recursive: true, force: true });
}
