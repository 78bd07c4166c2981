// GapMap end to end: the real app, built, on the real data, driven as one user session in one
// tab (SwiftShader draws slowly, so the map loads once, not once per test). The steps run in
// order and share the page; state carries over as it does for a user (a scope chosen earlier is
// still set when the search runs, and so on). If a step fails, the later ones are skipped.

import type { Page } from '@playwright/test';
import { expect, openApp, sharedSession, test } from './fixtures';
import {
  clickCityOfLondonLsoa,
  englandInDecileColours,
  linkReproducesView,
  scopeToEssex,
  searchPostcode,
  searchWardWithTypo,
  switchIndicatorWithoutRefetch,
} from './steps';

const session = sharedSession();
let page: Page;
const errors = session.errors;
test.beforeAll(() => {
  page = session.page;
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
