// Sizing the offline copy before anything is downloaded (src/data/offline.ts): the files the app
// reads, measured as the server declares them, and a message that says what to do when it cannot.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { megabytes, offlineFileList, planOffline, planPostcodes } from '../../src/data/offline';
import type { DataManifest } from '../../src/data/schema';
import { builtDataDir, hasBuiltData } from './built-data';

const base = new URL('https://gapmap.test/data/');

/** Answers like a static server over public/data: HEAD with Content-Length, GET with the file. */
function serveBuild(options: { noLength?: boolean } = {}) {
  const asked: string[] = [];
  const fetchImpl = async (url: string, init?: RequestInit) => {
    const file = path.join(builtDataDir, decodeURIComponent(new URL(url).pathname.replace('/data/', '')));
    asked.push(`${init?.method ?? 'GET'} ${url}`);
    if (!fs.existsSync(file)) return new Response(null, { status: 404 });
    const headers: Record<string, string> = options.noLength ? {} : { 'Content-Length': String(fs.statSync(file).size) };
    return new Response(init?.method === 'HEAD' ? null : fs.readFileSync(file), { headers });
  };
  return { fetchImpl, asked };
}

describe.skipIf(!hasBuiltData)('the offline copy of the real build', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(builtDataDir, 'manifest.json'), 'utf8')) as DataManifest;

  it('is sized from HEAD requests for every file the app reads at start, the tiles whole', async () => {
    const { fetchImpl, asked } = serveBuild();
    const plan = await planOffline(base, manifest, fetchImpl);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const paths = plan.value.files.map((file) => file.path);
    expect(paths).toEqual(offlineFileList(manifest).map((file) => file.path));
    expect(paths).toEqual(expect.arrayContaining(['manifest.json', manifest.files.tiles, manifest.files.attributes, manifest.files.geometry]));
    const onDisk = paths.reduce((sum, file) => sum + fs.statSync(path.join(builtDataDir, file)).size, 0);
    expect(plan.value.bytes).toBe(onDisk);
    expect(asked.every((request) => request.startsWith('HEAD '))).toBe(true);
    expect(megabytes(plan.value.bytes)).toMatch(/^\d+\.\d MB$/);
  });

  it.skipIf(!manifest.files.postcodes)('measures the postcode districts only when asked, one file per outward code', async () => {
    const { fetchImpl } = serveBuild();
    const seen: number[] = [];
    const plan = await planPostcodes(base, manifest, (done) => seen.push(done), fetchImpl);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const folder = path.join(builtDataDir, manifest.files.postcodes!);
    const shards = fs.readdirSync(folder).filter((name) => name !== 'index.json');
    expect(plan.value.files).toHaveLength(shards.length);
    expect(plan.value.bytes).toBe(shards.reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0));
    expect(seen.at(-1)).toBe(shards.length);
  });

  it("sizes the files from the data step's report when a compressing server sends no Content-Length", async () => {
    const plain = await planOffline(base, manifest, serveBuild().fetchImpl);
    const { fetchImpl, asked } = serveBuild({ noLength: true });
    const compressed = await planOffline(base, manifest, fetchImpl);
    expect(compressed).toEqual(plain);
    // The big files come from the report; only the small unlisted ones (the manifest, the postcode list) are read.
    expect(asked.filter((request) => request.startsWith('GET ')).map((request) => request.split('/data/')[1])).toEqual(
      expect.arrayContaining(['report.json', 'manifest.json']),
    );
    expect(asked).not.toContain(`GET ${base.href}${manifest.files.tiles}`);
  });

  it('says what to do when a file is not on the server', async () => {
    const plan = await planOffline(base, { ...manifest, files: { ...manifest.files, details: 'details-gone.json' } }, serveBuild().fetchImpl);
    expect(plan).toEqual({ ok: false, message: 'details-gone.json is not on the server (HTTP 404), so the download cannot be sized. Reload, then try again.' });
  });
});
