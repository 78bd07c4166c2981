// The workspace shared by two tabs of one browser, and a damaged stored record: what one tab
// imports shows in the other and neither deletes the other's work; a record that fails its schema
// is set aside (with an export) and the rest of the workspace opens and runs.

import type { Page } from '@playwright/test';
import { expect, openApp, SHOTS, test } from './fixtures';

/** A small hand-made file of two community projects in Trafford. */
function projects(name: string, lon: number): string {
  const point = (k: number) => ({
    type: 'Feature',
    properties: { name: `${name} ${k}`, kind: 'community' },
    geometry: { type: 'Point', coordinates: [lon + k * 0.01, 53.44] },
  });
  return JSON.stringify({ type: 'FeatureCollection', features: [point(0), point(1)] });
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  const drop = await page.evaluateHandle(
    ({ name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/geo+json' }));
      return data;
    },
    { name, text },
  );
  await page.dispatchEvent('main.map-area', 'dragover', { dataTransfer: drop });
  await page.dispatchEvent('main.map-area', 'drop', { dataTransfer: drop });
  const dialog = page.getByRole('dialog', { name: /^Import / });
  await dialog.getByRole('button', { name: 'Import 2 schemes' }).click();
  await expect(dialog).toHaveCount(0);
}

const datasetNames = (page: Page) =>
  page.evaluate(() =>
    window
      .__gapmap!.store.getState()
      .coverage.datasets.map((d) => d.name)
      .sort(),
  );

async function openCoverage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Coverage' })).toBeVisible();
}

test('two tabs: each shows what the other imported, and neither deletes the other’s datasets', async ({ context }) => {
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  await openApp(tabA);
  await openApp(tabB);
  await openCoverage(tabA);
  await openCoverage(tabB);

  await importFile(tabA, 'stretford-projects.geojson', projects('Stretford project', -2.32));
  // Tab B hears of it without a reload.
  await expect(tabB.getByRole('region', { name: 'Coverage' }).locator('.dataset')).toContainText('stretford-projects.geojson');

  await importFile(tabB, 'sale-projects.geojson', projects('Sale project', -2.33));
  await expect.poll(() => datasetNames(tabA)).toEqual(['sale-projects.geojson', 'stretford-projects.geojson']);
  await tabA.screenshot({ path: `${SHOTS}/tabs-1-both-datasets.png` });

  // Hiding one in tab A (a save of tab A's list) keeps tab B's import; both survive a reload.
  await tabA
    .getByRole('region', { name: 'Coverage' })
    .getByRole('checkbox', { name: /stretford-projects\.geojson/ })
    .uncheck();
  await expect
    .poll(() => tabB.evaluate(() => window.__gapmap!.store.getState().coverage.datasets.find((d) => d.name.startsWith('stretford'))?.visible))
    .toBe(false);
  await tabB.reload();
  await tabB.waitForFunction(() => window.__gapmap !== undefined);
  await expect.poll(() => datasetNames(tabB)).toEqual(['sale-projects.geojson', 'stretford-projects.geojson']);

  // Deleting in tab B reaches tab A.
  await expect.poll(() => tabB.evaluate(() => window.__gapmap!.store.getState().coverage.datasets.length)).toBe(2);
  await tabB.evaluate(() => {
    const { store } = window.__gapmap!;
    const sale = store.getState().coverage.datasets.find((d) => d.name.startsWith('sale'))!;
    store.getState().deleteDataset(sale.id);
  });
  await expect.poll(() => datasetNames(tabA)).toEqual(['stretford-projects.geojson']);
  await tabA.close({ runBeforeUnload: true });
  await tabB.close({ runBeforeUnload: true });
});

test('a stored record that fails its schema is set aside with an export; the rest opens and runs', async ({ page }) => {
  await openApp(page);
  await openCoverage(page);
  await importFile(page, 'stretford-projects.geojson', projects('Stretford project', -2.32));
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  // Damage the store as an older or faulty build might have left it: a dataset whose problems are
  // text, and a target area whose colour would make the browser contact a host.
  await page.evaluate(async () => {
    const { store } = window.__gapmap!;
    const good = store.getState().coverage.datasets[0]!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('gapmap');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['datasets', 'areas'], 'readwrite');
    tx.objectStore('datasets').put({ position: 1, fields: { ...good, id: 'damaged', name: 'damaged.csv', problems: 'oops' } }, 'damaged');
    const area = {
      id: 'a1',
      name: 'Hostile',
      description: '',
      colour: 'url(http://example.invalid/x)',
      visible: true,
      definition: { kind: 'lsoas', codes: ['E01006074'] },
    };
    tx.objectStore('areas').put({ position: 0, area }, 'a1');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined);

  const notice = page.getByRole('group', { name: /2 saved records could not be read/ });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('dataset "damaged.csv": problems is "oops", expected a list');
  await expect(notice).toContainText('target area "Hostile": colour is "url(http://example.invalid/x)", which is not a colour (#rrggbb)');
  await page.screenshot({ path: `${SHOTS}/set-aside-notice.png` });
  // The rest of the workspace opened and coverage runs on it.
  await openCoverage(page);
  expect(await datasetNames(page)).toEqual(['stretford-projects.geojson']);
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  expect(await page.evaluate(() => window.__gapmap!.store.getState().areas.list.length)).toBe(0);

  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Export them' }).click();
  const file = await download;
  const exported = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  expect(exported.records.map((record: { from: string; key: string }) => `${record.from}/${record.key}`).sort()).toEqual(['areas/a1', 'datasets/damaged']);
  expect(exported.records.find((record: { key: string }) => record.key === 'damaged').value.fields.problems).toBe('oops');

  await notice.getByRole('button', { name: 'Discard' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined);
  await expect.poll(() => datasetNames(page)).toEqual(['stretford-projects.geojson']);
  await expect(page.getByRole('group', { name: /could not be read/ })).toHaveCount(0);
});
