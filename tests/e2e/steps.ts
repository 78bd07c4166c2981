// The user journeys of gapmap.spec.ts, one function each. Each starts from whatever the page
// shows (the session's earlier steps) and leaves the app open. Expected values come from the
// served data files, or from IoD2025 itself where the brief names them.

import type { Page } from '@playwright/test';
import { INDICATORS, type IndicatorKey } from '../../src/core/indicators';
import { decileAt } from '../../src/data/schema';
import {
  camera,
  contains,
  expect,
  legend,
  legendSwatchColours,
  lsoaIndex,
  mapBesideLegend,
  openApp,
  readCount,
  servedData,
  settle,
  type Bounds,
} from './fixtures';
import { countColours, parseCssColour, type RgbaImage, type Rgb } from './png';

const en = new Intl.NumberFormat('en-GB');

/** The legend heading for an indicator, as a user reads it. */
function legendHeading(key: IndicatorKey): string {
  const info = INDICATORS[key];
  return key === 'imd' || key === 'idaci' || key === 'idaopi' ? `${info.short} 2025 decile` : `${info.label} domain (IoD2025) decile`;
}

/** LSOAs per decile (index 0 = decile 1) among the LSOAs the predicate keeps, from the data file. */
async function expectedTally(key: IndicatorKey, keep: (lsoa: number) => boolean): Promise<{ perDecile: number[]; total: number }> {
  const a = (await servedData()).attributes;
  const column = a.deciles[key];
  if (!column) throw new Error(`no ${key} deciles in the data`);
  const perDecile = new Array<number>(10).fill(0);
  let total = 0;
  for (let i = 0; i < a.count; i++) {
    if (!keep(i)) continue;
    total++;
    perDecile[decileAt(column, i) - 1]!++;
  }
  return { perDecile, total };
}

async function currentIndicator(page: Page): Promise<IndicatorKey> {
  return (await page.getByLabel('Indicator').inputValue()) as IndicatorKey;
}

/** Checks the legend's scope line and per-decile LSOA counts against the data. */
async function expectLegendCounts(page: Page, scopeName: string, keep: (lsoa: number) => boolean): Promise<number> {
  const key = await currentIndicator(page);
  const { perDecile, total } = await expectedTally(key, keep);
  const box = legend(page);
  await expect(box.getByRole('heading', { level: 2 })).toHaveText(legendHeading(key));
  await expect(box.locator('.legend-scope')).toContainText(`${scopeName}: ${en.format(total)} LSOAs`);
  const rows = box.locator('tbody tr');
  await expect(rows).toHaveCount(10);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  expect(shown.map(readCount)).toEqual(perDecile);
  return total;
}

// ---------------------------------------------------------------------------------------------
// 1. England in decile colours.

export async function englandInDecileColours(page: Page): Promise<void> {
  await expectLegendCounts(page, 'England', () => true);
  const swatches = await legendSwatchColours(page);
  expect(swatches).toHaveLength(10);
  const counts = countColours((await mapBesideLegend(page)).image, swatches);
  // Every decile is 10% of LSOAs, but urban ones are tiny at this zoom; most still show plainly.
  const plain = counts.filter((count) => count >= 500);
  expect(plain.length, `pixels per legend colour: ${counts.join(', ')}`).toBeGreaterThanOrEqual(7);
  expect(counts.filter((count) => count >= 100).length, `pixels per legend colour: ${counts.join(', ')}`).toBeGreaterThanOrEqual(9);
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(30_000);
}

// ---------------------------------------------------------------------------------------------
// 2. Click an LSOA, read its values, Esc closes.

/**
 * A point (CSS pixels, relative to the map) where the LSOA is the feature drawn on top and the
 * map itself is under the mouse (not the legend or a control), near the middle of the LSOA.
 * Found from what the map has drawn, so it needs no coordinates from the data files.
 */
async function pointInside(page: Page, lsoa: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((featureId) => {
    const { map } = window.__gapmap!;
    const pieces = map.queryRenderedFeatures({ layers: ['lsoa-fill'], filter: ['==', ['id'], featureId] });
    if (pieces.length === 0) return null;
    // Screen box of the drawn feature (it may come in pieces, one per tile).
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (value: unknown): void => {
      if (Array.isArray(value) && typeof value[0] === 'number') {
        const p = map.project([value[0], value[1] as number]);
        [x0, y0, x1, y1] = [Math.min(x0, p.x), Math.min(y0, p.y), Math.max(x1, p.x), Math.max(y1, p.y)];
      } else if (Array.isArray(value)) value.forEach(visit);
    };
    for (const piece of pieces) if ('coordinates' in piece.geometry) visit(piece.geometry.coordinates);
    const container = map.getContainer().getBoundingClientRect();
    const hits: { x: number; y: number }[] = [];
    const steps = 24;
    for (let i = 1; i < steps; i++) {
      for (let j = 1; j < steps; j++) {
        const x = x0 + ((x1 - x0) * i) / steps;
        const y = y0 + ((y1 - y0) * j) / steps;
        if (document.elementFromPoint(container.left + x, container.top + y) !== map.getCanvas()) continue;
        const [top] = map.queryRenderedFeatures([x, y], { layers: ['lsoa-fill'] });
        if (top?.id === featureId) hits.push({ x, y });
      }
    }
    if (hits.length === 0) return null;
    const cx = hits.reduce((sum, p) => sum + p.x, 0) / hits.length;
    const cy = hits.reduce((sum, p) => sum + p.y, 0) / hits.length;
    const distance = (p: { x: number; y: number }) => (p.x - cx) ** 2 + (p.y - cy) ** 2;
    return hits.reduce((best, p) => (distance(p) < distance(best) ? p : best));
  }, lsoa + 1);
  expect(point, `LSOA ${lsoa} is drawn and clickable on the map`).not.toBeNull();
  return point!;
}

async function clickMap(page: Page, point: { x: number; y: number }): Promise<void> {
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box!.x + point.x, box!.y + point.y);
}

export async function clickCityOfLondonLsoa(page: Page): Promise<void> {
  const code = 'E01000001';
  const lsoa = await lsoaIndex(code);
  // Around the Barbican, where City of London 001A is.
  await openApp(page, '#map=14.5/51.5195/-0.0955');
  const point = await pointInside(page, lsoa);
  await clickMap(page, point);

  const panel = page.getByRole('region', { name: 'LSOA details' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('City of London 001A');
  await expect(panel).toContainText(`LSOA · ${code}`);
  await expect(panel).toContainText('IMD 2025 decile: 8');
  await expect(panel).toContainText('Rank 26,525 of 33,755');
  await expect(panel.locator('.decile-chip').first()).toHaveText('8');
  // The selection is outlined on the map.
  const outlined = await page.evaluate(() => JSON.stringify(window.__gapmap!.map.getFilter('selected-line')));
  expect(outlined).toContain(`[${lsoa + 1}]`);

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect.poll(() => page.evaluate(() => JSON.stringify(window.__gapmap!.map.getFilter('selected-line')))).toContain('[]');
}

// ---------------------------------------------------------------------------------------------
// 3. Scope: zoom to Essex, dim the rest, count Essex.

/**
 * Counts pixels in full legend colour inside and outside a box, and pixels outside it in a
 * dimmed legend colour: a swatch drawn at 8–45% strength over the map background (the outlines
 * and labels drawn over the map do not match that).
 */
function dimmingCensus(image: RgbaImage, swatches: Rgb[], background: Rgb, box: { x0: number; y0: number; x1: number; y1: number }) {
  const census = { fullInside: 0, fullOutside: 0, dimmedOutside: 0 };
  const margin = 3;
  const towards = swatches.map((c) => c.map((channel, k) => channel - background[k]!));
  const isDimmed = (rgb: Rgb) => {
    const offset = rgb.map((channel, k) => channel - background[k]!);
    return towards.some((d) => {
      const strength = (offset[0]! * d[0]! + offset[1]! * d[1]! + offset[2]! * d[2]!) / (d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2);
      return strength >= 0.08 && strength <= 0.45 && offset.every((o, k) => Math.abs(o - strength * d[k]!) <= 4);
    });
  };
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const rgb: Rgb = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      const full = swatches.some((c) => c.every((channel, k) => Math.abs(channel - rgb[k]!) <= 3));
      const inside = x >= box.x0 - margin && x <= box.x1 + margin && y >= box.y0 - margin && y <= box.y1 + margin;
      if (full && inside) census.fullInside++;
      else if (full) census.fullOutside++;
      else if (!inside && isDimmed(rgb)) census.dimmedOutside++;
    }
  }
  return census;
}

export async function scopeToEssex(page: Page): Promise<void> {
  const a = (await servedData()).attributes;
  const essex = a.counties.findIndex((county) => county.name === 'Essex');
  expect(essex).toBeGreaterThanOrEqual(0);
  const essexBounds = a.counties[essex]!.bounds as Bounds;
  const essexLads = new Set(a.lads.flatMap((lad, i) => (lad.county === essex ? [i] : [])));
  const before = await camera(page);

  const scope = page.getByRole('combobox', { name: 'Scope' });
  await scope.click();
  await scope.pressSequentially('Essex');
  const first = page.locator('#scope-list [role=option]').first();
  await expect(first).toContainText('Essex');
  await expect(first).toContainText('County');
  await scope.press('ArrowDown');
  await expect(scope).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await scope.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Scope results' })).toBeHidden();
  await expect(scope).toHaveValue('Essex');

  // Legend: Essex's LSOAs only, counted from the data file.
  const total = await expectLegendCounts(page, 'Essex', (lsoa) => essexLads.has(a.lad[lsoa]!));
  expect(total).toBeGreaterThan(500);
  expect(total).toBeLessThan(a.count);

  // Camera: closer in, centred in Essex, all of Essex in view.
  await expect.poll(async () => (await camera(page)).zoom).toBeGreaterThan(before.zoom + 1);
  await settle(page);
  const after = await camera(page);
  expect(contains(essexBounds, after), `centre ${after.lng},${after.lat} in Essex`).toBe(true);
  const [west, south, east, north] = essexBounds;
  const view = await page.evaluate(
    ({ west, south, east, north }) => {
      const { map } = window.__gapmap!;
      const nw = map.project([west, north]);
      const se = map.project([east, south]);
      const canvas = map.getCanvas();
      return { nw, se, width: canvas.clientWidth, height: canvas.clientHeight };
    },
    { west, south, east, north },
  );
  expect(view.nw.x).toBeGreaterThanOrEqual(0);
  expect(view.nw.y).toBeGreaterThanOrEqual(0);
  expect(view.se.x).toBeLessThanOrEqual(view.width);
  expect(view.se.y).toBeLessThanOrEqual(view.height);

  // Outside Essex is dimmed: full colour only within Essex's box, the rest still drawn but faint.
  const { image, left } = await mapBesideLegend(page);
  const background = parseCssColour(await page.evaluate(() => String(window.__gapmap!.map.getPaintProperty('background', 'background-color'))));
  const census = dimmingCensus(image, await legendSwatchColours(page), background, {
    x0: view.nw.x - left,
    y0: view.nw.y,
    x1: view.se.x - left,
    y1: view.se.y,
  });
  expect(census.fullInside, JSON.stringify(census)).toBeGreaterThan(50_000);
  expect(census.fullOutside, JSON.stringify(census)).toBeLessThan(census.fullInside / 100);
  expect(census.dimmedOutside, JSON.stringify(census)).toBeGreaterThan(20_000);
}

// ---------------------------------------------------------------------------------------------
// 4. A link reproduces the view.

interface ViewSnapshot {
  indicator: string;
  scope: string;
  panelHeading: string;
  panelCode: string;
  zoom: number;
  lng: number;
  lat: number;
}

async function snapshot(page: Page): Promise<ViewSnapshot> {
  const panel = page.getByRole('region', { name: 'LSOA details' });
  await expect(panel).toBeVisible();
  await expect(panel).not.toContainText('Loading names');
  const cam = await camera(page);
  return {
    indicator: await page.getByLabel('Indicator').inputValue(),
    scope: await page.getByRole('combobox', { name: 'Scope' }).inputValue(),
    panelHeading: (await panel.getByRole('heading', { level: 2 }).textContent()) ?? '',
    panelCode: (await panel.locator('.caption').first().textContent()) ?? '',
    ...cam,
  };
}

function expectSameView(actual: ViewSnapshot, expected: ViewSnapshot): void {
  expect({ ...actual, zoom: 0, lng: 0, lat: 0 }).toEqual({ ...expected, zoom: 0, lng: 0, lat: 0 });
  expect(Math.abs(actual.zoom - expected.zoom)).toBeLessThanOrEqual(0.01);
  // The link keeps about a pixel's worth of precision.
  const degreesPerPixel = 360 / (512 * 2 ** expected.zoom);
  expect(Math.abs(actual.lng - expected.lng)).toBeLessThanOrEqual(2 * degreesPerPixel);
  expect(Math.abs(actual.lat - expected.lat)).toBeLessThanOrEqual(2 * degreesPerPixel);
}

/** The hash the app writes once the camera report settles (it debounces by 250 ms). */
async function settledHash(page: Page): Promise<string> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const { map } = window.__gapmap!;
        const zoom = /map=([\d.]+)\//.exec(location.hash)?.[1];
        return zoom !== undefined && Math.abs(Number(zoom) - map.getZoom()) < 0.006;
      }),
    )
    .toBe(true);
  return page.evaluate(() => location.hash);
}

/** Starts from whatever view the page shows. */
export async function linkReproducesView(page: Page): Promise<void> {
  await page.getByLabel('Indicator').selectOption('income');
  await expect(legend(page).getByRole('heading', { level: 2 })).toHaveText(legendHeading('income'));

  const scope = page.getByRole('combobox', { name: 'Scope' });
  await scope.click();
  await scope.pressSequentially('Camden');
  await expect(page.locator('#scope-list [role=option]').first()).toContainText('Camden');
  await scope.press('ArrowDown');
  await scope.press('Enter');
  await expect(scope).toHaveValue('Camden');
  await settle(page);

  // Zoom in with the map's own button (a camera no fit produces), then click the LSOA in the
  // middle of the map's free area, right of the legend.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await settle(page);
  const map = (await page.locator('#map').boundingBox())!;
  const legendBox = (await page.locator('section.legend').boundingBox())!;
  const middle = { x: (legendBox.x + legendBox.width - map.x + map.width) / 2, y: map.height / 2 };
  const feature = await page.evaluate((p) => window.__gapmap!.map.queryRenderedFeatures([p.x, p.y], { layers: ['lsoa-fill'] })[0]?.id, middle);
  expect(typeof feature).toBe('number');
  const { attributes } = await servedData();
  const code = attributes.codes[(feature as number) - 1]!;
  await clickMap(page, middle);
  await expect(page.getByRole('region', { name: 'LSOA details' })).toContainText(code);
  await settle(page);

  const hash = await settledHash(page);
  expect(hash).toContain('ind=income');
  expect(hash).toContain('scope=lad:E09000007');
  expect(hash).toContain(`lsoa=${code}`);
  const expected = await snapshot(page);
  expect(expected).toMatchObject({ indicator: 'income', scope: 'Camden', panelCode: `LSOA · ${code}` });

  await page.reload();
  await page.waitForFunction(() => window.__gapmap !== undefined);
  await settle(page);
  expectSameView(await snapshot(page), expected);
  await expectLegendCounts(page, 'Camden', (lsoa) => attributes.lads[attributes.lad[lsoa]!]?.code === 'E09000007');
  // Opening the link must not nudge it: the hash the reloaded page writes is the one it opened.
  await page.waitForTimeout(400);
  expect(await page.evaluate(() => location.hash)).toBe(hash);

  const other = await page.context().newPage();
  await openApp(other, hash);
  expectSameView(await snapshot(other), expected);
  // Close it as a browser closes a tab: through beforeunload, which tells the map the tile fetches
  // about to be cut off are not problems. Playwright's default close skips it, and on a slow machine
  // the closing page lived past the map's grace period and logged "Map: Failed to fetch" (the flake).
  await other.close({ runBeforeUnload: true });
  await expect.poll(() => other.isClosed()).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// 5. Search with a typo finds a ward.

export async function searchWardWithTypo(page: Page): Promise<void> {
  const d = (await servedData()).details;
  const ward = d.wards.findIndex((w) => w.name === 'Aldersgate');
  expect(ward).toBeGreaterThanOrEqual(0);
  const members = d.ward.flatMap((w, lsoa) => (w === ward ? [lsoa] : []));
  const before = await camera(page);

  const search = page.getByRole('combobox', { name: 'Search' });
  await search.click();
  await search.pressSequentially('Aldersgte');
  const options = page.locator('#search-list [role=option]');
  await expect(options.first()).toContainText('Aldersgate');
  await expect(options.first()).toContainText('Ward in City of London');
  await search.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(search).toHaveValue('Aldersgate');

  const panel = page.getByRole('region', { name: 'Ward details' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Aldersgate');
  await expect(panel).toContainText(d.wards[ward]!.code);
  await expect(panel).toContainText(`In City of London. ${members.length} LSOAs`);
  await expect(panel.locator('.lsoa-list li')).toHaveCount(members.length);
  await expect(page.getByRole('combobox', { name: 'Scope' })).toHaveValue('England');

  // The map flies there and outlines the ward's LSOAs.
  await expect.poll(async () => (await camera(page)).zoom).toBeGreaterThan(before.zoom + 3);
  await settle(page);
  // Every LSOA of the ward is drawn in view with the highlight outline.
  const featureIds = members.map((lsoa) => lsoa + 1);
  const inView = await page.evaluate((ids) => {
    const { map } = window.__gapmap!;
    const drawn = map.queryRenderedFeatures({ layers: ['highlight-line'] }).map((feature) => feature.id);
    return ids.filter((id) => drawn.includes(id));
  }, featureIds);
  expect(inView).toEqual(featureIds);
}

// ---------------------------------------------------------------------------------------------
// 6. Switching indicator recolours the same tiles.

export async function switchIndicatorWithoutRefetch(page: Page, to: IndicatorKey): Promise<void> {
  await settle(page);
  const swatches = await legendSwatchColours(page);
  const before = countColours((await mapBesideLegend(page)).image, swatches);
  const tileRequests: string[] = [];
  const onRequest = (request: { url: () => string }) => {
    if (request.url().includes('.pmtiles')) tileRequests.push(request.url());
  };
  page.on('request', onRequest);
  try {
    await page.getByLabel('Indicator').selectOption(to);
    await expect(legend(page).getByRole('heading', { level: 2 })).toHaveText(legendHeading(to));
    await settle(page);
    const after = countColours((await mapBesideLegend(page)).image, swatches);
    // Same geometry, new colours: the share of the map in each decile colour changes.
    const changed = before.filter((count, i) => Math.abs(count - after[i]!) > Math.max(200, count * 0.1));
    expect(changed.length, `pixels per colour before ${before.join(',')} after ${after.join(',')}`).toBeGreaterThanOrEqual(3);
  } finally {
    page.off('request', onRequest);
  }
  expect(tileRequests, 'tile requests after switching indicator').toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// 7. A postcode, typed loosely, goes to its spot and shows its LSOA.

export async function searchPostcode(page: Page): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search' });
  await search.click();
  await search.fill('');
  await search.pressSequentially('m11ad');
  const first = page.locator('#search-list [role=option]').first();
  await expect(first).toContainText('M1 1AD');
  await expect(first).toContainText('Postcode');
  await search.press('ArrowDown');
  await search.press('Enter');
  // M1 1AD is in E01033658 (ONS postcode directory, as ../shared/data/README.md records).
  const panel = page.getByRole('region', { name: 'LSOA details' });
  await expect(panel).toContainText('E01033658', { timeout: 30_000 });
  await expect.poll(async () => (await camera(page)).zoom).toBeGreaterThan(14);
  await settle(page);
  const marked = await page.evaluate(() => window.__gapmap!.map.queryRenderedFeatures({ layers: ['postcode-point'] }).map((f) => f.properties?.postcode));
  expect(marked).toEqual(['M1 1AD']);
  await page.screenshot({ path: '/tmp/shots/postcode-m1-1ad.png' });

  // A Scottish postcode is explained, not silently dropped.
  await search.fill('');
  await search.pressSequentially('EH1 1YZ');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.locator('.notice')).toContainText('Postcode EH1 1YZ is in Scotland; GapMap covers England only.');
}
