// Offline at the venue: Settings → "Make available offline" says the size before downloading (the
// data files as the server holds them), shows progress and what is stored; then, with the network
// gone, a reload opens the app from the service worker, draws England in decile colours from the
// stored tiles, searches, imports a small hand-made file and runs coverage. One session in one tab.

import type { Page } from '@playwright/test';
import { megabytes, offlineFileList } from '../../src/data/offline';
import { expect, openApp, servedData, settle, sharedSession, SHOTS, test } from './fixtures';
import { englandInDecileColours } from './steps';

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

/** The bytes of every data file the offline copy holds, fetched whole from the server under test. */
async function expectedBytes(baseURL: string): Promise<number> {
  const { manifest } = await servedData();
  let total = 0;
  for (const { path } of offlineFileList(manifest)) {
    const response = await fetch(new URL(`data/${path}`, baseURL));
    expect(response.ok, path).toBe(true);
    total += (await response.arrayBuffer()).byteLength;
  }
  return total;
}

test('Settings makes GapMap available offline, saying the size first and showing progress', async ({ baseURL }) => {
  await openApp(page);
  const bytes = await expectedBytes(baseURL!);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const section = dialog.getByRole('region', { name: 'Offline at the venue' });
  const start = section.getByRole('button', { name: `Make available offline: England, all zooms (${megabytes(bytes)})` });
  await expect(start).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/offline-1-settings.png` });

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
  await start.click();
  const stored = section.locator('.offline-stored');
  await expect(stored).toContainText(`Available offline: ${megabytes(bytes)} of map data`, { timeout: 60_000 });
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
