// Slides, links and publishing, as an officer prepares a committee talk: three views saved as
// slides (one renamed) and played by keyboard, each landing on its view; a copied link opened in a
// fresh browser shows the same view and names the dataset it lacks until the workspace file is
// opened; the exported workspace, published at an address, opens read only at its first slide.

import type { Page } from '@playwright/test';
import { trafford } from '../unit/built-data';
import { expect, openApp, settle, sharedSession, SHOTS, test } from './fixtures';

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

const TRAFFORD = '#map=10.5/53.42/-2.33&scope=lad:E08000009';
const ROUTES = 'trafford_bus_routes_tfgm_2023.geojson';

interface Seen {
  indicator: string;
  scope: string;
  colourBy: string;
  camera: { zoom: number; lat: number; lng: number } | null;
  presenting: number | null;
}

async function seen(on: Page): Promise<Seen> {
  return on.evaluate(() => {
    const state = window.__gapmap!.store.getState();
    const scope = state.scope.kind === 'england' ? 'england' : `${state.scope.kind}:${state.attributes.lads[state.scope.index]?.code ?? state.scope.index}`;
    return { indicator: state.indicator, scope, colourBy: state.coverage.colourBy, camera: state.camera, presenting: state.presenting };
  });
}

function expectCameraNear(actual: Seen['camera'], expected: Seen['camera']): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual!.zoom - expected!.zoom)).toBeLessThan(0.05);
  expect(Math.abs(actual!.lat - expected!.lat)).toBeLessThan(0.002);
  expect(Math.abs(actual!.lng - expected!.lng)).toBeLessThan(0.002);
}

const slidesPanel = () => page.getByRole('region', { name: 'Slides' });
const views: Seen[] = [];
let workspaceText = '';

test('three views saved as slides play by keyboard, each landing on its view', async () => {
  // An import, a coverage run and seven map moves in software WebGL.
  test.setTimeout(300_000);
  await openApp(page, TRAFFORD);
  await page.getByRole('button', { name: 'Coverage', exact: true }).click();
  await page.getByRole('region', { name: 'Coverage' }).getByLabel('Add schemes from files').setInputFiles(trafford.routes);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  await page.keyboard.press('Escape');
  await settle(page);

  await page.getByRole('button', { name: 'Slides', exact: true }).click();
  await slidesPanel().getByRole('button', { name: 'Save view as slide' }).click();
  views.push(await seen(page));

  await page.getByLabel('Indicator').selectOption('income');
  await page.evaluate(() => window.__gapmap!.store.getState().moveCamera({ kind: 'camera', camera: { zoom: 13, lat: 53.456, lng: -2.285 } }, false));
  await settle(page);
  await slidesPanel().getByRole('button', { name: 'Save view as slide' }).click();
  views.push(await seen(page));

  await page.evaluate(() => {
    const state = window.__gapmap!.store.getState();
    state.setScope({ kind: 'england' }, { fit: true });
    state.setColourBy('schemes');
  });
  await settle(page);
  await slidesPanel().getByRole('button', { name: 'Save view as slide' }).click();
  views.push(await seen(page));
  expect(views.map((v) => [v.indicator, v.scope, v.colourBy])).toEqual([
    ['imd', 'lad:E08000009', 'deprivation'],
    ['income', 'lad:E08000009', 'deprivation'],
    ['income', 'england', 'schemes'],
  ]);

  const third = slidesPanel().getByLabel('Slide 3 title');
  await third.fill('Where the buses reach');
  await third.press('Enter');
  await expect(slidesPanel().locator('.slide-item')).toHaveCount(3);
  // Rename undone and done again through the one history.
  await slidesPanel().getByRole('button', { name: 'Undo' }).click();
  await expect(third).toHaveValue('Income in England');
  await page.keyboard.press('Control+Shift+Z');
  await expect(third).toHaveValue('Where the buses reach');
  await page.screenshot({ path: `${SHOTS}/slides-1-list.png` });

  await slidesPanel().getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.locator('.presenter-title')).toHaveText('Index of Multiple Deprivation in Trafford');
  await expect(page.locator('.top-bar')).toBeHidden();
  await settle(page);
  let now = await seen(page);
  expect([now.presenting, now.indicator, now.scope, now.colourBy]).toEqual([0, 'imd', 'lad:E08000009', 'deprivation']);
  expectCameraNear(now.camera, views[0]!.camera);

  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.presenter-title')).toHaveText('Income in Trafford');
  await settle(page);
  now = await seen(page);
  expect([now.presenting, now.indicator, now.scope]).toEqual([1, 'income', 'lad:E08000009']);
  expectCameraNear(now.camera, views[1]!.camera);

  await page.keyboard.press('Space');
  await expect(page.locator('.presenter-title')).toHaveText('Where the buses reach');
  await settle(page);
  now = await seen(page);
  expect([now.presenting, now.indicator, now.scope, now.colourBy]).toEqual([2, 'income', 'england', 'schemes']);
  expectCameraNear(now.camera, views[2]!.camera);
  await expect(page.locator('.presenter-caption')).toContainText(`coloured by schemes reaching each LSOA · ${ROUTES}`);
  await page.screenshot({ path: `${SHOTS}/slides-2-present.png` });

  await page.keyboard.press('PageUp');
  await expect(page.locator('.presenter-title')).toHaveText('Income in Trafford');
  await settle(page);
  expectCameraNear((await seen(page)).camera, views[1]!.camera);

  await page.keyboard.press('Escape');
  await expect(page.locator('.presenter')).toHaveCount(0);
  await expect(page.locator('.top-bar')).toBeVisible();
  expect((await seen(page)).presenting).toBeNull();
});

test('a copied link opened in a fresh browser shows the same view and names the dataset it lacks', async ({ browser }) => {
  test.setTimeout(240_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await settle(page);
  const expected = await seen(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('.share-link-popover')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(await page.getByLabel('Link to this view').inputValue()).toBe(link);
  expect(link.length).toBeLessThan(2048);

  workspaceText = await page.evaluate(async () => new TextDecoder().decode((await window.__gapmap!.store.getState().exportWorkspace())!));
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other, new URL(link).hash);
  const there = await seen(other);
  expect([there.indicator, there.scope, there.colourBy]).toEqual([expected.indicator, expected.scope, expected.colourBy]);
  expectCameraNear(there.camera, expected.camera);
  const banner = other.getByRole('group', { name: 'Datasets this view needs' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`does not hold: ${ROUTES}`);
  await other.screenshot({ path: `${SHOTS}/slides-3-link-missing.png` });

  await banner
    .getByLabel('Open a workspace file')
    .setInputFiles({ name: 'talk.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(workspaceText) });
  await expect(banner).toHaveCount(0, { timeout: 60_000 });
  expect(await other.evaluate(() => window.__gapmap!.store.getState().coverage.datasets.map((d) => [d.name, d.visible]))).toEqual([[ROUTES, true]]);
  await other.close({ runBeforeUnload: true });
  await fresh.close();
});

test('a published workspace opens read only at its first slide', async ({ browser }) => {
  test.setTimeout(180_000);
  expect(JSON.parse(workspaceText).gapmap.slides).toHaveLength(3);
  const fresh = await browser.newContext();
  await fresh.route('**/published/talk.geojson', (route) => route.fulfill({ status: 200, contentType: 'application/geo+json', body: workspaceText }));
  const other = await fresh.newPage();
  await other.goto('/?workspace=published/talk.geojson');
  await other.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
  await expect(other.locator('.published-banner')).toBeVisible();
  await expect(other.locator('.published-banner')).toContainText('Published workspace: talk.geojson — read only');
  await expect.poll(() => other.evaluate(() => window.__gapmap!.store.getState().slides.length)).toBe(3);
  await settle(other);
  const there = await seen(other);
  expect([there.indicator, there.scope, there.colourBy]).toEqual([views[0]!.indicator, views[0]!.scope, views[0]!.colourBy]);
  expectCameraNear(there.camera, views[0]!.camera);
  await other.screenshot({ path: `${SHOTS}/slides-4-published.png` });
  // Read only: nothing was kept in this browser's workspace.
  const stored = await other.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('gapmap');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('slides')) return resolve(0);
          const count = db.transaction('slides').objectStore('slides').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(stored).toBe(0);
  await other.close({ runBeforeUnload: true });
  await fresh.close();
});
