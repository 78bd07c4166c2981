// Importing a 100k-row CSV of schemes. The rows are generated, the same every run (seeded), from
// the real LSOA representative points (coordinates, jittered a little) or from real postcodes, with
// amounts ("£1,234.50") and dates ("dd/mm/yyyy") as grant files have them.
//
// Node: importSchemesFile, as the worker runs it, in a child process of its own (bundled as the
// worker ships, bench/import-runner.ts): first run and median of 3, rows per second, peak memory.
// The baseline, in the same process, is PapaParse alone parsing the same text (header mode).
//
// Browser: the built app in headless Chromium, importing the coordinates CSV through the Coverage
// panel's file input: time to the import preview, time to the coverage result, and the main
// thread's long tasks (PerformanceObserver 'longtask'), during the import (file chosen → preview
// ready) and during the whole thing (→ coverage ready, → quiet). Baselines in the same page: 3 s
// of idle map, and the map redrawn three times with no schemes (WebGL runs in software here, so
// drawing alone makes long tasks). Long animation frames over 50 ms are listed with the scripts
// that ran in them, and the longest script is reported: the page's own blocking work.
// Targets (from the issue): 100k rows < 3 s, no main-thread task > 50 ms.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { decodeGeometry } from '../src/data/geometry-format';
import { bundleRunner } from './bundle-runner';
import type { PostcodeDirectory, PostcodeShard } from '../src/data/postcodes';

const ROWS = 100_000;
const PORT = 4176;
const LONG_TASK_MS = 50;
const IDLE_WINDOW_MS = 3000;
const QUIET_MS = 3000;
/** Postcode districts the postcode CSV draws from (a grant file names a few dozen, not all 2,000). */
const POSTCODE_DISTRICTS = 40;

/** Park–Miller (as bench/coverage-sets.ts): the same rows every run, so runs compare. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

interface Manifest {
  files: { geometry: string; postcodes?: string };
}

function readManifest(dataDir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The columns every row has after its location: an amount as people type them, and a start date. */
function amountAndDate(random: () => number): string {
  const pounds = Math.floor(500 + random() * random() * 250_000);
  const pence = Math.floor(random() * 100);
  const date = `${pad2(1 + Math.floor(random() * 28))}/${pad2(1 + Math.floor(random() * 12))}/${2018 + Math.floor(random() * 8)}`;
  return `"£${pounds.toLocaleString('en-GB')}.${pad2(pence)}",${date}`;
}

/** ROWS schemes at LSOA representative points, jittered by up to ~100 m. */
function coordinatesCsv(dataDir: string, seed = 20251): string {
  const decoded = decodeGeometry(fs.readFileSync(path.join(dataDir, readManifest(dataDir).files.geometry)));
  if (!decoded.ok) throw new Error(decoded.message);
  const { points, count } = decoded.geometry;
  const random = seededRandom(seed);
  const lines = ['name,latitude,longitude,amount,start'];
  for (let i = 0; i < ROWS; i++) {
    const lsoa = Math.floor(random() * count);
    const lon = points[lsoa * 2]! / 1e6 + (random() - 0.5) * 0.003;
    const lat = points[lsoa * 2 + 1]! / 1e6 + (random() - 0.5) * 0.0018;
    lines.push(`Scheme ${i + 1},${lat.toFixed(6)},${lon.toFixed(6)},${amountAndDate(random)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** ROWS schemes at real postcodes from POSTCODE_DISTRICTS districts spread over England. */
function postcodesCsv(dataDir: string, seed = 20252): { csv: string; districts: number } {
  const folder = readManifest(dataDir).files.postcodes;
  if (folder === undefined) throw new Error(`${dataDir} has no postcode index: build it with npm run data and the postcodes file.`);
  const directory = JSON.parse(fs.readFileSync(path.join(dataDir, folder, 'index.json'), 'utf8')) as PostcodeDirectory;
  const random = seededRandom(seed);
  const outwards = new Set<string>();
  while (outwards.size < Math.min(POSTCODE_DISTRICTS, directory.outwards.length)) {
    outwards.add(directory.outwards[Math.floor(random() * directory.outwards.length)]!);
  }
  const postcodes: string[] = [];
  for (const outward of outwards) {
    const shard = JSON.parse(fs.readFileSync(path.join(dataDir, folder, `${outward}.json`), 'utf8')) as PostcodeShard;
    for (const inward of shard.inward) postcodes.push(`${outward} ${inward}`);
  }
  const lines = ['name,postcode,amount,start'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`Scheme ${i + 1},${postcodes[Math.floor(random() * postcodes.length)]!},${amountAndDate(random)}`);
  }
  return { csv: `${lines.join('\n')}\n`, districts: outwards.size };
}

interface RunnerOutput {
  rows: number;
  schemes: number;
  errors: number;
  warnings: number;
  locatedBy: Record<string, number>;
  bytes: number;
  firstMs: number;
  ms: number;
  rssBeforeImportMB: number;
  peakRssAfterFirstMB: number;
  peakRssMB: number;
  papaParseMs: number;
  papaParseRows: number;
}

/** One CSV imported in a process of its own. */
function runNode(bundle: string, dataDir: string, csvFile: string): Record<string, unknown> {
  const child = spawnSync(process.execPath, [bundle, dataDir, csvFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`import runner failed:\n${child.stderr}`);
  const out = JSON.parse(child.stdout) as RunnerOutput;
  return {
    rows: out.rows,
    schemes: out.schemes,
    rowsSkipped: out.errors,
    warnings: out.warnings,
    locatedBy: out.locatedBy,
    csvMB: Number((out.bytes / 1e6).toFixed(1)),
    firstMs: out.firstMs,
    ms: out.ms,
    rowsPerSecond: Math.round(out.rows / (out.ms / 1000)),
    rssBeforeImportMB: out.rssBeforeImportMB,
    peakRssAfterFirstMB: out.peakRssAfterFirstMB,
    peakRssMB: out.peakRssMB,
    baselinePapaParseMs: out.papaParseMs,
    ratioToBaseline: Number((out.ms / Math.max(out.papaParseMs, 1)).toFixed(1)),
    meetsTarget3s: out.firstMs < 3000 && out.ms < 3000,
  };
}

export interface BrowserHelpers {
  buildApp: () => void;
  servePreview: (port: number) => Promise<() => void>;
  launchChromium: () => Promise<Browser>;
}

interface LongTask {
  start: number;
  duration: number;
}

interface LongFrame {
  start: number;
  duration: number;
  blockingDuration: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

/** What the page records for the bench (installed before the import). */
interface BenchProbe {
  longTasks: LongTask[];
  longFrames: LongFrame[];
  chosenAt?: number;
  /** The worker's first-use preparation (data, boundaries, LSOA index) ends and the file's reading starts. */
  preparedAt?: number;
  sawPreparing?: boolean;
  previewAt?: number;
  confirmAt?: number;
  readyAt?: number;
}

type ProbeWindow = Window & { __bench?: BenchProbe };

const round = (ms: number) => Math.round(ms);

function tasksIn(tasks: readonly LongTask[], from: number, to: number) {
  const inside = tasks.filter((t) => t.start < to && t.start + t.duration > from);
  return {
    longestTaskMs: round(Math.max(0, ...inside.map((t) => t.duration))),
    tasksOver50ms: inside.filter((t) => t.duration > LONG_TASK_MS).length,
    totalLongTaskMs: round(inside.reduce((sum, t) => sum + t.duration, 0)),
  };
}

/** `csvFile` is handed to the file input by path: given as a buffer, Playwright builds the File in the page (seconds of main-thread work that is not the app's). */
async function benchBrowser(csvFile: string, helpers: BrowserHelpers): Promise<Record<string, unknown>> {
  helpers.buildApp();
  const stop = await helpers.servePreview(PORT);
  try {
    const browser = await helpers.launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => window.__gapmap !== undefined, null, { timeout: 60_000 });
      await page.waitForFunction(() => performance.getEntriesByName('gapmap:first-coloured-frame').length > 0, null, { timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      await page.evaluate((limit) => {
        const probe: BenchProbe = { longTasks: [], longFrames: [] };
        (window as ProbeWindow).__bench = probe;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
        // Long animation frames name the scripts that ran in them (where a long task comes from).
        if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & {
              blockingDuration: number;
              scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; sourceCharPosition: number; duration: number }[];
            })[]) {
              if (e.duration <= limit) continue;
              probe.longFrames.push({
                start: e.startTime,
                duration: e.duration,
                blockingDuration: e.blockingDuration,
                scripts: e.scripts.map((s) => ({
                  invoker: s.invoker,
                  source: `${s.sourceFunctionName || '(anonymous)'} ${s.sourceURL.replace(location.origin, '')}:${s.sourceCharPosition}`,
                  duration: Math.round(s.duration),
                })),
              });
            }
          }).observe({ type: 'long-animation-frame', buffered: true });
        }
        const { store } = window.__gapmap!;
        // The moments the bench times, taken in the page: no polling or protocol round trip in them.
        document.addEventListener('change', () => (probe.chosenAt ??= performance.now()), true);
        document.addEventListener(
          'click',
          (event) => {
            const target = event.target as HTMLElement | null;
            if (target?.closest('dialog') && /^Import [\d,]+ schemes$/.test(target.textContent?.trim() ?? '')) probe.confirmAt ??= performance.now();
          },
          true,
        );
        new MutationObserver(() => {
          if (probe.previewAt !== undefined) return;
          const button = [...document.querySelectorAll<HTMLButtonElement>('dialog[open] button')].find((b) =>
            /^Import [\d,]+ schemes$/.test(b.textContent?.trim() ?? ''),
          );
          if (button && !button.disabled) probe.previewAt = performance.now();
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        store.subscribe((state) => {
          const importing = state.coverage.importing;
          if (importing.kind === 'reading' && importing.phase === 'preparing') probe.sawPreparing = true;
          if (probe.sawPreparing && importing.kind === 'reading' && importing.phase === 'reading') probe.preparedAt ??= performance.now();
          if (probe.confirmAt !== undefined && state.coverage.status.kind === 'ready') probe.readyAt ??= performance.now();
        });
      }, LONG_TASK_MS);

      await page.getByRole('button', { name: 'Coverage' }).click();
      await page.waitForTimeout(1000);
      // Baseline: the map sitting idle, with the panel open, in the same page.
      const idleFrom = await page.evaluate(() => performance.now());
      await page.waitForTimeout(IDLE_WINDOW_MS);
      const idleTo = await page.evaluate(() => performance.now());
      // Baseline: the map redrawn (panned a little, three times) with no schemes. WebGL runs in
      // software here, so drawing alone makes long tasks; they name no script of the page's.
      const redrawFrom = idleTo;
      for (let k = 0; k < 3; k++) {
        await page.evaluate(() => window.__gapmap!.map.panBy([60, 0], { duration: 0 }));
        await page.waitForTimeout(1000);
      }
      const redrawTo = await page.evaluate(() => performance.now());

      await page.getByLabel('Add schemes from files').setInputFiles(csvFile);
      const importButton = page.getByRole('dialog').getByRole('button', { name: /^Import [\d,]+ schemes$/ });
      await page.waitForFunction(() => (window as ProbeWindow).__bench!.previewAt !== undefined, null, { timeout: 180_000 });
      const buttonText = (await importButton.textContent())?.trim();
      await importButton.click();
      await page.waitForFunction(() => window.__gapmap!.store.getState().coverage.status.kind === 'ready', null, { timeout: 300_000, polling: 100 });
      await page.waitForFunction(() => (window as ProbeWindow).__bench!.readyAt !== undefined, null, { timeout: 10_000 });
      // What follows the result (drawing it, the gap list's distances) until the main thread has
      // been free of long tasks for QUIET_MS; long tasks are reported only after they end.
      const waitUntil = Date.now() + 120_000;
      for (;;) {
        await page.waitForTimeout(500);
        const quietFor = await page.evaluate(() => {
          const probe = (window as ProbeWindow).__bench!;
          const last = Math.max(probe.readyAt!, ...probe.longTasks.map((t) => t.start + t.duration));
          return performance.now() - last;
        });
        if (quietFor >= QUIET_MS || Date.now() > waitUntil) break;
      }
      const probe = await page.evaluate(() => (window as ProbeWindow).__bench!);
      const { chosenAt, previewAt, confirmAt, readyAt } = probe as Required<BenchProbe>;
      const quietAt = Math.max(readyAt, ...probe.longTasks.map((t) => t.start + t.duration));
      await context.close();

      const framesIn = (from: number, to: number) =>
        probe.longFrames
          .filter((f) => f.start < to && f.start + f.duration > from)
          .map((f) => ({
            atMs: round(f.start - chosenAt),
            ms: round(f.duration),
            blockingMs: round(f.blockingDuration),
            scripts: f.scripts
              .filter((s) => s.duration >= 5)
              .sort((a, b) => b.duration - a.duration)
              .slice(0, 4),
          }));
      const idle = tasksIn(probe.longTasks, idleFrom, idleTo);
      const redraw = tasksIn(probe.longTasks, redrawFrom, redrawTo);
      /** The longest script that ran in the window (long frames name them): the page's own blocking work, apart from drawing. */
      const longestScript = (from: number, to: number) => {
        const scripts = probe.longFrames.filter((f) => f.start < to && f.start + f.duration > from).flatMap((f) => f.scripts);
        const longest = scripts.reduce<(typeof scripts)[number] | null>((a, b) => (a && a.duration >= b.duration ? a : b), null);
        return longest ? { ms: longest.duration, invoker: longest.invoker, source: longest.source } : { ms: 0 };
      };
      const importing = tasksIn(probe.longTasks, chosenAt, previewAt);
      const whole = tasksIn(probe.longTasks, chosenAt, readyAt);
      return {
        viewport: '1000×700',
        button: buttonText,
        msToPreview: round(previewAt - chosenAt),
        // Of which: the worker's one-off preparation on first use (it also serves the coverage run).
        msPreparingWorker: probe.preparedAt === undefined ? 0 : round(probe.preparedAt - chosenAt),
        msReadingFile: round(previewAt - (probe.preparedAt ?? chosenAt)),
        msConfirmToCoverageReady: round(readyAt - confirmAt),
        msToCoverageReady: round(readyAt - chosenAt),
        baselineIdle3s: idle,
        baselineMapRedraw: redraw,
        untilPreview: importing,
        untilCoverageReady: whole,
        afterCoverageReady: { ...tasksIn(probe.longTasks, readyAt, quietAt), msUntilQuiet: round(quietAt - readyAt) },
        longestScript: {
          untilPreview: longestScript(chosenAt, previewAt),
          untilCoverageReady: longestScript(chosenAt, readyAt),
          untilQuiet: longestScript(chosenAt, quietAt),
        },
        noScriptOver50msUntilQuiet: longestScript(chosenAt, quietAt).ms <= LONG_TASK_MS,
        // Every long task from the idle window on, in ms from the file being chosen.
        longTasks: probe.longTasks.filter((t) => t.start + t.duration > idleFrom).map((t) => ({ atMs: round(t.start - chosenAt), ms: round(t.duration) })),
        msMarks: {
          idleFrom: round(idleFrom - chosenAt),
          preview: round(previewAt - chosenAt),
          confirm: round(confirmAt - chosenAt),
          ready: round(readyAt - chosenAt),
        },
        noTaskOver50msUntilPreview: importing.tasksOver50ms === 0,
        noTaskOver50msUntilCoverageReady: whole.tasksOver50ms === 0,
        longFrames: framesIn(idleFrom, quietAt),
      };
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
}

export async function benchImport(dataDir: string, helpers: BrowserHelpers): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-bench-import-csv-'));
  try {
    // The coordinates CSV is also the one the app imports, under the name it shows.
    const coordinatesFile = path.join(dir, 'bench.csv');
    fs.writeFileSync(coordinatesFile, coordinatesCsv(dataDir));
    const postcodes = postcodesCsv(dataDir);
    fs.writeFileSync(path.join(dir, 'postcodes.csv'), postcodes.csv);
    const bundle = await bundleRunner('import-runner');
    let node: Record<string, unknown>;
    try {
      node = {
        coordinates: runNode(bundle, dataDir, coordinatesFile),
        postcodes: { districts: postcodes.districts, ...runNode(bundle, dataDir, path.join(dir, 'postcodes.csv')) },
      };
    } finally {
      fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
    }
    console.dir(node, { depth: 4 });
    const browser = await benchBrowser(coordinatesFile, helpers);
    console.dir(browser, { depth: 4 });
    return { rows: ROWS, node, browser };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
