// The coverage worker stopping while it reads a file, in the built app with the real worker: the
// user is told which file, GapMap starts a fresh worker, the run shown is made again (the map's
// schemes come back without a reload) and the next file is read. The crash is made through
// Playwright's handle on the worker (nothing in the app is there for the test): a listener added
// to the worker throws when the area file's read arrives.

import fs from 'node:fs';
import path from 'node:path';
import { trafford } from '../unit/built-data';
import { expect, openApp, SHOTS, test } from './fixtures';

// Chromium logs the worker's uncaught error; that is the point of this test.
test.use({ allowedConsoleErrors: [/simulated crash/] });

/** A small square over Old Trafford as a GeoJSON file of areas. */
function wardsFile(): string {
  const ring = [
    [-2.3, 53.45],
    [-2.29, 53.45],
    [-2.29, 53.46],
    [-2.3, 53.46],
    [-2.3, 53.45],
  ];
  const file = path.join(SHOTS, 'wards.geojson');
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ type: 'Feature', properties: { name: 'Old Trafford' }, geometry: { type: 'Polygon', coordinates: [ring] } }));
  return file;
}

test('a worker that crashes while reading an area file is replaced: the file is named, the run comes back, the next file is read', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, '#map=13/53.4560/-2.2850');
  const status = () => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind);
  /** A tile of the run's schemes over Trafford, as the map asks the worker for it (null: the worker holds no such run). */
  const traffordTile = () =>
    page.evaluate(async () => {
      const state = window.__gapmap!.store.getState();
      const key = state.coverage.result?.run.key;
      return key ? (await state.schemeTile(key, 10, 505, 331, ['#1d70b8'])) !== null : null;
    });

  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await page.getByRole('region', { name: 'Coverage' }).getByLabel('Add schemes from files').setInputFiles(trafford.routes);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await expect.poll(status, { timeout: 90_000 }).toBe('ready');
  expect(await traffordTile()).toBe(true);

  const first = page.workers().find((worker) => worker.url().includes('coverage'));
  if (!first) throw new Error('the coverage worker is not running');
  const closed = new Promise<void>((resolve) => first.on('close', () => resolve()));
  await page.getByRole('tab', { name: 'Areas' }).click();
  const panel = page.getByRole('region', { name: 'Target areas' });
  // The worker throws as the area file's read arrives (after comlink has started it).
  await first.evaluate(() => {
    self.addEventListener('message', (event: MessageEvent) => {
      if ((event.data as { path?: string[] } | null)?.path?.[0] === 'readAreasFile') throw new Error('simulated crash');
    });
  });
  const file = wardsFile();
  await panel.getByLabel('Add areas from a file').setInputFiles(file);
  await expect(panel.getByRole('alert')).toContainText(
    /^GapMap stopped reading wards\.geojson: the reader crashed \(.*simulated crash\) — the file may hold a shape too complex to read\. Nothing was added; simplify it \(e\.g\. mapshaper -simplify\) or split it, and try again\./,
    { timeout: 30_000 },
  );
  await closed; // The old worker was terminated.
  expect(await page.evaluate(() => window.__gapmap!.store.getState().areas.list.length)).toBe(0);

  // The fresh worker made the run again: the map's schemes are there without a reload.
  await expect.poll(status, { timeout: 90_000 }).toBe('ready');
  await expect.poll(traffordTile, { timeout: 30_000 }).toBe(true);

  // And it reads the next file.
  await panel.getByLabel('Add areas from a file').setInputFiles(file);
  await expect(panel.locator('.area-import-preview')).toContainText('1 area in wards.geojson');
  await panel.locator('.area-import-preview').getByRole('button', { name: 'Add the area' }).click();
  await expect(panel.locator('.area-list .area-row')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/worker-restarted.png` });
});
