// The coverage panel end to end, on the real data and the real Trafford bus routes: open the file,
// scope to Trafford, read the tables, and check them against `gapmap coverage` (the CLI runs the
// same core in Node), then change the rule and gap decile, survive a bad file, and cancel a long
// distance measurement. One session in one tab, as a user would (SwiftShader draws slowly).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { Headline } from '../../src/core/coverage-summary-types';
import { headlineOfJson, type SummaryJson } from '../../src/data/summary-json';
import { formatGbp, formatKm, formatPercent, headlineSentence } from '../../src/ui/coverage-format';
import { expect, openApp, readCount, settle, sharedSession, SHOTS, test } from './fixtures';

const run = promisify(execFile);
const ROUTES = path.resolve('/work/shared/data/transport/trafford_bus_routes_tfgm_2023.geojson');
const AREA_LISTS = path.resolve('tests/fixtures/schemes/trafford-area-lists.geojson');
const TRAFFORD = 'E08000009';

const session = sharedSession();
let page: Page;
const errors = session.errors;
test.beforeAll(() => {
  page = session.page;
});

/** The CLI's summary for the same input, from the same built data (public/data). */
async function cliSummary(args: string[]): Promise<SummaryJson> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-coverage-'));
  const file = path.join(dir, 'summary.json');
  await run('npx', ['tsx', 'scripts/gapmap.ts', 'coverage', ROUTES, '--out', path.join(dir, 'coverage.csv'), '--summary', file, ...args], {
    cwd: process.cwd(),
    timeout: 120_000,
  });
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryJson;
}

function headlineOf(json: SummaryJson): Headline {
  return headlineOfJson(json.headline);
}

const panel = () => page.getByRole('region', { name: 'Coverage' });

/** The import preview: check what it says, then import. */
async function confirmImport(button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: button })).toBeEnabled({ timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/coverage-2-import-${button.replace(/\W+/g, '-')}.png` });
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toHaveCount(0);
  // The map fits the imported schemes: let it finish before a test moves it.
  await settle(page);
}

/** The per-decile table as numbers and text, decile 1 first. */
async function readDecileTable() {
  const rows = panel().locator('table.decile-table tbody tr');
  await expect(rows).toHaveCount(10);
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return cells.map((row) => ({
    lsoas: readCount(row[0]!),
    people: readCount(row[1]!),
    coveredLsoas: readCount(row[2]!),
    coveredPeople: readCount(row[3]!),
    shareLsoas: row[4]!,
    sharePeople: row[5]!,
    allocated: row[6]!,
  }));
}

async function expectTablesMatch(json: SummaryJson): Promise<void> {
  const shown = await readDecileTable();
  expect(shown.map((row) => row.lsoas)).toEqual(json.deciles.map((d) => d.lsoas));
  expect(shown.map((row) => row.people)).toEqual(json.deciles.map((d) => d.people));
  expect(shown.map((row) => row.coveredLsoas)).toEqual(json.deciles.map((d) => d.covered_lsoas));
  expect(shown.map((row) => row.coveredPeople)).toEqual(json.deciles.map((d) => d.covered_people));
  expect(shown.map((row) => row.allocated)).toEqual(json.deciles.map((d) => formatGbp(d.allocated_gbp)));
  expect(shown.map((row) => row.sharePeople)).toEqual(json.deciles.map((d) => formatPercent(d.share_people_covered)));
  await expect(page.getByTestId('coverage-headline')).toHaveText(headlineSentence(headlineOf(json), { name: json.scope_name, isEngland: false }));
}

async function waitForResult(): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await expect(panel().locator('.coverage-results')).not.toHaveClass(/outdated/);
}

async function scopeTo(name: string): Promise<void> {
  const scope = page.getByRole('combobox', { name: 'Scope' });
  await scope.click();
  await scope.fill('');
  await scope.pressSequentially(name);
  const first = page.locator('#scope-list [role=option]').first();
  await expect(first).toContainText(name);
  await scope.press('ArrowDown');
  await scope.press('Enter');
  await expect(scope).toHaveValue(name);
}

test('opening the Trafford bus routes shows the same decile table and headline as the CLI', async () => {
  await openApp(page);
  await scopeTo('Trafford');
  await page.getByRole('button', { name: 'Coverage' }).click();
  await expect(panel().getByRole('heading', { level: 2 })).toHaveText('Coverage');
  await expect(page.getByRole('tab', { name: 'Coverage' })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${SHOTS}/coverage-1-empty.png` });

  // Record every state the import and the run go through: the first import prepares the data.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    window.__gapmap!.store.subscribe((state) => {
      const { importing, status } = state.coverage;
      const kind = importing.kind === 'reading' ? `import:${importing.phase}` : importing.kind === 'preview' ? 'import:preview' : status.kind;
      if (seen[seen.length - 1] !== kind) seen.push(kind);
    });
  });
  const expected = cliSummary(['--scope', TRAFFORD]);
  await panel().getByLabel('Add schemes from files').setInputFiles(ROUTES);
  await confirmImport('Import 407 schemes');
  await waitForResult();
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  expect(statuses).toEqual(expect.arrayContaining(['import:preparing', 'import:preview', 'ready']));

  await expect(panel().locator('.dataset')).toContainText('trafford_bus_routes_tfgm_2023.geojson');
  await expect(panel().locator('.dataset')).toContainText('407 schemes: 407 routes');
  const json = await expected;
  expect(json.scope_name).toBe('Trafford');
  await expectTablesMatch(json);
  await expect(panel().locator('.source-line')).toContainText('IoD2025');
  await expect(panel().locator('.source-line')).toContainText('Census 2021 usual residents');
  await expect(panel().locator('.no-gaps')).toContainText('No gaps');

  // The reach chart's table says the same as the CLI, decile by decile.
  const reachChart = panel().locator('figure.coverage-chart').first();
  await reachChart.locator('details summary').click();
  const chartRows = await reachChart
    .locator('table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(chartRows).toHaveLength(10);
  expect(chartRows.map((cells) => cells[1])).toEqual(json.deciles.map((row) => formatPercent(row.share_people_covered)));
  expect(chartRows.map((cells) => cells[2])).toEqual(json.deciles.map((row) => formatPercent(row.share_lsoas_covered)));
  await reachChart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/coverage-3c-reach-chart.png` });

  // The routes are on the map, over the deciles.
  await settle(page);
  const drawn = await page.evaluate(() => window.__gapmap!.map.queryRenderedFeatures({ layers: ['scheme-line'] }).length);
  expect(drawn).toBeGreaterThan(50);
  await page.screenshot({ path: `${SHOTS}/coverage-3-trafford.png` });

  // Clicking a route says what it is.
  const onRoute = await page.evaluate(() => {
    const { map } = window.__gapmap!;
    const canvas = map.getCanvas().getBoundingClientRect();
    for (const feature of map.queryRenderedFeatures({ layers: ['scheme-line'] })) {
      const lines =
        feature.geometry.type === 'LineString'
          ? [feature.geometry.coordinates]
          : feature.geometry.type === 'MultiLineString'
            ? feature.geometry.coordinates
            : [];
      for (const line of lines) {
        for (const [lng, lat] of line as [number, number][]) {
          const p = map.project([lng, lat]);
          // Inside the map, clear of the legend (bottom left) and the zoom buttons (top right).
          if (p.x > 340 && p.x < canvas.width - 60 && p.y > 60 && p.y < canvas.height - 40) return { x: canvas.left + p.x, y: canvas.top + p.y };
        }
      }
    }
    return null;
  });
  expect(onRoute).not.toBeNull();
  await page.mouse.click(onRoute!.x, onRoute!.y);
  const popup = page.locator('.maplibregl-popup .scheme-popup');
  await expect(popup).toContainText('Transport · Reaches 400 m either side');
  await expect(popup).toContainText('Dataset: trafford_bus_routes_tfgm_2023.geojson');
  await page.screenshot({ path: `${SHOTS}/coverage-3a-route-popup.png` });
  await page.locator('.maplibregl-popup-close-button').click();
  await expect(popup).toHaveCount(0);
  await panel()
    .locator('#results-heading')
    .evaluate((heading) => heading.scrollIntoView());
  await page.screenshot({ path: `${SHOTS}/coverage-3b-results.png` });
});

test('the centroid rule with deciles 1–10 as most deprived lists the same gaps and distances as the CLI', async () => {
  const expected = cliSummary(['--scope', TRAFFORD, '--rule', 'centroid', '--gap-decile', '10']);
  await panel().getByLabel('Reaches the LSOA’s centre').check();
  await panel().getByLabel('Most deprived means').selectOption('10');
  await waitForResult();
  const json = await expected;
  await expectTablesMatch(json);

  // The list is drawn a screenful at a time: the rows drawn are the CLI's first, in order, and
  // the table says how many there are in all.
  const rows = panel().locator('table.gap-table tbody tr:not(.spacer)');
  await expect(panel().locator('table.gap-table')).toHaveAttribute('aria-rowcount', String(json.gaps.length + 1));
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.measuring === null)).toBe(true);
  const readRows = () =>
    rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        return { code: cells[2]?.querySelector('button')?.getAttribute('title') ?? '', cells: cells.map((td) => td.textContent ?? '') };
      }),
    );
  const shown = await readRows();
  expect(shown.length).toBeGreaterThan(0);
  const expectedRows = json.gaps.slice(0, shown.length);
  expect(shown.map((row) => row.code)).toEqual(expectedRows.map((gap) => gap.lsoa21cd));
  expect(shown.map((row) => readCount(row.cells[0]!))).toEqual(expectedRows.map((gap) => gap.rank));
  expect(shown.map((row) => readCount(row.cells[4]!))).toEqual(expectedRows.map((gap) => gap.people));
  // Reach: schemes reaching (routes: distinct services, and no stops); unreached gaps have none.
  const transport = json.gaps.some((gap) => gap.services > 0 || gap.stops > 0);
  expect(shown.map((row) => row.cells[5])).toEqual(
    expectedRows.map((gap) => (transport ? `${gap.count} (${gap.services} svc, ${gap.stops} stops)` : String(gap.count))),
  );
  expect(shown.map((row) => row.cells[6])).toEqual(expectedRows.map((gap) => formatKm(gap.nearest_km ?? Infinity)));
  await expect(panel()).toContainText(`${json.gaps.length} gaps, by rank.`);

  // Sorted by people, most first; the download has every gap, in that order.
  await panel().locator('table.gap-table').getByRole('button', { name: 'People' }).click();
  await expect(panel().locator('table.gap-table th[aria-sort="descending"]')).toContainText('People');
  const mostPeople = Math.max(...json.gaps.map((gap) => gap.people));
  expect(readCount((await readRows())[0]!.cells[4]!)).toBe(mostPeople);
  const [download] = await Promise.all([page.waitForEvent('download'), panel().getByRole('button', { name: 'Download the list (CSV)' }).click()]);
  const csv = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toBe('rank,decile,lsoa21cd,name,ward,people,schemes_reaching,services,stops,gbp_per_head,nearest_scheme_km');
  expect(csv).toHaveLength(json.gaps.length + 1);
  expect(Number(csv[1]!.split(',')[5])).toBe(mostPeople);
  await panel().locator('table.gap-table').getByRole('button', { name: 'Rank' }).click();
  await expect(panel().locator('table.gap-table th[aria-sort="ascending"]')).toContainText('Rank');

  // Gaps are outlined on the map (line work over the fill).
  await settle(page);
  const outlined = await page.evaluate(() => window.__gapmap!.map.queryRenderedFeatures({ layers: ['gap-line'] }).length);
  expect(outlined).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/coverage-4-centroid-gaps.png` });
  await panel().locator('table.gap-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/coverage-5-gap-table.png` });

  // A gap's name selects it, flies the map there and keeps the coverage tab in front.
  const first = json.gaps[0]!.lsoa21cd;
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-1.5, 52.5], zoom: 7 }));
  await rows.first().getByRole('button').click();
  await expect
    .poll(
      () =>
        page.evaluate((code) => {
          const { map, store } = window.__gapmap!;
          const index = store.getState().attributes.codes.indexOf(code);
          const rendered = map.queryRenderedFeatures({ layers: ['lsoa-fill'] }).some((f) => Number(f.id) - 1 === index);
          return map.getZoom() > 11 && rendered;
        }, first),
      { timeout: 20_000 },
    )
    .toBe(true);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const state = window.__gapmap!.store.getState();
        return state.panel.mode === 'lsoa' ? state.attributes.codes[state.panel.index] : null;
      }),
    )
    .toBe(first);
  await expect(page.getByRole('tab', { name: 'Coverage' })).toHaveAttribute('aria-selected', 'true');
});

test('a file that is not text is explained, and the routes already open stay', async () => {
  const before = await readDecileTable();
  await panel()
    .getByLabel('Add more schemes from files')
    .setInputFiles({ name: 'schemes.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  const alert = panel().getByRole('alert');
  await expect(alert).toContainText('schemes.png is not a text file');
  await expect(alert).toContainText('Your datasets are as they were.');
  await expect(panel().locator('.dataset')).toContainText('trafford_bus_routes_tfgm_2023.geojson');
  expect(await readDecileTable()).toEqual(before);
  await page.screenshot({ path: `${SHOTS}/coverage-6-bad-file.png` });
});

test('England re-summarises without a new run, then measures how far the gaps are from the routes', async () => {
  const runs = await page.evaluate(() => window.__gapmap!.store.getState().coverage.result?.run.key);
  // Record whether distances were being measured (it may take well under a second).
  await page.evaluate(() => {
    const seen = { measuring: false };
    (window as unknown as { __measuring: typeof seen }).__measuring = seen;
    window.__gapmap!.store.subscribe((state) => {
      if (state.coverage.measuring !== null) seen.measuring = true;
    });
  });
  await scopeTo('England');
  await expect(panel().getByRole('heading', { name: 'Results for England' })).toBeVisible();
  expect(await page.evaluate(() => window.__gapmap!.store.getState().coverage.result?.run.key)).toBe(runs);
  await expect(panel()).toContainText(/[\d,]+ gaps, by rank\./);
  await expect(panel().getByRole('status').filter({ hasText: 'Measuring how far each gap' })).toHaveCount(0, { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __measuring: { measuring: boolean } }).__measuring.measuring)).toBe(true);
  // Every gap has its distance (sorted nearest first, the last row drawn has one too), and the
  // most deprived places are far from Trafford.
  const readKm = () =>
    panel()
      .locator('table.gap-table tbody tr:not(.spacer)')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[6]?.textContent ?? ''));
  const km = await readKm();
  expect(km.length).toBeGreaterThan(10);
  expect(km.filter((text) => !/^\d+\.\d$/.test(text))).toEqual([]);
  await panel().locator('table.gap-table').getByRole('button', { name: 'Nearest scheme (km)' }).click();
  const farthest = await readKm();
  expect(farthest.filter((text) => !/^\d+\.\d$/.test(text))).toEqual([]);
  expect(Number(farthest[0])).toBeGreaterThanOrEqual(Number(farthest[farthest.length - 1]));
  await panel().locator('table.gap-table').getByRole('button', { name: 'Rank' }).click();
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/coverage-7-england-gaps.png` });
});

test('Esc closes the coverage tab; the details of a clicked gap stay one tab away', async () => {
  await page.getByRole('tab', { name: 'Coverage' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Details' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'LSOA details' }).getByRole('heading', { level: 2 })).toHaveText(/Trafford/);
  await page.screenshot({ path: `${SHOTS}/coverage-8-details-tab.png` });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Coverage' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Coverage' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/coverage-9-closed.png` });
});

test('schemes that name areas (a ward, a list of LSOAs) are drawn as their LSOAs', async () => {
  await page.getByRole('button', { name: 'Coverage' }).click();
  await scopeTo('Trafford');
  await panel().getByLabel('Add more schemes from files').setInputFiles(AREA_LISTS);
  await confirmImport('Import 2 schemes');
  await waitForResult();
  await expect(panel().locator('.dataset').nth(1)).toContainText('trafford-area-lists.geojson');
  // Bowdon ward's 7 LSOAs (ONS ward lookup) and 3 LSOAs of Timperley North, named by code.
  await settle(page);
  const tinted = await page.evaluate(() => {
    const { map, store } = window.__gapmap!;
    const codes = store.getState().attributes.codes;
    const ids = map.queryRenderedFeatures({ layers: ['scheme-area-list-fill'] }).map((f) => codes[Number(f.id) - 1]);
    return [...new Set(ids)].sort();
  });
  expect(tinted).toEqual(['E01006074', 'E01006077', 'E01006081', 'E01006082', 'E01006085', 'E01006086', 'E01006087', 'E01006090', 'E01006093', 'E01006190']);
  // A closer look for the screenshot, with the usual gap decile (the earlier step chose 10).
  await panel().getByLabel('Most deprived means').selectOption('2');
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.36, 53.39], zoom: 12 }));
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/coverage-10-area-lists.png` });
});

test('the LSOAs coloured by schemes reaching, £ per head, and deprivation × £ per head, each with its key', async () => {
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.33, 53.43], zoom: 10 }));
  const legendBox = page.locator('section.legend');
  /** What the run says, counted in the page over the scope (Trafford): LSOAs reached by none, and deprived (deciles 1–3) with nothing allocated. */
  const expected = await page.evaluate((code) => {
    const state = window.__gapmap!.store.getState();
    const run = state.coverage.result!.run;
    const column = state.attributes.deciles[state.indicator]!;
    const lad = state.attributes.lads.findIndex((l) => l.code === code);
    let none = 0;
    let deprivedUnfunded = 0;
    let total = 0;
    for (let i = 0; i < run.count.length; i++) {
      if (state.attributes.lad[i] !== lad) continue;
      total++;
      if (run.count[i] === 0) none++;
      const code = column.charCodeAt(i) - 48;
      const decile = code === 0 ? 10 : code;
      if (decile <= 3 && run.allocatedGbp[i] === 0) deprivedUnfunded++;
    }
    return { none, deprivedUnfunded, total };
  }, TRAFFORD);
  const en = (n: number) => n.toLocaleString('en-GB');

  await panel().getByLabel('Schemes reaching each').check();
  await expect(legendBox).toContainText('Schemes reaching each LSOA');
  await expect(legendBox).toContainText('LSOAs in Trafford.');
  const noneRow = legendBox.getByRole('row', { name: /^0 schemes/ });
  await expect(noneRow).toContainText(en(expected.none));
  const counts = await legendBox.locator('tbody td.number').allTextContents();
  expect(counts.reduce((sum, text) => sum + Number(text.replace(/,/g, '')), 0)).toBe(expected.total);
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/coverage-11-colour-schemes.png` });

  await panel().getByLabel('£ per head', { exact: true }).check();
  await expect(legendBox).toContainText('£ per head allocated');
  await expect(legendBox.getByRole('row', { name: /^Nothing allocated/ })).toBeVisible();
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/coverage-12-colour-per-head.png` });

  await panel().getByLabel('Deprivation × £ per head').check();
  await expect(legendBox).toContainText('Deprivation × £ per head');
  await expect(legendBox.locator('td.bivariate-alarm')).toHaveText(en(expected.deprivedUnfunded));
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/coverage-13-colour-bivariate.png` });
  // The map's colours follow: the fill is matched on LSOA ids now, and back to deciles after.
  const fill = await page.evaluate(() => JSON.stringify(window.__gapmap!.map.getPaintProperty('lsoa-fill', 'fill-color')));
  expect(fill).toContain('"id"');
  await panel().getByLabel('Deprivation', { exact: true }).check();
  await expect(legendBox).toContainText('decile');
});

test('the whole session logged no console errors', async () => {
  expect(errors).toEqual([]);
});
