// Target areas, as an officer makes them: a polygon drawn with mouse clicks over Old Trafford (its
// LSOAs and people equal to what the analysis core computes for the same polygon), an area built by
// clicking three LSOAs, undo and redo, the areas still there after a reload, and the GeoJSON export
// read back (in Node, and through the app's own import). One session in one tab.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { headlineOfJson, type SummaryJson } from '../../src/data/summary-json';
import { headlineSentence } from '../../src/ui/coverage-format';
import { lsoasOfArea } from '../../src/core/area-lsoas';
import type { LonLat } from '../../src/core/scheme';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { readAreasFile } from '../../src/data/area-file';
import { builtData, sharedRoot, trafford } from '../unit/built-data';
import { expect, openApp, readCount, settle, sharedSession, SHOTS, test } from './fixtures';

// Wider than the other specs: the legend sits over the map's left part, the panel beside it.
test.use({ viewport: { width: 1280, height: 760 } });

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

const panel = () => page.getByRole('region', { name: 'Target areas' });
/** Old Trafford and Stretford, close enough that LSOAs are a few hundred pixels across. */
const OLD_TRAFFORD = '#map=13/53.4560/-2.2850';

/** The CLI's summary of the Trafford bus routes for these arguments, from the same built data. */
async function cliSummary(args: string[]): Promise<SummaryJson> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-areas-'));
  const file = path.join(dir, 'summary.json');
  await promisify(execFile)(
    'npx',
    ['tsx', 'scripts/gapmap.ts', 'coverage', trafford.routes, '--out', path.join(dir, 'coverage.csv'), '--summary', file, ...args],
    {
      cwd: process.cwd(),
      timeout: 120_000,
    },
  );
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryJson;
}

async function figures(): Promise<{ lsoas: number; people: number }> {
  await expect(panel().locator('.area-figures')).toHaveAttribute('aria-busy', 'false');
  await expect(panel().getByTestId('area-people')).toBeVisible();
  return { lsoas: readCount(await panel().getByTestId('area-lsoas').innerText()), people: readCount(await panel().getByTestId('area-people').innerText()) };
}

/** Where a longitude/latitude is on the page. */
async function pageXY(lonLat: LonLat): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((at) => window.__gapmap!.map.project(at), lonLat);
  const box = (await page.locator('#map').boundingBox())!;
  return { x: box.x + point.x, y: box.y + point.y };
}

test('a polygon drawn by clicks holds the LSOAs and people the core computes for it', async () => {
  await openApp(page, OLD_TRAFFORD);
  await page.getByRole('button', { name: 'Areas', exact: true }).click();
  await expect(panel()).toBeVisible();
  await panel().getByRole('button', { name: 'Polygon' }).click();
  await expect(panel().getByRole('button', { name: 'Polygon' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.drawing-banner')).toContainText('Click each corner');
  const box = (await page.locator('#map canvas').boundingBox())!;
  // A quadrilateral right of the legend (which is over the map's left part), closed by clicking its first corner.
  const legend = (await page.locator('section.legend').boundingBox())!;
  const left = legend.x + legend.width + 20;
  const width = box.x + box.width - left - 20;
  const corners = [
    { x: left + width * 0.1, y: box.y + box.height * 0.3 },
    { x: left + width * 0.8, y: box.y + box.height * 0.25 },
    { x: left + width * 0.9, y: box.y + box.height * 0.7 },
    { x: left + width * 0.2, y: box.y + box.height * 0.8 },
  ];
  for (const corner of corners) {
    await page.mouse.move(corner.x, corner.y);
    await page.mouse.click(corner.x, corner.y);
  }
  await page.mouse.move(corners[0]!.x, corners[0]!.y);
  await page.mouse.click(corners[0]!.x, corners[0]!.y);
  await expect(page.locator('.drawing-banner')).toBeHidden();
  await expect(panel().locator('.area-list .area-row')).toHaveCount(1);
  await expect(panel().locator('.area-selected h3')).toHaveText('Area 1');
  await expect(panel().locator('.area-figures')).toContainText('Coverage rule “touches”');
  const shown = await figures();

  const polygons = await page.evaluate(() => {
    const area = window.__gapmap!.store.getState().areas.list[0]!;
    return area.definition.kind === 'shapes' ? area.definition.polygons : [];
  });
  expect(polygons).toHaveLength(1);
  expect(polygons[0]![0]!.length).toBe(5); // Four corners, closed.
  const data = await builtData();
  const expected = lsoasOfArea(
    data.geometry,
    [{ id: 'drawn', footprint: { type: 'polygon', polygons, bufferM: 0 } }],
    { kind: 'intersects' },
    buildAreaResolver(data.attributes, data.details, data.lookups),
  );
  expect(expected.lsoas.length).toBeGreaterThan(5);
  expect(shown.lsoas).toBe(expected.lsoas.length);
  expect(shown.people).toBe(expected.lsoas.reduce((sum, lsoa) => sum + data.attributes.population[lsoa]!, 0));
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-1-polygon.png` });
});

test('an area built by clicking three LSOAs; undo and redo', async () => {
  const data = await builtData();
  // Three LSOAs whose representative points (well inside each) are in the clear part of the map.
  const box = (await page.locator('#map canvas').boundingBox())!;
  const legend = (await page.locator('section.legend').boundingBox())!;
  const trafford = data.attributes.lads.findIndex((lad) => lad.code === 'E08000009');
  const picked: { code: string; spot: { x: number; y: number } }[] = [];
  for (let lsoa = 0; lsoa < data.attributes.count && picked.length < 3; lsoa++) {
    if (data.attributes.lad[lsoa] !== trafford) continue;
    const spot = await pageXY([data.geometry.points[lsoa * 2]! / 1e6, data.geometry.points[lsoa * 2 + 1]! / 1e6]);
    const inClear =
      spot.x > legend.x + legend.width + 30 && spot.x < box.x + box.width - 30 && spot.y > box.y + box.height * 0.2 && spot.y < box.y + box.height * 0.9;
    if (inClear) picked.push({ code: data.attributes.codes[lsoa]!, spot });
  }
  expect(picked).toHaveLength(3);
  const codes = picked.map((p) => p.code);
  const spots = picked.map((p) => p.spot);
  await panel().getByRole('button', { name: 'Click LSOAs' }).click();
  await expect(page.locator('.drawing-banner')).toContainText('Click an LSOA to add it');
  for (const spot of spots) await page.mouse.click(spot.x, spot.y);
  await expect(panel().locator('.area-list .area-row')).toHaveCount(2);
  await expect(panel().locator('.area-list .area-row').nth(1)).toContainText('3 LSOAs chosen');
  const people = codes.reduce((sum, code) => sum + data.attributes.population[data.attributes.codes.indexOf(code)]!, 0);
  expect(await figures()).toEqual({ lsoas: 3, people });
  await expect(panel().locator('.area-figures')).toContainText('The LSOAs you chose, exactly');
  await panel().locator('.area-lsoa-list summary').click();
  for (const code of codes) await expect(panel().locator('.area-lsoa-list')).toContainText(code);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-2-three-lsoas.png` });

  // Ctrl+Z takes the last click back; Ctrl+Shift+Z puts it back; the Undo button works too.
  await page.locator('#map canvas').focus();
  await page.keyboard.press('Control+z');
  await expect(panel().locator('.area-list .area-row').nth(1)).toContainText('2 LSOAs chosen');
  await page.keyboard.press('Control+Shift+z');
  await expect(panel().locator('.area-list .area-row').nth(1)).toContainText('3 LSOAs chosen');
  await panel().getByRole('button', { name: /^Undo/ }).click();
  await expect(panel().locator('.area-list .area-row').nth(1)).toContainText('2 LSOAs chosen');
  await panel().getByRole('button', { name: /^Redo/ }).click();
  await expect(panel().locator('.area-list .area-row').nth(1)).toContainText('3 LSOAs chosen');
  await page.locator('.drawing-banner').getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.drawing-banner')).toBeHidden();

  // Renamed, and the name is what the list shows.
  await panel().getByLabel('Name').fill('Old Trafford pilot');
  await panel().getByLabel('Name').press('Enter');
  await expect(panel().locator('.area-list')).toContainText('Old Trafford pilot');
});

/** The names of the areas as saved in the browser's IndexedDB (what a reload will find). */
function savedAreaNames(): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open('gapmap');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const all = database.transaction('areas').objectStore('areas').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            const rows = all.result as { position: number; area: { name: string } }[];
            database.close();
            resolve(rows.sort((a, b) => a.position - b.position).map((row) => row.area.name));
          };
        };
      }),
  );
}

test('after a reload both areas are still there, with their figures', async () => {
  // Saved as soon as changed (a save takes a moment; reloading mid-save would lose the last change).
  await expect.poll(savedAreaNames).toEqual(['Area 1', 'Old Trafford pilot']);
  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Areas', exact: true }).click();
  await expect(panel().locator('.area-list .area-row')).toHaveCount(2);
  await expect(panel().locator('.area-list')).toContainText('Area 1');
  await expect(panel().locator('.area-list')).toContainText('Old Trafford pilot');
  await panel().getByRole('button', { name: 'Old Trafford pilot', exact: true }).click();
  expect((await figures()).lsoas).toBe(3);
});

test('the GeoJSON export carries the figures, reads back as the same area, and imports into the app', async () => {
  await panel().getByRole('button', { name: 'Area 1', exact: true }).click();
  const { lsoas, people } = await figures();
  const downloading = page.waitForEvent('download');
  await panel().getByRole('button', { name: 'Export GeoJSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Area-1.geojson');
  const file = `${SHOTS}/exported-area.geojson`;
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  expect(exported.features[0]!.properties).toMatchObject({ name: 'Area 1', lsoas, people, coverage_rule: 'intersects' });
  const codes = exported.features[0]!.properties.lsoa_codes as string[];
  expect(codes).toHaveLength(lsoas);

  const read = readAreasFile(fs.readFileSync(file), 'exported-area.geojson');
  if (!read.ok) throw new Error(read.message);
  const drawn = await page.evaluate(() => {
    const area = window.__gapmap!.store.getState().areas.list[0]!;
    return area.definition.kind === 'shapes' ? area.definition.polygons : [];
  });
  expect(read.areas).toHaveLength(1);
  expect(read.areas[0]!.name).toBe('Area 1');
  expect(read.areas[0]!.polygons[0]![0]!.length).toBe(drawn[0]![0]!.length);

  // Back in through the app: checked first, then added, with the same figures.
  await panel().getByLabel('Add areas from a file').setInputFiles(file);
  await expect(panel().locator('.area-import-preview')).toContainText('1 area in exported-area.geojson');
  await panel().locator('.area-import-preview').getByRole('button', { name: 'Add the area' }).click();
  await expect(panel().locator('.area-list .area-row')).toHaveCount(3);
  expect(await figures()).toEqual({ lsoas, people });

  // The CSV of its LSOAs: one row each.
  const csvDownload = page.waitForEvent('download');
  await panel().getByRole('button', { name: 'Export LSOAs (CSV)' }).click();
  const csv = fs
    .readFileSync(await (await csvDownload).path(), 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toBe('lsoa21cd,name,ward,district,people,decile,schemes_reaching,allocated_gbp,gap');
  expect(csv).toHaveLength(lsoas + 1);

  // Deleting says so and offers undo.
  await panel().getByRole('button', { name: 'Delete Area 1' }).first().click();
  await expect(panel().locator('.area-list .area-row')).toHaveCount(2);
  await panel().getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(panel().locator('.area-list .area-row')).toHaveCount(3);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-3-imported.png` });
});

/** The part of the map clear of the legend (left) and the banner (top). */
async function clearPart(): Promise<{ x: (share: number) => number; y: (share: number) => number }> {
  const box = (await page.locator('#map canvas').boundingBox())!;
  const legend = (await page.locator('section.legend').boundingBox())!;
  const left = legend.x + legend.width + 20;
  const width = box.x + box.width - left - 20;
  const top = box.y + 130;
  const height = box.height - 150;
  return { x: (share) => left + width * share, y: (share) => top + height * share };
}

const areaCount = () => page.evaluate(() => window.__gapmap!.store.getState().areas.list.length);

test('a rectangle, a circle and a freehand loop each make an area; a corner dragged reshapes one; a lasso adds LSOAs; a ward starts one', async () => {
  const at = await clearPart();
  const before = await areaCount();

  await panel().getByRole('button', { name: 'Rectangle' }).click();
  await page.mouse.click(at.x(0.1), at.y(0.1));
  await page.mouse.move(at.x(0.3), at.y(0.3), { steps: 5 });
  await page.mouse.click(at.x(0.3), at.y(0.3));
  await expect.poll(areaCount).toBe(before + 1);
  const rectangle = await page.evaluate(() => window.__gapmap!.store.getState().areas.list.at(-1)!.definition);
  expect(rectangle.kind === 'shapes' && rectangle.polygons[0]![0]!.length).toBe(5);
  expect((await figures()).lsoas).toBeGreaterThan(0);

  await panel().getByRole('button', { name: 'Circle' }).click();
  await page.mouse.click(at.x(0.6), at.y(0.3));
  await page.mouse.move(at.x(0.7), at.y(0.3), { steps: 5 });
  await page.mouse.click(at.x(0.7), at.y(0.3));
  await expect.poll(areaCount).toBe(before + 2);
  const circle = await page.evaluate(() => window.__gapmap!.store.getState().areas.list.at(-1)!.definition);
  expect(circle.kind === 'shapes' && circle.polygons[0]![0]!.length).toBeGreaterThan(30);

  await panel().getByRole('button', { name: 'Freehand' }).click();
  await page.mouse.click(at.x(0.2), at.y(0.6));
  for (const [x, y] of [
    [0.4, 0.55],
    [0.5, 0.75],
    [0.3, 0.9],
    [0.15, 0.8],
    [0.19, 0.63],
  ] as const)
    await page.mouse.move(at.x(x), at.y(y), { steps: 8 });
  await page.mouse.click(at.x(0.19), at.y(0.63));
  await expect.poll(areaCount).toBe(before + 3);
  const loop = await page.evaluate(() => window.__gapmap!.store.getState().areas.list.at(-1)!.definition);
  expect(loop.kind === 'shapes' && loop.polygons[0]![0]!.length).toBeGreaterThan(5);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-4-shapes.png` });

  // Edit the rectangle: drag its first corner outwards; the area and its figures follow.
  await panel().getByRole('button', { name: 'Area 4', exact: true }).click();
  await panel().getByRole('button', { name: 'Edit shapes' }).click();
  await expect(page.locator('.drawing-banner')).toContainText('Drag a shape to move it');
  const corner = rectangle.kind === 'shapes' ? rectangle.polygons[0]![0]![0]! : ([0, 0] as LonLat);
  const from = await pageXY(corner);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x - 60, from.y - 40, { steps: 10 });
  await page.mouse.up();
  await expect
    .poll(() => page.evaluate(() => JSON.stringify(window.__gapmap!.store.getState().areas.list.find((a) => a.name === 'Area 4')!.definition)))
    .not.toBe(JSON.stringify(rectangle));
  await expect(panel().getByRole('button', { name: /^Undo/ })).toBeEnabled();
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-5-edited.png` });
  await page.keyboard.press('Escape');
  await expect(page.locator('.drawing-banner')).toBeHidden();

  // Lasso round some LSOAs: they join the selected area of LSOAs.
  await panel().getByRole('button', { name: 'Old Trafford pilot', exact: true }).click();
  const pilotBefore = (await figures()).lsoas;
  await panel().getByRole('button', { name: 'Lasso LSOAs' }).click();
  await page.mouse.click(at.x(0.55), at.y(0.55));
  for (const [x, y] of [
    [0.9, 0.55],
    [0.9, 0.95],
    [0.55, 0.95],
    [0.56, 0.58],
  ] as const)
    await page.mouse.move(at.x(x), at.y(y), { steps: 8 });
  await page.mouse.click(at.x(0.56), at.y(0.58));
  await expect.poll(async () => (await figures()).lsoas).toBeGreaterThan(pilotBefore);
  await page.keyboard.press('Escape');

  // A ward to start from: its LSOAs, named after it.
  const box = panel().getByRole('combobox', { name: 'Start from a ward, district or county' });
  await box.fill('Gorse Hill');
  await page
    .getByRole('option', { name: /Gorse Hill/ })
    .first()
    .click();
  await expect(panel().locator('.area-selected h3')).toContainText('Gorse Hill');
  expect((await figures()).lsoas).toBeGreaterThan(3);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-6-ward.png` });
});

test('the coverage dashboard for an area started from Trafford gives the CLI’s figures for Trafford’s LSOA outlines', async () => {
  const coverage = page.getByRole('region', { name: 'Coverage' });
  const outlines = path.join(sharedRoot, 'boundaries', 'lsoa21_bgc_england_by_lad24', 'E08000009.geojson');
  const expected = cliSummary(['--scope-file', outlines]);
  // Also runs on its own (npx playwright test -g dashboard).
  if (page.url() === 'about:blank') await openApp(page, OLD_TRAFFORD);
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await coverage.getByLabel('Add schemes from files').setInputFiles(trafford.routes);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');

  await page.getByRole('tab', { name: 'Areas' }).click();
  await panel().getByRole('combobox', { name: 'Start from a ward, district or county' }).fill('Trafford');
  await page
    .getByRole('option', { name: /Trafford.*District/ })
    .first()
    .click();
  await expect(panel().locator('.area-selected h3')).toHaveText('Trafford');
  expect((await figures()).lsoas).toBe(139);
  await expect(panel().getByTestId('area-schemes')).toContainText('schemes reach it');
  await panel().getByRole('button', { name: 'Coverage dashboard for this area' }).click();
  await expect(coverage.locator('#results-heading')).toHaveText('Results for Trafford');
  await expect(coverage.locator('.area-scope-note')).toContainText('Target area (139 LSOAs), in place of England');
  await expect(coverage.locator('.coverage-results')).not.toHaveClass(/outdated/);

  const json = await expected;
  expect((json as SummaryJson & { lsoas: string[] }).lsoas).toHaveLength(139);
  const rows = await coverage
    .locator('table.decile-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(rows.map((row) => readCount(row[1]!))).toEqual(json.deciles.map((d) => d.people));
  expect(rows.map((row) => readCount(row[3]!))).toEqual(json.deciles.map((d) => d.covered_people));
  const h = json.headline;
  await expect(page.getByTestId('coverage-headline')).toHaveText(headlineSentence(headlineOfJson(h), { name: 'Trafford', isEngland: false }));
  // The map dims everything outside the area, as it does outside a scope.
  const fillOpacity = () => page.evaluate(() => JSON.stringify(window.__gapmap!.map.getPaintProperty('lsoa-fill', 'fill-opacity')));
  const dimmed = JSON.parse(await fillOpacity()) as [string, unknown, number[], number, number];
  expect(dimmed[0]).toBe('match');
  expect(dimmed[2]).toHaveLength(139);
  expect(dimmed[3]).toBeGreaterThan(dimmed[4]);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/areas-7-dashboard.png` });

  // Back to the scope: nothing dimmed in England.
  await coverage.getByRole('button', { name: 'Back to England' }).click();
  await expect(coverage.locator('#results-heading')).toHaveText('Results for England');
  expect(await fillOpacity()).toBe('1');

  // "This fund targets this area": the area becomes a scheme's footprint, and its money lands there.
  await page.getByRole('tab', { name: 'Areas' }).click();
  await panel().getByRole('button', { name: 'Make a scheme of this area' }).click();
  const form = page.locator('dialog.scheme-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Name')).toHaveValue('Trafford');
  await expect(form).toContainText('Named areas (139)');
  await form.getByLabel('Amount (£, optional)').fill('£250,000');
  await form.getByRole('button', { name: 'Add scheme' }).click();
  await expect(form).toBeHidden();
  await expect(panel().getByTestId('area-schemes')).toContainText('£250,000 allocated', { timeout: 90_000 });
  await page.screenshot({ path: `${SHOTS}/areas-8-area-as-scheme.png` });
});

test('the whole session logged no console errors', () => {
  expect(session.errors).toEqual([]);
});
