// The security headers (scripts/security-headers.ts) on the built app as served: present on the page,
// its scripts, its workers and its data, and nothing a user does (the map loading and drawing, a
// scheme file imported, coverage run, files downloaded, an online basemap) trips the
// Content-Security-Policy, in the page or in either worker. One session in one tab, as a user would.

import fs from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { contentSecurityPolicy } from '../../scripts/security-headers';
import { expect, openApp, sharedSession, test } from './fixtures';
import { englandInDecileColours } from './steps';

const GRANTS = path.resolve('/work/shared/data/grants/trafford_council_voluntary_sector_grants_360giving.csv');
/** A host the test answers for itself (page.route): the browser still applies the policy to it. */
const BASEMAP = 'https://basemap.gapmap.test';

const session = sharedSession();
let page: Page;
const workers: Worker[] = [];

/** Each violation as "directive blocked-uri", recorded where it happened (the page or a worker). */
function recordViolations(): void {
  const seen: string[] = [];
  (globalThis as unknown as { __violations: string[] }).__violations = seen;
  globalThis.addEventListener('securitypolicyviolation', (event: SecurityPolicyViolationEvent) => {
    seen.push(`${event.effectiveDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
  });
}

async function violations(): Promise<string[]> {
  const all = await page.evaluate(() => (globalThis as unknown as { __violations?: string[] }).__violations ?? ['the page did not record violations']);
  for (const worker of workers) {
    const seen = await worker.evaluate(() => (globalThis as unknown as { __violations?: string[] }).__violations ?? []).catch(() => []);
    all.push(...seen.map((violation) => `worker ${worker.url()}: ${violation}`));
  }
  return all;
}

test.beforeAll(async () => {
  page = session.page;
  await page.addInitScript(recordViolations);
  // A worker's own violations fire in the worker, not the page; listen there as it starts.
  page.on('worker', (worker) => {
    workers.push(worker);
    void worker.evaluate(recordViolations).catch(() => undefined);
  });
});

test.afterEach(async () => {
  expect(await violations(), 'Content-Security-Policy violations').toEqual([]);
});

const panel = () => page.getByRole('region', { name: 'Coverage' });

test('the page, its scripts, its workers and its data come with the security headers, and no source maps', async () => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toBe(contentSecurityPolicy());
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');

  await openApp(page);
  // Both workers (the coverage worker and MapLibre's) are files from this site, not blob: URLs.
  await expect.poll(() => workers.length).toBeGreaterThanOrEqual(2);
  const origin = new URL(page.url()).origin;
  expect(workers.map((worker) => new URL(worker.url()).origin)).toEqual(workers.map(() => origin));

  const scripts = await page.locator('script[src]').evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).src));
  for (const url of [...scripts, ...workers.map((worker) => worker.url()), `${origin}/data/manifest.json`]) {
    const served = await page.request.get(url);
    expect(served.headers()['content-security-policy'], url).toBe(contentSecurityPolicy());
    expect(served.headers()['x-content-type-options'], url).toBe('nosniff');
    if (url.endsWith('.js')) expect((await served.text()).includes('sourceMappingURL'), `${url} names a source map`).toBe(false);
  }
});

test('the map loads and draws England in decile colours under the policy', async () => {
  await englandInDecileColours(page);
});

test('importing a scheme file and running coverage trip nothing', async () => {
  await page.getByRole('button', { name: 'Coverage' }).click();
  await panel().getByLabel('Add schemes from files').setInputFiles(GRANTS);
  const dialog = page.getByRole('dialog', { name: /^Import / });
  await dialog.getByRole('button', { name: 'Import 555 schemes' }).click({ timeout: 60_000 });
  await expect(dialog).toHaveCount(0);
  await expect(panel().locator('.dataset')).toContainText('555 schemes');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
});

test('exporting the workspace downloads it through a blob: address', async () => {
  await panel().locator('details.workspace-file summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), panel().getByRole('button', { name: 'Export workspace' }).click()]);
  expect(download.url()).toMatch(/^blob:/);
  const workspace = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { type: string; features: unknown[] };
  expect(workspace.type).toBe('FeatureCollection');
  expect(workspace.features).toHaveLength(555);
});

test('an online basemap from another https host loads: its style, raster tiles and vector tiles (read in MapLibre’s worker)', async () => {
  const png = fs.readFileSync(path.resolve('tests/fixtures/basemap-tile.png'));
  const asked = { raster: 0, vector: 0 };
  await page.route(`${BASEMAP}/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith('/style.json')) {
      return route.fulfill({
        json: {
          version: 8,
          sources: {
            land: { type: 'raster', tiles: [`${BASEMAP}/raster/{z}/{x}/{y}.png`], tileSize: 256 },
            roads: { type: 'vector', tiles: [`${BASEMAP}/vector/{z}/{x}/{y}.pbf`] },
          },
          layers: [
            { id: 'land', type: 'raster', source: 'land' },
            { id: 'roads', type: 'line', source: 'roads', 'source-layer': 'roads' },
          ],
        },
      });
    }
    // Tiles are asked for by number: the style's {z}/{x}/{y} templates reached MapLibre intact.
    if (/\/raster\/\d+\/\d+\/\d+\.png$/.test(url)) {
      asked.raster++;
      return route.fulfill({ body: png, contentType: 'image/png' });
    }
    if (/\/vector\/\d+\/\d+\/\d+\.pbf$/.test(url)) {
      asked.vector++;
      // An empty vector tile (no layers) is a valid one.
      return route.fulfill({ body: Buffer.alloc(0), contentType: 'application/x-protobuf' });
    }
    return route.fulfill({ status: 404 });
  });
  await page.evaluate((url) => window.__gapmap!.store.getState().setBasemapUrl(url), `${BASEMAP}/style.json`);
  await expect.poll(() => page.evaluate(() => window.__gapmap!.map.getLayer('basemap:roads') !== undefined)).toBe(true);
  await expect.poll(() => asked.raster > 0 && asked.vector > 0).toBe(true);
  await page.evaluate(() => new Promise<void>((resolve) => window.__gapmap!.map.once('idle', () => resolve())));
  // A blocked style or tile would show a notice naming the basemap.
  expect(await page.evaluate(() => window.__gapmap!.store.getState().notice?.text ?? '')).not.toMatch(/basemap/i);
  await page.evaluate(() => window.__gapmap!.store.getState().setBasemapUrl(null));
});

test('Settings refuses an http basemap address, which the policy would block, and says to use https', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Online basemap style (optional)').fill('http://tiles.example.org/style.json');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('#basemap-error')).toHaveText('Enter a web address starting with https://, or leave the box empty for no basemap.');
  expect(await page.evaluate(() => window.__gapmap!.store.getState().basemapUrl)).toBeNull();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
