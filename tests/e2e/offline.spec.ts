// Offline at the venue: Settings → "Make available offline" says the size before downloading (the
// data files as the server holds them), shows progress and what is stored; then, with the network
// gone, a reload opens the app from the service worker, draws England in decile colours from the
// stored tiles, searches, imports a small hand-made file and runs coverage. One session in one tab.

import type { Page } from '@playwright/test';
import { megabytes, offlineFileList } from '../../src/data/offline';
import { expect, openApp, servedData, settle, sharedSession, SHOTS, test } from './fixtures';
import { englandInDecileColours, searchPostcode } from './steps';

const en = new Intl.NumberFormat('en-GB');

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

/** Two places in the City of London, as a council officer might type them up. */
const SCHEMES = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Barbican advice desk' }, geometry: { type: 'Point', coordinates: [-0.0935, 51.5202] } },
    { type: 'Feature', properties: { name: 'Aldgate food bank' }, geometry: { type: 'Point', coordinates: [-0.0759, 51.5139] } },
  ],
};

/** The bytes of these files under data/, fetched whole from the server under test. */
async function bytesOf(baseURL: string, paths: readonly string[]): Promise<number> {
  let total = 0;
  for (let i = 0; i < paths.length; i += 16) {
    const sizes = await Promise.all(
      paths.slice(i, i + 16).map(async (path) => {
        const response = await fetch(new URL(`data/${path}`, baseURL));
        expect(response.ok, path).toBe(true);
        return (await response.arrayBuffer()).byteLength;
      }),
    );
    total += sizes.reduce((a, b) => a + b, 0);
  }
  return total;
}

/** Every data file the offline copy holds, and the postcode district files beside them. */
async function expectedBytes(baseURL: string): Promise<{ core: number; postcodes: number; districts: number }> {
  const { manifest } = await servedData();
  const folder = manifest.files.postcodes!;
  const index = (await (await fetch(new URL(`data/${folder}/index.json`, baseURL))).json()) as { outwards: string[] };
  return {
    core: await bytesOf(
      baseURL,
      offlineFileList(manifest).map((file) => file.path),
    ),
    postcodes: await bytesOf(
      baseURL,
      index.outwards.map((outward) => `${folder}/${outward}.json`),
    ),
    districts: index.outwards.length,
  };
}

test('Settings makes GapMap available offline, saying the size first and showing progress', async ({ baseURL }) => {
  // Measuring the ~2,200 postcode files twice and storing 90 MB take a while under SwiftShader.
  test.setTimeout(300_000);
  await openApp(page);
  const expected = await expectedBytes(baseURL!);
  const bytes = expected.core + expected.postcodes;
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const section = dialog.getByRole('region', { name: 'Offline at the venue' });
  await expect(section.getByRole('button', { name: `Make available offline: England, all zooms (${megabytes(expected.core)})` })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/offline-1-settings.png` });

  // The postcodes are measured when asked for, and add to the size shown.
  const withPostcodes = async () => {
    await section.getByLabel(/Also postcodes/).check();
    await expect(section).toContainText(`Postcodes: ${en.format(expected.districts)} files, ${megabytes(expected.postcodes)}.`, { timeout: 60_000 });
  };
  await withPostcodes();
  const start = section.getByRole('button', { name: `Make available offline: England, all zooms, with postcodes (${megabytes(bytes)})` });
  await expect(start).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/offline-1b-with-postcodes.png` });

  // Stopping part way (the tiles held back until then) says what is kept; starting again goes on.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let tilesAsked = false;
  await page.context().route('**/*.pmtiles', async (route) => {
    if (!route.request().headers().range) {
      tilesAsked = true;
      await held;
    }
    await route.continue().catch(() => undefined);
  });
  await start.click();
  await expect(section.getByText(/^Downloading .* of /)).toBeVisible();
  await expect(section.getByRole('progressbar')).toBeVisible();
  await expect.poll(() => tilesAsked).toBe(true);
  await page.screenshot({ path: `${SHOTS}/offline-2-downloading.png` });
  await section.getByRole('button', { name: 'Stop downloading' }).click();
  await expect(section.getByRole('alert')).toHaveText('Stopped. The files finished so far are kept; start again to finish.');
  release();
  await page.context().unroute('**/*.pmtiles');
  await section.getByRole('button', { name: 'Try again' }).click();
  await withPostcodes();
  await start.click();
  const stored = section.locator('.offline-stored');
  await expect(stored).toContainText(`Available offline: ${megabytes(bytes)} of map data (with ${en.format(expected.districts)} postcode districts)`, {
    timeout: 90_000,
  });
  await page.screenshot({ path: `${SHOTS}/offline-3-stored.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('with the network gone, a reload opens the map, searches, imports and runs coverage', async () => {
  const responses: { url: string; status: number; fromServiceWorker: boolean }[] = [];
  page.on('response', (response) => responses.push({ url: response.url(), status: response.status(), fromServiceWorker: response.fromServiceWorker() }));
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
  await settle(page);
  await englandInDecileColours(page);
  await page.screenshot({ path: `${SHOTS}/offline-4-reloaded.png` });
  // Everything came from the service worker: the page, its scripts, and the tiles cut by range
  // from the stored archive.
  expect(responses.filter((response) => !response.fromServiceWorker)).toEqual([]);
  const tiles = responses.filter((response) => response.url.endsWith('.pmtiles'));
  expect(tiles.length).toBeGreaterThan(0);
  expect(new Set(tiles.map((response) => response.status))).toEqual(new Set([206]));

  // Search by name reads the details file from the stored copy.
  const search = page.getByRole('combobox', { name: 'Search' });
  await search.click();
  await search.pressSequentially('Aldersgate');
  await expect(page.locator('#search-list [role=option]').first()).toContainText('Aldersgate');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByRole('region', { name: 'Ward details' })).toBeVisible();
  await page.keyboard.press('Escape');
  // A postcode, from the stored postcode district.
  await searchPostcode(page);

  // A small file imported and covered by the worker, from the stored boundaries.
  await page.getByRole('button', { name: 'Coverage' }).click();
  const panel = page.getByRole('region', { name: 'Coverage' });
  await panel
    .getByLabel('Add schemes from files')
    .setInputFiles({ name: 'venue-schemes.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(SCHEMES)) });
  const preview = page.getByRole('dialog');
  await expect(preview.getByRole('button', { name: 'Import 2 schemes' })).toBeEnabled({ timeout: 60_000 });
  await preview.getByRole('button', { name: 'Import 2 schemes' }).click();
  await expect(preview).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await expect(page.getByTestId('coverage-headline')).toBeVisible();
  await expect(panel.locator('table.decile-table tbody tr')).toHaveCount(10);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/offline-5-coverage.png` });
  await page.context().setOffline(false);
});
