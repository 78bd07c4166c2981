// The evidence pack from the app, on the real data and the real Trafford bus routes: import them,
// scope Trafford, press "Evidence pack (PDF)", catch the download, and read it back: its pages,
// its name, and the headline the panel shows, word for word.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readPdf } from '../pdf-text';
import { expect, openApp, settle, sharedSession, SHOTS, test } from './fixtures';

const ROUTES = path.resolve('/work/shared/data/transport/trafford_bus_routes_tfgm_2023.geojson');

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

const panel = () => page.getByRole('region', { name: 'Coverage' });

test('the Trafford bus routes, scope Trafford: the evidence pack holds the headline the panel shows', async () => {
  await openApp(page);
  const scope = page.getByRole('combobox', { name: 'Scope' });
  await scope.click();
  await scope.pressSequentially('Trafford');
  await expect(page.locator('#scope-list [role=option]').first()).toContainText('Trafford');
  await scope.press('ArrowDown');
  await scope.press('Enter');
  await expect(scope).toHaveValue('Trafford');
  await page.getByRole('button', { name: 'Coverage' }).click();
  await panel().getByLabel('Add schemes from files').setInputFiles(ROUTES);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await expect(panel().locator('.coverage-results')).not.toHaveClass(/outdated/);
  await settle(page);
  const headline = (await page.getByTestId('coverage-headline').textContent()) ?? '';
  expect(headline).toContain('In Trafford,');

  const button = panel().getByRole('button', { name: 'Evidence pack (PDF)' });
  await button.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/evidence-1-button.png` });
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gapmap-evidence-trafford-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-pack-')), download.suggestedFilename());
  await download.saveAs(file);
  const pdf = readPdf(fs.readFileSync(file));
  expect(pdf.pageCount).toBe(6);
  expect(pdf.pages[0]!.strings.slice(0, 2)).toEqual(['Trafford', 'Evidence pack']);
  // The map: Trafford's LSOAs as vector paths, one fill per decile.
  expect(pdf.pages[1]!.paths.lineTo).toBeGreaterThan(5000);
  expect(pdf.pages[2]!.strings.join(' ')).toContain(headline);
  await expect(panel().getByRole('status').filter({ hasText: 'Making the evidence pack' })).toHaveCount(0);
  await expect(panel().getByRole('button', { name: 'Evidence pack (PDF)' })).toBeEnabled();
});

test('a ward as a target area: its report offers the pack, which holds the ward’s name and its LSOAs on the map', async () => {
  await page.getByRole('button', { name: 'Areas', exact: true }).click();
  const areas = page.getByRole('region', { name: 'Areas' });
  const box = areas.getByRole('combobox', { name: 'Start from a ward, district or county' });
  await box.fill('Gorse Hill');
  await page
    .getByRole('option', { name: /Gorse Hill/ })
    .first()
    .click();
  await expect(areas.locator('.area-selected h3')).toContainText('Gorse Hill');
  await expect(areas.getByTestId('area-lsoas')).not.toHaveText('');
  const lsoas = Number((await areas.getByTestId('area-lsoas').textContent()) ?? '0');
  const button = areas.getByRole('button', { name: 'Evidence pack (PDF)' });
  await button.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/evidence-2-area-button.png` });
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gapmap-evidence-gorse-hill[\w-]*-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-pack-')), download.suggestedFilename());
  await download.saveAs(file);
  const pdf = readPdf(fs.readFileSync(file));
  expect(pdf.pageCount).toBe(6);
  expect(pdf.pages[0]!.strings[0]).toContain('Gorse Hill');
  // The decile table's total row counts the area's LSOAs.
  expect(pdf.pages[2]!.strings.join(' ')).toMatch(new RegExp(`All ${lsoas} `));
  expect(pdf.pages[1]!.paths.moveTo).toBeGreaterThanOrEqual(lsoas);
});
