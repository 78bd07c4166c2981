// Shared set-up for the end-to-end tests: console-error watching, helpers that wait for the map
// to settle (map events, not sleeps), and the data the server under test is serving, so expected
// values are computed from it rather than copied into the tests.

import fs from 'node:fs';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { AttributesFile, DataManifest, DetailsFile } from '../../src/data/schema';
import { decodePng, parseCssColour, type RgbaImage, type Rgb } from './png';

export { expect };

/**
 * Collects console errors, uncaught exceptions and failed requests of every page in `context`
 * (present and future) into `errors`.
 *
 * Errors always count. The app reports tile problems with console.warn('Map: …') and shows the
 * user a notice, so those count too. Other warnings (Chromium's GPU/WebGL driver chatter under
 * SwiftShader) do not. Requests the page itself cancels (net::ERR_ABORTED: MapLibre drops tiles
 * it no longer needs) are normal; any other failed request is recorded to explain a 'Map:' warning.
 */
function watchConsole(context: BrowserContext, errors: string[], allowed: readonly RegExp[] = []): void {
  const watch = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      const counts = message.type() === 'error' || (message.type() === 'warning' && text.startsWith('Map:'));
      if (counts && !allowed.some((pattern) => pattern.test(text))) {
        errors.push(`console.${message.type()}: ${text} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'unknown';
      if (reason !== 'net::ERR_ABORTED') {
        errors.push(`request failed: ${reason} ${request.url()} ${request.headers().range ?? ''}`.trim());
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

interface Fixtures {
  /** Console messages matching these are expected in this test (e.g. a deliberate 404). */
  allowedConsoleErrors: RegExp[];
  /** Console errors and uncaught exceptions of the test's pages; the test fails if any. */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ context, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      watchConsole(context, errors, allowedConsoleErrors);
      await use(errors);
      expect(errors, 'console errors and uncaught exceptions during the test').toEqual([]);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------------------------
// The data the app is serving, fetched from the server under test (not read from public/data,
// which `npm run data` may be rewriting while the tests run against an earlier build).

export interface ServedData {
  manifest: DataManifest;
  attributes: AttributesFile;
  details: DetailsFile;
}

let served: Promise<ServedData> | undefined;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export function servedData(): Promise<ServedData> {
  served ??= (async () => {
    const base = new URL('data/', test.info().project.use.baseURL ?? 'http://127.0.0.1:4174/');
    const manifest = await fetchJson<DataManifest>(new URL('manifest.json', base).href);
    const [attributes, details] = await Promise.all([
      fetchJson<AttributesFile>(new URL(manifest.files.attributes, base).href),
      fetchJson<DetailsFile>(new URL(manifest.files.details, base).href),
    ]);
    return { manifest, attributes, details };
  })();
  return served;
}

export async function lsoaIndex(code: string): Promise<number> {
  const index = (await servedData()).attributes.codes.indexOf(code);
  if (index < 0) throw new Error(`${code} is not in the served data`);
  return index;
}

export type Bounds = [west: number, south: number, east: number, north: number];

export function contains([west, south, east, north]: Bounds, { lng, lat }: { lng: number; lat: number }): boolean {
  return lng >= west && lng <= east && lat >= south && lat <= north;
}

// ---------------------------------------------------------------------------------------------
// Driving the page.

/** Opens the app (optionally at a link's hash) and waits until the map has drawn its tiles. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
  await settle(page);
}

/**
 * Waits until the map has finished moving and drawing: lets any pending camera request (the app
 * defers those by a frame) start, then waits for MapLibre's `idle` (no camera movement, all
 * tiles loaded and placed). The repaint makes `idle` fire even if the map was idle already.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { map } = window.__gapmap!;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    await frame();
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  });
}

export async function camera(page: Page): Promise<{ zoom: number; lng: number; lat: number }> {
  return page.evaluate(() => {
    const { map } = window.__gapmap!;
    const { lng, lat } = map.getCenter();
    return { zoom: map.getZoom(), lng, lat };
  });
}

/** The map as the user sees it, decoded. `clip` is relative to the map's own box. */
async function mapPixels(page: Page, clip?: { x: number; y: number; width: number; height: number }): Promise<RgbaImage> {
  const box = await page.locator('#map').boundingBox();
  if (!box) throw new Error('#map is not on screen');
  const area = clip ? { x: box.x + clip.x, y: box.y + clip.y, width: clip.width, height: clip.height } : box;
  return decodePng(await page.screenshot({ clip: area, animations: 'disabled', caret: 'hide' }));
}

/**
 * The part of the map right of the legend, where fitted areas are drawn (the app keeps them clear
 * of it). `left` is where the image starts, in map pixels.
 */
export async function mapBesideLegend(page: Page): Promise<{ image: RgbaImage; left: number }> {
  const map = await page.locator('#map').boundingBox();
  const legend = await page.locator('section.legend').boundingBox();
  if (!map || !legend) throw new Error('map or legend missing');
  const left = Math.ceil(legend.x + legend.width - map.x) + 2;
  const image = await mapPixels(page, { x: left, y: 0, width: Math.floor(map.width - left), height: Math.floor(map.height) });
  return { image, left };
}

/** The ten legend swatch colours, decile 1 first, read from the legend as drawn. */
export async function legendSwatchColours(page: Page): Promise<Rgb[]> {
  const colours = await page.locator('section.legend .swatch').evaluateAll((swatches) => swatches.map((swatch) => getComputedStyle(swatch).backgroundColor));
  return colours.map(parseCssColour);
}

export function legend(page: Page): Locator {
  return page.getByRole('region', { name: /decile/ });
}

/** "12,345" → 12345. */
export function readCount(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/**
 * One browser session shared by a spec's tests, in order, as one user's (SwiftShader draws slowly,
 * so the map loads once, not once per test). Registers the hooks that open and close it and pin
 * each console error on the test that caused it. `page` is set once the session has opened.
 */
/** Where the end-to-end tests save screenshots of the real app, to look at. */
export const SHOTS = '/tmp/shots';

export function sharedSession(): { readonly page: Page; readonly errors: readonly string[] } {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  let checked = 0;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async ({ browser }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    context = await browser.newContext();
    watchConsole(context, errors);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context?.close();
  });
  test.afterEach(() => {
    const fresh = errors.slice(checked);
    checked = errors.length;
    expect(fresh, 'console errors and uncaught exceptions during this step').toEqual([]);
  });
  return {
    get page() {
      if (!page) throw new Error('The session opens in beforeAll; use its page inside tests.');
      return page;
    },
    errors,
  };
}
