// Gaps that stay true on the files councils hold (issue 11), end to end on the real files: the
// Trafford grants recorded only for the whole district are kept apart (said before any figure),
// and counted only when the user says so, as an assumption; the TfGM bus routes, where every
// deprived LSOA is near some bus, give the least served LSOAs under "the fewest schemes reach
// them", the same list as `gapmap coverage --gaps underserved`; the bus stops import as transport
// with a 400 m walking catchment. One session, as one user.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { headlineOfJson, type SummaryJson } from '../../src/data/summary-json';
import { headlineSentence } from '../../src/ui/coverage-format';
import { expect, openApp, servedData, settle, sharedSession, SHOTS, test } from './fixtures';

const run = promisify(execFile);
const DATA = path.resolve('..', 'shared', 'data');
const GRANTS = path.join(DATA, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv');
const ROUTES = path.join(DATA, 'transport', 'trafford_bus_routes_tfgm_2023.geojson');
const STOPS = path.join(DATA, 'transport', 'trafford_bus_stops_tfgm_2022.geojson');
const TRAFFORD = 'E08000009';

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

const panel = () => page.getByRole('region', { name: 'Coverage' });

/** The CLI's summary for the same files, from the same built data. */
async function cliSummary(files: string[], args: string[]): Promise<SummaryJson> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-levels-'));
  const file = path.join(dir, 'summary.json');
  await run('npx', ['tsx', 'scripts/gapmap.ts', 'coverage', ...files, '--scope', TRAFFORD, '--out', path.join(dir, 'c.csv'), '--summary', file, ...args], {
    timeout: 120_000,
  });
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SummaryJson;
}

async function waitForResult(): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await expect(panel().locator('.coverage-results')).not.toHaveClass(/outdated/);
}

async function scopeToTrafford(): Promise<void> {
  const scope = page.getByRole('combobox', { name: 'Scope' });
  await scope.click();
  await scope.fill('');
  await scope.pressSequentially('Trafford');
  await expect(page.locator('#scope-list [role=option]').first()).toContainText('Trafford');
  await scope.press('ArrowDown');
  await scope.press('Enter');
  await expect(scope).toHaveValue('Trafford');
}

async function deleteDatasets(): Promise<void> {
  await page.evaluate(() => {
    const state = window.__gapmap!.store.getState();
    for (const dataset of state.coverage.datasets) state.deleteDataset(dataset.id);
  });
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.datasets.length)).toBe(0);
}

test('the Trafford grants: the preview says they are recorded only for the district and offers the 11 recipient postcodes', async () => {
  await openApp(page);
  await scopeToTrafford();
  await page.getByRole('button', { name: 'Coverage' }).click();
  await panel().getByLabel('Add schemes from files').setInputFiles(GRANTS);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 555 schemes' })).toBeEnabled({ timeout: 60_000 });
  const warning = dialog.getByRole('region', { name: 'Most of these schemes are recorded only for a whole area' });
  await expect(warning).toContainText('555 schemes are located no finer than a district, county or region');
  await expect(warning).toContainText('Located by: a district code (555).');
  await expect(warning).toContainText('The file has finer locations for 11 of them.');
  await page.screenshot({ path: `${SHOTS}/levels-1-grants-preview.png` });
  // Taking the finer locations places 11 by the recipient's postcode, and says what that means; back again.
  await warning.getByRole('button', { name: 'Use the finer location where a row has one' }).click();
  await expect(dialog.getByRole('region', { name: 'Most of these schemes are recorded only for a whole area' })).toContainText(
    'a postcode (11); a district code (544)',
  );
  await expect(dialog).toContainText('which may not be where the money was spent');
  await dialog.getByRole('button', { name: 'Place by where it benefits first, as before' }).click();
  await expect(dialog.getByRole('region', { name: 'Most of these schemes are recorded only for a whole area' })).toContainText(
    'Located by: a district code (555).',
  );
  await dialog.getByRole('button', { name: 'Import 555 schemes' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the dashboard keeps the area-wide grants apart before any figure, and counts them only as a labelled assumption', async () => {
  await waitForResult();
  const note = panel().getByTestId('area-wide-note');
  await expect(note).toContainText('555 grants, £1,291,437, recorded only for Trafford as a whole:');
  await expect(note).toContainText('they cannot show which neighbourhoods they reach');
  // The note comes before the headline.
  const order = await panel()
    .locator('[data-testid=area-wide-note], [data-testid=coverage-headline]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
  expect(order).toEqual(['area-wide-note', 'coverage-headline']);
  const apart = await cliSummary([GRANTS], []);
  expect(apart.headline.people_uncovered).toBe(18345);
  await expect(page.getByTestId('coverage-headline')).toHaveText(
    headlineSentence(headlineOfJson(apart.headline), { name: 'Trafford', isEngland: false }, { areaWideApart: true }),
  );
  await expect(page.getByTestId('coverage-headline')).toContainText('no located scheme reaches (100% of them)');
  // No money is spread over the LSOAs: £0 in every decile.
  const allocated = await panel().locator('table.decile-table tbody tr td:nth-child(8)').allTextContents();
  expect(allocated.every((cell) => cell === '£0')).toBe(true);
  // The map tints none of Trafford for them.
  const tinted = await page.evaluate(() => JSON.stringify(window.__gapmap!.map.getFilter('scheme-area-list-fill')));
  expect(tinted).toBe(JSON.stringify(['boolean', false]));
  await page.screenshot({ path: `${SHOTS}/levels-2-grants-apart.png` });

  // The switch: counted as reaching every LSOA, today's figures, labelled an assumption.
  await note.getByLabel('Count them as reaching every LSOA of their area (an assumption)').check();
  await waitForResult();
  await expect(panel().getByTestId('area-wide-note')).toContainText(
    'Assumption: 555 grants, £1,291,437, recorded only for Trafford as a whole are counted as reaching every LSOA there',
  );
  const counted = await cliSummary([GRANTS], ['--area-wide', 'count']);
  expect(counted.headline.people_uncovered).toBe(0);
  await expect(page.getByTestId('coverage-headline')).toHaveText(headlineSentence(headlineOfJson(counted.headline), { name: 'Trafford', isEngland: false }));
  // £ per head: every funded LSOA the same, so the key says so instead of drawing empty classes.
  await panel().getByRole('radio', { name: '£ per head', exact: true }).check();
  await expect(page.getByTestId('legend-collapsed')).toContainText('Every funded LSOA gets the same £5.50 per head');
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/levels-3-grants-counted-per-head.png` });
  await panel().getByRole('radio', { name: 'Deprivation', exact: true }).check();
  await note.getByLabel('Count them as reaching every LSOA of their area (an assumption)').uncheck();
  await waitForResult();
  await deleteDatasets();
});

test('the TfGM routes: the least served deprived LSOAs, the same list as the CLI’s, sortable by reach', async () => {
  await panel().getByLabel('Add schemes from files').setInputFiles(ROUTES);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await waitForResult();
  // After an import the map fits the schemes: Trafford is in view.
  await settle(page);
  const centre = await page.evaluate(() => window.__gapmap!.map.getCenter().toArray());
  expect(centre[0]).toBeGreaterThan(-2.5);
  expect(centre[0]).toBeLessThan(-2.2);
  // Every deprived LSOA is near some bus: under "unreached" there are no gaps.
  await expect(panel().locator('.no-gaps')).toContainText('No gaps');
  await panel().getByLabel('the fewest schemes reach them').check();
  await waitForResult();
  const cli = await cliSummary([ROUTES], ['--gaps', 'underserved']);
  expect(cli.gaps.length).toBeGreaterThan(0);
  await expect(page.getByTestId('coverage-headline')).toHaveText(headlineSentence(headlineOfJson(cli.headline), { name: 'Trafford', isEngland: false }));
  const table = panel().locator('table.gap-table');
  await expect(table.locator('caption')).toContainText(`the least served LSOAs in deciles 1–2, the fewest schemes reaching them (${cli.gaps.length})`);
  const { attributes } = await servedData();
  const codes = async () =>
    table.locator('tbody tr:not(.spacer) td.gap-name button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('title') ?? ''));
  expect(await codes()).toEqual(cli.gaps.map((gap) => gap.lsoa21cd));
  const reach = await table.locator('tbody tr:not(.spacer) td:nth-child(6)').allTextContents();
  expect(reach).toEqual(cli.gaps.map((gap) => `${gap.count} (${gap.services} svc, ${gap.stops} stops)`));
  // Sorted by reach: the fewest schemes first.
  await table.getByRole('button', { name: 'Schemes reaching' }).click();
  await expect(table.getByRole('columnheader', { name: 'Schemes reaching' })).toHaveAttribute('aria-sort', 'ascending');
  const byReach = [...cli.gaps].sort((a, b) => a.count - b.count || a.services - b.services || a.stops - b.stops || a.rank - b.rank).map((gap) => gap.lsoa21cd);
  expect(await codes()).toEqual(byReach);
  expect(attributes.codes).toContain(byReach[0]);
  // The gap outlines follow the definition.
  await expect(panel().locator('.map-key')).toContainText('The least served LSOAs in deciles 1–2');
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/levels-4-routes-underserved.png` });
});

test('the TfGM stops import as transport stops with a 400 m walking catchment, and add to the routes', async () => {
  await panel().getByLabel('Add more schemes from files').setInputFiles(STOPS);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 1,025 schemes' })).toBeEnabled({ timeout: 60_000 });
  await expect(dialog.getByLabel(/The 1,025 points are/)).toHaveValue('stops');
  await expect(dialog).toContainText('Read as stops: the file has NaPTAN stop codes.');
  await expect(dialog.getByLabel(/Stops \(1,025\): metres around/)).toHaveValue('400');
  await page.screenshot({ path: `${SHOTS}/levels-5-stops-preview.png` });
  await dialog.getByRole('button', { name: 'Import 1,025 schemes' }).click();
  await waitForResult();
  const cli = await cliSummary([ROUTES, STOPS], ['--gaps', 'underserved']);
  await expect(page.getByTestId('coverage-headline')).toHaveText(headlineSentence(headlineOfJson(cli.headline), { name: 'Trafford', isEngland: false }));
  const reach = await panel().locator('table.gap-table tbody tr:not(.spacer) td:nth-child(6)').allTextContents();
  expect(reach.sort()).toEqual(cli.gaps.map((gap) => `${gap.count} (${gap.services} svc, ${gap.stops} stops)`).sort());
  expect(cli.gaps.every((gap) => gap.stops > 0)).toBe(true);
  // Each dataset in its own colour: the map's schemes and the panel's swatches agree.
  const swatches = await panel()
    .locator('.map-key .key-line')
    .evaluateAll((spans) => spans.map((s) => getComputedStyle(s).backgroundColor));
  const datasetColours = await page.evaluate(() => window.__gapmap!.store.getState().coverage.datasets.map((d) => d.colour));
  expect(swatches).toHaveLength(2);
  expect(new Set(datasetColours).size).toBe(2);
  await page.evaluate(() => window.__gapmap!.map.jumpTo({ center: [-2.29, 53.455], zoom: 14 }));
  await settle(page);
  const drawnColours = () =>
    page.evaluate(() =>
      [...new Set(window.__gapmap!.map.queryRenderedFeatures({ layers: ['scheme-line', 'scheme-point'] }).map((f) => String(f.properties.colour)))].sort(),
    );
  await expect.poll(drawnColours).toEqual([...datasetColours].sort());
  await settle(page);
  await page.screenshot({ path: `${SHOTS}/levels-6-routes-and-stops.png` });
});

test('an LSOA’s details say what reaches it: schemes, services and stops, money, as the CLI counts them', async () => {
  const cli = await cliSummary([ROUTES, STOPS], ['--gaps', 'underserved']);
  const first = cli.gaps[0]!;
  await panel().locator(`table.gap-table button[title="${first.lsoa21cd}"]`).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  const reach = page.getByTestId('lsoa-reach');
  await expect(reach).toContainText(`Schemes reaching it${first.count} (${first.services} transport services, ${first.stops} stops within their catchment)`);
  await expect(reach).toContainText('A gap: among the least served, in deciles 1–2.');
  await page.screenshot({ path: `${SHOTS}/levels-7-lsoa-reach.png` });
});

test('the session logged no console errors', () => {
  expect(session.errors).toEqual([]);
});
