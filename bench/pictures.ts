// Map pictures (`npm run bench -- --only pictures`): the time to make a PNG of the map at 1920×1080
// (slide) and at A4 landscape 300 dpi (3508×2480), through the app's own Picture dialog, in headless
// Chromium with software WebGL as the e2e tests run it. The baseline, in the same page and run, is
// one synchronous redraw of the live map (`map.redraw()` until a pixel can be read back, median
// of 5), so the ratio says how many
// redraws a picture costs. Timed from the click on "Make picture" to the "Download PNG" button:
// drawing the map off screen, waiting for its tiles, laying out and encoding the PNG.

import type { BrowserHelpers } from './import';

/** Trafford in scope, Manchester and Salford beside it, as in tests/e2e/pictures.spec.ts. */
const VIEW = '#map=11/53.46/-2.27&scope=lad:E08000009';
const PORT = Number(process.env.GAPMAP_BENCH_PICTURES_PORT ?? 4176);
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function benchPictures({ buildApp, servePreview, launchChromium }: BrowserHelpers): Promise<Record<string, unknown>> {
  buildApp();
  const stop = await servePreview(PORT);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`http://127.0.0.1:${PORT}/${VIEW}`);
    await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const { map } = window.__gapmap!;
          map.once('idle', () => resolve());
          map.triggerRepaint();
        }),
    );
    const redrawMs = await page.evaluate(() => {
      const { map } = window.__gapmap!;
      // The map's own context (asking again returns it); reading a pixel waits until the frame is drawn.
      const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
      const pixel = new Uint8Array(4);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        map.redraw();
        gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[2]!;
    });
    await page.getByRole('button', { name: 'Picture', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Picture of the map' });
    const timeOf = async (size: RegExp): Promise<{ ms: number[]; bytes: number }> => {
      await dialog.getByLabel(size).check();
      await dialog.getByLabel('Landscape').check();
      const ms: number[] = [];
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        await dialog.getByRole('button', { name: /Make (picture|again)/ }).click();
        await dialog.getByRole('button', { name: 'Download PNG' }).waitFor({ timeout: 300_000 });
        ms.push(performance.now() - start);
        const status = (await dialog.locator('.picture-result [role="status"]').textContent()) ?? '';
        bytes = Number(/([\d,]+) kB/.exec(status)?.[1]?.replace(/,/g, '') ?? 0) * 1024;
      }
      return { ms, bytes };
    };
    const slide = await timeOf(/Slide/);
    const a4 = await timeOf(/A4/);
    const figure = (t: { ms: number[]; bytes: number }) => ({
      ms: Math.round(median(t.ms)),
      runsMs: t.ms.map(Math.round),
      pngMB: Number((t.bytes / 1e6).toFixed(1)),
      ratioToRedraw: Math.round(median(t.ms) / Math.max(redrawMs, 0.1)),
    });
    return {
      view: VIEW,
      baselineRedrawMs: Number(redrawMs.toFixed(1)),
      slide1920x1080: { ...figure(slide), meetsTarget3s: median(slide.ms) < 3000 },
      a4Landscape300dpi: figure(a4),
    };
  } finally {
    await browser.close();
    stop();
  }
}
