// Pictures of the map, as an officer makes them for a slide or a print: the Picture button, a
// size, the title; the PNG downloaded is exactly that size, with its title, key and scale bar drawn
// and the deciles' colours in its map. A chart's SVG holds its caption; printing hides the
// controls and shows the map as a picture. One session in one small window (software WebGL).

import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { pictureLayout } from '../../src/map/picture-compose';
import { DECILE_COLOURS } from '../../src/theme';
import { expect, openApp, sharedSession, SHOTS, test } from './fixtures';
import { countColours, decodePng, parseCssColour, type RgbaImage } from './png';

const session = sharedSession();
let page: Page;
test.beforeAll(() => {
  page = session.page;
});

/** Trafford in scope, Manchester and Salford beside it: every decile is on screen. */
const MANCHESTER = '#map=11/53.46/-2.27&scope=lad:E08000009';

/** Pixels in the box darker than mid grey: text and lines drawn there. */
function inkPixels(image: RgbaImage, box: { x: number; y: number; width: number; height: number }): number {
  let dark = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(image.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(image.width, box.x + box.width); x++) {
      const i = (y * image.width + x) * 4;
      if ((image.data[i] ?? 255) + (image.data[i + 1] ?? 255) + (image.data[i + 2] ?? 255) < 3 * 100) dark++;
    }
  }
  return dark;
}

function crop(image: RgbaImage, box: { x: number; y: number; width: number; height: number }): RgbaImage {
  const width = Math.floor(box.width);
  const height = Math.floor(box.height);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((Math.floor(box.y) + y) * image.width + Math.floor(box.x)) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

async function makePicture(size: RegExp, orientation: 'Landscape' | 'Portrait'): Promise<RgbaImage> {
  const dialog = page.getByRole('dialog', { name: 'Picture of the map' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Picture', exact: true }).click();
  await dialog.getByLabel(size).check();
  await dialog.getByLabel(orientation).check();
  await dialog.getByRole('button', { name: /Make (picture|again)/ }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Download PNG' }).click({ timeout: 120_000 });
  const saved = await download;
  const file = await saved.path();
  fs.copyFileSync(file, `${SHOTS}/${saved.suggestedFilename()}`);
  return decodePng(fs.readFileSync(file));
}

function expectDrawn(image: RgbaImage, width: number, height: number): void {
  expect([image.width, image.height]).toEqual([width, height]);
  const layout = pictureLayout(width, height);
  const { unit, title, map } = layout;
  expect(inkPixels(image, title), 'title').toBeGreaterThan(50);
  // The key over the map's top left (its heading and counts), the scale bar at its bottom right.
  expect(inkPixels(image, { x: map.x + 2 * unit, y: map.y + 2 * unit, width: 20 * unit, height: 30 * unit }), 'key').toBeGreaterThan(50);
  expect(
    inkPixels(image, { x: map.x + map.width - 30 * unit, y: map.y + map.height - 10 * unit, width: 28 * unit, height: 8 * unit }),
    'scale bar',
  ).toBeGreaterThan(50);
  // The map beside the key: at least 8 of the deciles' colours, each over a real area.
  const beside = crop(image, { x: map.x + 45 * unit, y: map.y, width: map.width - 45 * unit, height: map.height - 12 * unit });
  const counts = countColours(beside, DECILE_COLOURS.map(parseCssColour), 4);
  expect(counts.filter((n) => n > 200).length, `decile colours in the map: ${counts.join(', ')}`).toBeGreaterThanOrEqual(8);
}

test('a slide-sized picture of the map: exact size, title, key, scale bar and the deciles', async () => {
  await openApp(page, MANCHESTER);
  await page.getByRole('button', { name: 'Picture', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Picture of the map' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Index of Multiple Deprivation 2025 — Trafford');
  const image = await makePicture(/Slide/, 'Landscape');
  await page.screenshot({ path: `${SHOTS}/pictures-dialog.png` });
  expectDrawn(image, 1920, 1080);
});

test('an A4 landscape picture at 300 dpi', async () => {
  test.setTimeout(240_000);
  const image = await makePicture(/A4/, 'Landscape');
  expectDrawn(image, 3508, 2480);
  await page.getByRole('dialog', { name: 'Picture of the map' }).getByRole('button', { name: 'Close' }).click();
});

const ROUTES = '/work/shared/data/transport/trafford_bus_routes_tfgm_2023.geojson';
const coveragePanel = () => page.getByRole('region', { name: 'Coverage' });

test('a chart downloads as SVG with its caption, and as a 3× PNG', async () => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'Coverage' }).click();
  await coveragePanel().getByLabel('Add schemes from files').setInputFiles(ROUTES);
  const importDialog = page.getByRole('dialog');
  await expect(importDialog.getByRole('button', { name: 'Import 407 schemes' })).toBeEnabled({ timeout: 60_000 });
  await importDialog.getByRole('button', { name: 'Import 407 schemes' }).click();
  await expect.poll(() => page.evaluate(() => window.__gapmap!.store.getState().coverage.status.kind), { timeout: 90_000 }).toBe('ready');
  const chart = coveragePanel().locator('figure.coverage-chart').first();
  const caption = (await chart.locator('figcaption').innerText()).trim();
  const title = (await chart.locator('.coverage-chart-title').innerText()).trim();
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/pictures-chart-buttons.png` });

  const svgDownload = page.waitForEvent('download');
  await chart.getByRole('button', { name: `Download as SVG: ${title}` }).click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toMatch(/^share-of-people-and-of-lsoas-reached.*\.svg$/);
  const svg = fs.readFileSync(await svgFile.path(), 'utf8');
  fs.writeFileSync(`${SHOTS}/${svgFile.suggestedFilename()}`, svg);
  // Valid SVG (the browser's XML parser reads it without error), its caption in <text> words.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      words: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  const words = (text: string) => text.replace(/\s+/g, ' ').trim();
  expect(words(parsed.words)).toContain(words(caption.slice(title.length)));

  const pngDownload = page.waitForEvent('download');
  await chart.getByRole('button', { name: `Download as PNG: ${title}` }).click();
  const png = decodePng(fs.readFileSync(await (await pngDownload).path()));
  expect(png.width).toBe(960);
  expect(png.height).toBeGreaterThan(3 * 210);
});

test('printing hides the controls and shows the map as a picture', async () => {
  await page.emulateMedia({ media: 'print' });
  try {
    await expect(page.getByRole('combobox', { name: 'Scope' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Settings' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Picture', exact: true })).toBeHidden();
    await expect(page.locator('.maplibregl-ctrl-zoom-in')).toBeHidden();
    const picture = page.getByRole('img', { name: 'The map as shown on screen' });
    await expect(picture).toBeVisible();
    // The map beside the coverage panel, drawn (not a blank canvas): the deciles' colours show.
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
    await page.screenshot({ path: `${SHOTS}/pictures-print.png`, fullPage: true });
    const shot = decodePng(await picture.screenshot({ path: `${SHOTS}/pictures-print-map.png` }));
    const counts = countColours(shot, DECILE_COLOURS.map(parseCssColour), 4);
    expect(counts.filter((n) => n > 50).length, `decile colours in the printed map: ${counts.join(', ')}`).toBeGreaterThanOrEqual(6);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});
