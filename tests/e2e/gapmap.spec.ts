// GapMap end to end: the real app, built, on the real data, driven as one user session in one
// tab (SwiftShader draws slowly, so the map loads once, not once per test). The steps run in
// order and share the page; state carries over as it does for a user (a scope chosen earlier is
// still set when the search runs, and so on). If a step fails, the later ones are skipped.

import type { BrowserContext, Page } from '@playwright/test';
import { expect, openApp, test, watchConsole } from './fixtures';
import {
  clickCityOfLondonLsoa,
  englandInDecileColours,
  linkReproducesView,
  scopeToEssex,
  searchPostcode,
  searchWardWithTypo,
  switchIndicatorWithoutRefetch,
} from './steps';

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
/** Everything logged as an error so far in the session. */
const errors: string[] = [];
let checked = 0;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  watchConsole(context, errors);
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
});

// Pin each error on the step that caused it.
test.afterEach(() => {
  const fresh = errors.slice(checked);
  checked = errors.length;
  expect(fresh, 'console errors and uncaught exceptions during this step').toEqual([]);
});

test('England renders with every LSOA in its legend decile colour', async () => {
  // The pixel counts below assume the configured window size.
  expect(page.viewportSize()).toEqual(test.info().project.use.viewport);
  await openApp(page);
  await englandInDecileColours(page);
});

test('switching indicator recolours the map without fetching tiles again', async () => {
  await switchIndicatorWithoutRefetch(page, 'crime');
});

test('choosing Essex as scope zooms there, dims the rest and counts only Essex', async () => {
  await scopeToEssex(page);
});

test('search forgives a typo and finds a ward with the keyboard', async () => {
  await searchWardWithTypo(page);
});

test('clicking City of London 001A shows its IoD2025 rank and decile; Esc closes', async () => {
  await clickCityOfLondonLsoa(page);
});

test('a link reopens the same indicator, scope, LSOA and camera', async () => {
  await linkReproducesView(page);
});

test('a postcode typed loosely goes to its spot and shows its LSOA; a Scottish one is explained', async () => {
  await searchPostcode(page);
});

test('the whole session logged no console errors', async () => {
  expect(errors).toEqual([]);
});
