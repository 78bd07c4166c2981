// Accessibility: axe-core (WCAG 2.0 and 2.1, levels A and AA) on every main view and dialog of the
// real app, walked through as one user session in one small window (SwiftShader draws slowly).
// Each step fails on any serious or critical violation, naming the rule, the elements and the fix.
// Nothing is excluded, MapLibre's canvas and controls included. Axe cannot measure the contrast of
// text over the map canvas (the legend's box lets the map show through); it reports that as "needs
// review", not a violation, so tests/unit/theme.test.ts checks those colours at their worst case.

import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, settle, sharedSession, SHOTS, test } from './fixtures';

const ROUTES = path.resolve('/work/shared/data/transport/trafford_bus_routes_tfgm_2023.geojson');
const BAD_FEATURES = path.resolve('tests/fixtures/schemes/bad-features.geojson');

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

/** Runs axe over the page as it is now and fails on serious or critical violations, listed readably. */
async function expectAccessible(view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = bad.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} (${violation.helpUrl})\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n'),
  );
  expect(report, `serious or critical accessibility violations in ${view}:\n${report.join('\n')}`).toEqual([]);
}

const coverage = () => page.getByRole('region', { name: 'Coverage' });
const legend = () => page.locator('section.legend');
const areas = () => page.getByRole('region', { name: 'Target areas' });

test('the first view: map, header and legend; the scope list and search results open', async () => {
  await openApp(page);
  await expectAccessible('the first view');
  // The legend's compact key: the decile numbers on their colours.
  await legend().getByRole('button', { name: 'Hide counts' }).click();
  await expect(legend().getByRole('button', { name: 'Show counts' })).toBeVisible();
  await expectAccessible('the compact legend');
  await legend().getByRole('button', { name: 'Show counts' }).click();

  const scope = page.getByRole('combobox', { name: 'Scope' });
  await scope.click();
  await scope.pressSequentially('Trafford');
  await expect(page.locator('#scope-list [role=option]').first()).toContainText('Trafford');
  await scope.press('ArrowDown');
  await expectAccessible('the scope list, open');
  await scope.press('Escape');

  const search = page.getByRole('combobox', { name: 'Search' });
  await search.click();
  await search.pressSequentially('Aldersgte');
  await expect(page.locator('#search-list [role=option]').first()).toContainText('Aldersgate');
  await search.press('ArrowDown');
  await expectAccessible('the search results');
  await search.press('Enter');
  await expect(page.getByRole('region', { name: 'Ward details' })).toBeVisible();
  await expectAccessible('a ward selected');
});

test('an LSOA selected: its details panel', async () => {
  const search = page.getByRole('combobox', { name: 'Search' });
  await search.fill('');
  await search.pressSequentially('E01000001');
  await expect(page.locator('#search-list [role=option]').first()).toContainText('E01000001');
  await search.press('ArrowDown');
  await search.press('Enter');
  const details = page.getByRole('region', { name: 'LSOA details' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('City of London 001A');
  await expect(details).not.toContainText('Loading names');
  await expectAccessible('the LSOA details panel');
});

test('the coverage panel empty, an import preview with problems listed, and the Trafford routes imported', async () => {
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await expect(coverage().getByRole('heading', { level: 2 })).toHaveText('Coverage');
  await expectAccessible('the coverage panel, empty');

  await coverage().getByLabel('Add schemes from files').setInputFiles(BAD_FEATURES);
  const dialog = page.getByRole('dialog', { name: /^Import / });
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toContainText('longitude that is not a number');
  await page.screenshot({ path: `${SHOTS}/a11y-import-problems.png` });
  await expectAccessible('the import preview with problems');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  await coverage().getByLabel('Add schemes from files').setInputFiles(ROUTES);
  await expect(dialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await expectAccessible('the import preview');
  await dialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await expect(coverage().locator('.coverage-results')).not.toHaveClass(/outdated/);
  await expect(coverage()).toContainText(/[\d,]+ gaps, by rank\./);
  await expect(coverage().getByRole('status').filter({ hasText: 'Measuring how far each gap' })).toHaveCount(0, { timeout: 30_000 });
  // Every chart's table open, and the workspace file's section.
  for (const summary of await coverage().locator('figure.coverage-chart details summary').all()) await summary.click();
  await coverage().locator('details.workspace-file summary').click();
  await page.screenshot({ path: `${SHOTS}/a11y-coverage.png` });
  await expectAccessible('the coverage panel with results, charts and gap list');

  // The other colourings' keys, in the legend (numbers on the bivariate colours).
  for (const colouring of ['Schemes reaching each', '£ per head', 'Deprivation × £ per head']) {
    await coverage()
      .getByLabel(colouring, { exact: colouring === '£ per head' })
      .check();
    await expect(legend()).toContainText(colouring === 'Schemes reaching each' ? 'Schemes reaching each LSOA' : colouring);
    await expectAccessible(`the legend for ${colouring}`);
  }
  await coverage().getByLabel('Deprivation', { exact: true }).check();
});

test('a route’s popup on the map, and the scheme form for a point placed on the map', async () => {
  // A point on a drawn route where the map itself is under the mouse (not the legend or a control).
  await settle(page);
  const onRoute = await page.evaluate(() => {
    const { map } = window.__gapmap!;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    for (const feature of map.queryRenderedFeatures({ layers: ['scheme-line'] })) {
      const geometry = feature.geometry;
      const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
      for (const line of lines) {
        for (const [lng, lat] of line as [number, number][]) {
          const p = map.project([lng, lat]);
          const at = { x: box.left + p.x, y: box.top + p.y };
          if (document.elementFromPoint(at.x, at.y) === canvas && map.queryRenderedFeatures([p.x, p.y], { layers: ['scheme-line'] }).length > 0) return at;
        }
      }
    }
    return null;
  });
  expect(onRoute, 'a route drawn in the clear part of the map').not.toBeNull();
  await page.mouse.click(onRoute!.x, onRoute!.y);
  const popup = page.locator('.maplibregl-popup');
  await expect(popup.locator('.scheme-popup')).toContainText('Dataset: trafford_bus_routes_tfgm_2023.geojson');
  await expectAccessible('a route’s popup');
  await popup.getByRole('button', { name: 'Close popup' }).click();
  await expect(popup).toHaveCount(0);

  await coverage().getByRole('button', { name: 'Place a point' }).click();
  await page.locator('.drawing-banner').getByRole('button', { name: 'Place at the map’s centre' }).click();
  const form = page.getByRole('dialog', { name: /scheme/i });
  await expect(form).toBeVisible();
  await expectAccessible('the scheme form');
  // Saving with a bad amount shows the field's error.
  await form.getByLabel('Amount (£, optional)').fill('lots');
  await form.getByRole('button', { name: /^(Add|Save)/ }).click();
  await expectAccessible('the scheme form with an error');
  // Esc closes the form only: the coverage tab behind it stays open where the user was.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(coverage()).toBeVisible();
});

test('deleting a dataset offers undo', async () => {
  await coverage().getByRole('button', { name: 'Delete trafford_bus_routes_tfgm_2023.geojson' }).click();
  await expect(coverage().getByRole('button', { name: 'Undo', exact: true })).toBeVisible();
  await expectAccessible('the undo message');
  await coverage().getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(coverage().locator('.dataset')).toHaveCount(1);
});

test('the areas panel with an area and its report', async () => {
  await page.getByRole('button', { name: 'Areas', exact: true }).click();
  await expect(areas()).toBeVisible();
  await expectAccessible('the areas panel, empty');
  const box = areas().getByRole('combobox', { name: 'Start from a ward, district or county' });
  await box.fill('Gorse Hill');
  await page
    .getByRole('option', { name: /Gorse Hill/ })
    .first()
    .click();
  await expect(areas().locator('.area-selected h3')).toContainText('Gorse Hill');
  await expect(areas().locator('.area-figures')).toHaveAttribute('aria-busy', 'false');
  await expect(areas().getByTestId('area-schemes')).toContainText('schemes reach it');
  for (const summary of await areas().locator('details summary').all()) await summary.click();
  await page.screenshot({ path: `${SHOTS}/a11y-areas.png` });
  await expectAccessible('the areas panel with an area and its report');

  // An area file with features skipped or repaired: the check before adding, with its notes.
  await areas().getByLabel('Add areas from a file').setInputFiles(BAD_FEATURES);
  const preview = areas().locator('.area-import-preview');
  await expect(preview).toContainText('in bad-features.geojson');
  await preview.locator('details summary').click();
  await expectAccessible('an area file checked before adding, with its notes');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toHaveCount(0);

  await areas().getByRole('button', { name: 'Coverage dashboard for this area' }).click();
  await expect(coverage().locator('#results-heading')).toHaveText(/Results for Gorse Hill/);
  await expect(coverage().locator('.coverage-results')).not.toHaveClass(/outdated/);
  await expectAccessible('the coverage dashboard for an area');
});

test('settings, and a notice over the map', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expectAccessible('the settings dialog');
  await settings.getByLabel('Online basemap style (optional)').fill('not an address');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toContainText('Enter a web address');
  await expectAccessible('the settings dialog with an error');
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await expect(settings).toBeHidden();

  const search = page.getByRole('combobox', { name: 'Search' });
  await search.fill('');
  await search.pressSequentially('EH1 1YZ');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.locator('.notice')).toContainText('Scotland');
  await settle(page);
  await expectAccessible('a notice over the map');
});

test('the whole session logged no console errors', () => {
  expect(session.errors).toEqual([]);
});
