// Importing the real Trafford Council 360Giving grants by dropping the CSV on the map: the column
// preview, the confirmation, the schemes on the map, and the workspace surviving a reload
// (IndexedDB). One session in one tab, as a user would.

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, settle, sharedSession, SHOTS, test } from './fixtures';

const GRANTS = path.resolve('/work/shared/data/grants/trafford_council_voluntary_sector_grants_360giving.csv');
const STOPS = path.resolve('/work/shared/data/transport/trafford_bus_stops_tfgm_2022.geojson');
const TRAFFORD = 'E08000009';

const session = sharedSession();
let page: Page;
const errors = session.errors;
test.beforeAll(() => {
  page = session.page;
});

const panel = () => page.getByRole('region', { name: 'Coverage' });
const dialog = () => page.getByRole('dialog', { name: /^Import / });

/** The LSOAs the area-list layer draws, as codes. */
async function tintedLsoas(): Promise<string[]> {
  return page.evaluate(() => {
    const { map, store } = window.__gapmap!;
    const codes = store.getState().attributes.codes;
    return [...new Set(map.queryRenderedFeatures({ layers: ['scheme-area-list-fill'] }).map((f) => codes[Number(f.id) - 1]!))].sort();
  });
}

test('dropping the Trafford grants CSV on the map shows what each column means before anything is added', async () => {
  await openApp(page);
  const bytes = fs.readFileSync(GRANTS).toString('base64');
  const drop = await page.evaluateHandle(
    ({ name, base64 }) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'text/csv' }));
      return data;
    },
    { name: path.basename(GRANTS), base64: bytes },
  );
  await page.dispatchEvent('main.map-area', 'dragover', { dataTransfer: drop });
  await page.dispatchEvent('main.map-area', 'drop', { dataTransfer: drop });

  await expect(dialog()).toBeVisible({ timeout: 60_000 });
  await expect(dialog().getByRole('status')).toContainText('CSV, 555 rows: 555 schemes will be added.');
  await expect(dialog()).toContainText('Placed by beneficiary location: area code (district) (555).');
  // The 360Giving headers are recognised; the user could change any of them.
  await expect(dialog().getByLabel('Amount Awarded')).toHaveValue(JSON.stringify({ kind: 'field', field: 'amount' }));
  await expect(dialog().getByLabel('Beneficiary Location:Geographic Code', { exact: true })).toHaveValue(
    JSON.stringify({ kind: 'location', place: 'beneficiary', part: 'code' }),
  );
  await expect(dialog().getByLabel('Recipient Org:Postal Code')).toHaveValue(JSON.stringify({ kind: 'location', place: 'recipient', part: 'postcode' }));
  await expect(dialog().locator('table.import-sample tbody tr').first()).toContainText("Voluntary Sector Grant to Altrincham Children's Choir");
  await page.screenshot({ path: `${SHOTS}/import-1-preview.png` });
  // Nothing is added until the user confirms.
  expect(await page.evaluate(() => window.__gapmap!.store.getState().coverage.datasets.length)).toBe(0);

  // Taking the beneficiary column away leaves only the grants with a recipient postcode.
  await dialog()
    .getByLabel('Beneficiary Location:Geographic Code', { exact: true })
    .selectOption(JSON.stringify({ kind: 'ignore' }));
  await expect(dialog().getByRole('status')).toContainText('11 schemes will be added; 544 rows will be skipped.');
  await expect(dialog()).toContainText(
    'No location: the row has no coordinates, grid reference, postcode or area code. The row was skipped. (and 543 more like it)',
  );
  await dialog()
    .getByLabel('Beneficiary Location:Geographic Code', { exact: true })
    .selectOption(JSON.stringify({ kind: 'location', place: 'beneficiary', part: 'code' }));
  await expect(dialog().getByRole('status')).toContainText('555 schemes will be added.');
});

test('confirming adds the grants as a dataset; recorded only for Trafford, they tint it only when counted', async () => {
  await dialog().getByRole('button', { name: 'Import 555 schemes' }).click();
  await expect(dialog()).toHaveCount(0);
  await expect(panel().locator('.dataset')).toContainText('trafford_council_voluntary_sector_grants_360giving.csv');
  await expect(panel().locator('.dataset')).toContainText('555 schemes: 555 lists of areas');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  const trafford = await page.evaluate((code) => {
    const { attributes } = window.__gapmap!.store.getState();
    const lad = attributes.lads.findIndex((l) => l.code === code);
    return attributes.codes.filter((_, i) => attributes.lad[i] === lad).sort();
  }, TRAFFORD);
  // The map fits what was imported; let it finish before moving it.
  await settle(page);
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.33, 53.42], zoom: 10.5 }));
  await settle(page);
  // Area-wide: the file cannot say which neighbourhoods they reached, so the map tints none of Trafford.
  expect(await tintedLsoas()).toEqual([]);
  await expect(panel().getByTestId('area-wide-note')).toContainText('recorded only for Trafford as a whole');
  // Counted (the user's assumption): Trafford's LSOAs are tinted.
  await panel().getByLabel('Count them as reaching every LSOA of their area (an assumption)').check();
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.result?.run.areaWide)).toBe('count');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await settle(page);
  const tinted = await tintedLsoas();
  expect(tinted.length).toBeGreaterThan(100);
  expect(tinted.every((code) => trafford.includes(code))).toBe(true);
  await page.screenshot({ path: `${SHOTS}/import-2-imported.png` });
  await panel().getByLabel('Count them as reaching every LSOA of their area (an assumption)').uncheck();
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
});

test('after a reload the dataset is still there, and hiding and deleting it (with undo) are remembered', async () => {
  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Coverage' }).click();
  await expect(panel().locator('.dataset')).toContainText('trafford_council_voluntary_sector_grants_360giving.csv', { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');

  const checkbox = panel().getByRole('checkbox', { name: 'trafford_council_voluntary_sector_grants_360giving.csv' });
  await checkbox.uncheck();
  await expect(panel()).toContainText('Show a dataset to see which LSOAs they reach');
  await panel().getByRole('button', { name: 'Delete trafford_council_voluntary_sector_grants_360giving.csv' }).click();
  await expect(panel().locator('.dataset')).toHaveCount(0);
  await panel().getByRole('button', { name: 'Undo' }).click();
  await expect(panel().locator('.dataset')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/import-3-after-reload.png` });
  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Coverage' }).click();
  await expect(panel().getByRole('checkbox', { name: 'trafford_council_voluntary_sector_grants_360giving.csv' })).not.toBeChecked({ timeout: 30_000 });
});

test('bus stops with a 300 m catchment chosen at import: clustered when zoomed out, catchments to scale, a popup each', async () => {
  await panel().getByLabel('Add more schemes from files').setInputFiles(STOPS);
  await expect(dialog()).toBeVisible({ timeout: 60_000 });
  await expect(dialog().getByRole('status')).toContainText('1,025 schemes will be added.');
  await dialog()
    .getByLabel(/Stops \(1,025\): metres around/)
    .fill('300');
  await dialog().getByRole('button', { name: 'Apply' }).click();
  await expect(dialog().getByRole('status')).not.toContainText('Updating');
  await expect(dialog().getByRole('button', { name: 'Import 1,025 schemes' })).toBeEnabled();
  await dialog().getByRole('button', { name: 'Import 1,025 schemes' }).click();
  await expect(panel().locator('.dataset').nth(1)).toContainText('1,025 schemes: 1,025 points');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');

  await settle(page); // the fit to the imported stops
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.33, 53.42], zoom: 10 }));
  await settle(page);
  // The tiles come from the coverage worker, which may still be measuring the gaps' distances.
  await expect.poll(() => page.evaluate(() => window.__gapmap!.map.queryRenderedFeatures({ layers: ['scheme-cluster'] }).length)).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/import-4-stops-clustered.png` });

  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.3465, 53.4083], zoom: 15 }));
  await settle(page);
  await expect.poll(() => page.evaluate(() => window.__gapmap!.map.queryRenderedFeatures({ layers: ['scheme-point'] }).length)).toBeGreaterThan(0);
  const stop = await page.evaluate(() => {
    const { map } = window.__gapmap!;
    const canvas = map.getCanvas().getBoundingClientRect();
    const point = map.queryRenderedFeatures({ layers: ['scheme-point'] }).find((f) => {
      const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      return p.x > 340 && p.x < canvas.width - 60 && p.y > 60 && p.y < canvas.height - 40;
    });
    if (!point) return null;
    const p = map.project((point.geometry as GeoJSON.Point).coordinates as [number, number]);
    return { x: canvas.left + p.x, y: canvas.top + p.y, catchments: map.queryRenderedFeatures({ layers: ['scheme-catchment'] }).length };
  });
  expect(stop).not.toBeNull();
  expect(stop!.catchments).toBeGreaterThan(0);
  // Every stop drawn reaches the 300 m chosen at import.
  const reaches = await page.evaluate(() => window.__gapmap!.map.queryRenderedFeatures({ layers: ['scheme-point'] }).map((f) => f.properties.reachM as number));
  expect(new Set(reaches)).toEqual(new Set([300]));
  await page.mouse.click(stop!.x, stop!.y);
  await expect(page.locator('.maplibregl-popup .scheme-popup')).toContainText('Reaches 300 m around');
  await expect(page.locator('.maplibregl-popup .scheme-popup')).toContainText('Dataset: trafford_bus_stops_tfgm_2022.geojson');
  await page.screenshot({ path: `${SHOTS}/import-5-stop-popup.png` });
});

test('a scheme placed by hand: drawn on the map, named in the form, edited from its popup', async () => {
  await page.locator('.maplibregl-popup-close-button').click();
  await panel().getByRole('button', { name: 'Place a point' }).click();
  await expect(page.locator('.drawing-banner')).toContainText('Click the map where the scheme is.');
  const canvas = (await page.locator('#map canvas').boundingBox())!;
  // An empty spot between stops, in the map's right half (the panel covers the left).
  const spot = { x: canvas.x + canvas.width * 0.75, y: canvas.y + canvas.height * 0.7 };
  await page.mouse.click(spot.x, spot.y);
  const form = page.locator('dialog.scheme-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Catchment radius (metres; 0 = just the LSOA it is in)')).toHaveValue('400');
  await form.getByLabel('Name').fill('');
  await form.getByLabel('Amount (£, optional)').fill('twelve');
  await form.getByRole('button', { name: 'Add scheme' }).click();
  await expect(form.getByText('Give the scheme a name.')).toBeVisible();
  await expect(form.getByText("'twelve' is not an amount of pounds")).toBeVisible();
  await form.getByLabel('Name').fill('Sale community hub');
  await form.getByLabel('Amount (£, optional)').fill('£12,500');
  await form.getByLabel('Funder (optional)').fill('Trafford Council');
  await page.screenshot({ path: `${SHOTS}/import-6-scheme-form.png` });
  await form.getByRole('button', { name: 'Add scheme' }).click();
  await expect(form).toBeHidden();
  await expect(panel().locator('.dataset').last()).toContainText('Drawn on the map');
  await expect(panel().locator('.dataset').last()).toContainText('1 scheme: 1 point');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await settle(page);
  // The new scheme's tile comes from the worker: wait until it is drawn under the spot.
  await expect
    .poll(() =>
      page.evaluate(({ x, y }) => {
        const { map } = window.__gapmap!;
        const box = map.getCanvas().getBoundingClientRect();
        return map.queryRenderedFeatures([x - box.left, y - box.top], { layers: ['scheme-point'] }).length;
      }, spot),
    )
    .toBeGreaterThan(0);
  await page.mouse.click(spot.x, spot.y);
  const popup = page.locator('.maplibregl-popup .scheme-popup');
  await expect(popup).toContainText('Sale community hub');
  await expect(popup).toContainText('Amount: £12,500');
  await expect(popup).toContainText('Dataset: Drawn on the map');
  await popup.getByRole('button', { name: 'Edit scheme' }).click();
  await expect(form).toBeVisible();
  await form.getByLabel('Name').fill('Sale Moor community hub');
  await form.getByLabel('Catchment radius (metres; 0 = just the LSOA it is in)').fill('800');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await settle(page);
  await page.mouse.click(spot.x, spot.y);
  await expect(popup).toContainText('Sale Moor community hub');
  await expect(popup).toContainText('Reaches 800 m around');
  await page.screenshot({ path: `${SHOTS}/import-7-drawn-scheme.png` });

  // Without a mouse: the point goes at the map's centre; Cancel adds nothing.
  await page.locator('.maplibregl-popup-close-button').click();
  await panel().getByRole('button', { name: 'Place a point' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.drawing-banner').getByRole('button', { name: 'Place at the map’s centre' }).focus();
  await page.keyboard.press('Enter');
  await expect(form).toBeVisible();
  const centre = await page.evaluate(() => window.__gapmap!.map.getCenter());
  await expect(form.getByText(`A point at ${centre.lat.toFixed(5)}, ${centre.lng.toFixed(5)}.`)).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await expect(panel().locator('.dataset').last()).toContainText('1 scheme: 1 point');
});

test('filters count only some schemes; the charts show reach, £ per head and the concentration curve', async () => {
  const status = panel().locator('.scheme-filters').getByRole('status');
  await panel().locator('.scheme-filters summary').click();
  await expect(status).toContainText('Counting 1,026 of 1,026 schemes');
  // The stops have no amount; the hub placed by hand has £12,500.
  await panel().getByLabel('At least (£)').fill('10k');
  await panel().getByRole('button', { name: 'Apply filters' }).click();
  await expect(status).toContainText('Counting 1 of 1,026 schemes', { timeout: 90_000 });
  await expect(panel().locator('.scheme-filters .filter-on')).toHaveText('filters on');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  // Money: the £ per head chart and the concentration curve are drawn, each with a table behind it.
  const charts = panel().locator('figure.coverage-chart');
  await expect(charts).toHaveCount(3);
  await expect(charts.nth(2)).toContainText('Concentration index');
  await charts.nth(2).locator('details summary').click();
  await expect(charts.nth(2).locator('table')).toBeVisible();
  await charts.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/import-8-charts.png` });
  // A bad amount is named; nothing changes until it is fixed.
  await panel().getByLabel('At most (£)').fill('lots');
  await panel().getByRole('button', { name: 'Apply filters' }).click();
  await expect(panel().getByText("'lots' is not an amount of pounds")).toBeVisible();
  await expect(status).toContainText('Counting 1 of 1,026 schemes');
  await panel().locator('.scheme-filters').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/import-9-filters.png` });
  await panel().getByRole('button', { name: 'Clear filters' }).click();
  await expect(status).toContainText('Counting 1,026 of 1,026 schemes', { timeout: 90_000 });
});

test('what if: the bus stops marked proposed leave the current figures; the what-if says which gaps they would close', async () => {
  const headline = panel().getByTestId('coverage-headline');
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  const withStops = await headline.textContent();
  await panel().locator('.dataset', { hasText: 'trafford_bus_stops_tfgm_2022.geojson' }).getByLabel('Proposed, not yet funded').check();
  const whatIf = panel().getByRole('region', { name: 'What if the proposed schemes went ahead' });
  await expect(whatIf).toBeVisible({ timeout: 90_000 });
  await expect(panel().getByTestId('what-if-headline')).toContainText(/The 1,025 proposed schemes would close [\d,]+ of [\d,]+ gaps in England/);
  // Now: the hub placed by hand alone; the stops are only in the what-if.
  const now = await headline.textContent();
  expect(now).not.toBe(withStops);
  const rows = whatIf.locator('tbody tr');
  await expect(rows).toHaveCount(10);
  const gained = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]!.textContent!.replace(/,/g, '')).map(Number));
  const before = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[0]!.textContent!.replace(/,/g, '')).map(Number));
  expect(gained.reduce((a, b) => a + b, 0)).toBeGreaterThan(before.reduce((a, b) => a + b, 0));
  await whatIf.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/import-10-what-if.png` });
  // Counting them puts the figures back as they were with the stops.
  await whatIf.getByLabel(/Count the 1,025 proposed schemes in the figures and the map/).check();
  await expect(headline).toHaveText(withStops!);
  await whatIf.getByLabel(/Count the 1,025 proposed schemes/).uncheck();
  await expect(headline).toHaveText(now!);
});

test('themes: the council adds its own, a scheme is tagged with a Levelling Up mission, the panel counts it', async () => {
  const themes = panel().locator('details.themes');
  await themes.locator('> summary').click();
  await themes.getByLabel('Your council’s themes, one a line').fill('Warm spaces\nFood security\n\nWarm spaces');
  await themes.getByRole('button', { name: 'Save themes' }).click();
  await expect(themes.getByRole('status')).toHaveText('Saved: 2 themes.');
  // Tag the hub placed by hand, from its popup.
  await page.evaluate(() => window.__gapmap!.store.getState().closeScheme());
  const canvas = (await page.locator('#map canvas').boundingBox())!;
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.3465, 53.4083], zoom: 15 }));
  await settle(page);
  await page.mouse.click(canvas.x + canvas.width * 0.75, canvas.y + canvas.height * 0.7);
  const popup = page.locator('.maplibregl-popup .scheme-popup');
  await expect(popup).toContainText('Sale Moor community hub');
  await popup.getByRole('button', { name: 'Edit scheme' }).click();
  const form = page.locator('dialog.scheme-form');
  const theme = form.getByLabel(/^Theme/);
  await expect(theme).toHaveAttribute('list', 'theme-choices');
  const offered = await form.locator('#theme-choices option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toContain('Mission 9: Pride in place');
  expect(offered.slice(-2)).toEqual(['Warm spaces', 'Food security']);
  await theme.fill('Mission 9: Pride in place');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect(themes.locator('table')).toContainText('Mission 9: Pride in place');
  await themes.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/import-11-themes.png` });
});

test('the whole session logged no console errors', async () => {
  expect(errors).toEqual([]);
});
