// `npm run bench`: measures, on this machine, the data step (seconds, peak memory) and a cold load
// of the built app in headless Chromium (time to the first decile-coloured frame, bytes over the
// wire for the England view). Each figure is also given as a ratio to a baseline measured in the
// same run, so runs on a noisy machine can be compared. Results go to bench/results/.
//
// Options: --skip-data (reuse public/data), --runs N (cold loads, default 3), --only data|load|coverage|import|pictures|report.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { chromium, type Browser } from 'playwright-core';
import { benchCoverage } from './coverage';
import { benchImport } from './import';
import { benchPictures } from './pictures';
import { benchReport } from './report';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');
const args = process.argv.slice(2);
const skipData = args.includes('--skip-data');
/** --only data|load|coverage|import|pictures|report runs one part. */
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const PORT = 4175;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** A fixed CPU workload (parse the IoD2025 CSV three times) to express data-step time as a ratio. */
function cpuBaselineSeconds(): number {
  const file = path.resolve(root, '..', 'shared', 'data', 'iod2025', 'iod2025_lsoa21_england.csv');
  const text = fs.readFileSync(file, 'utf8');
  const start = performance.now();
  for (let i = 0; i < 3; i++) Papa.parse(text, { skipEmptyLines: true });
  return (performance.now() - start) / 1000;
}

async function benchDataStep(): Promise<Record<string, unknown>> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-bench-data-'));
  const baseline = cpuBaselineSeconds();
  const start = performance.now();
  const result = spawnSync('npx', ['tsx', 'scripts/data-step/main.ts', '--out', path.join(out, 'data')], { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`data step failed:\n${result.stderr}`);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'data', 'report.json'), 'utf8')) as {
    peakRssMB: number;
    stages: { stage: string; seconds: number }[];
    outputs: Record<string, { bytes: number }>;
  };
  fs.rmSync(out, { recursive: true, force: true });
  return {
    seconds: Number(seconds.toFixed(1)),
    peakRssMB: report.peakRssMB,
    stages: Object.fromEntries(report.stages.map((s) => [s.stage, s.seconds])),
    outputBytes: Object.fromEntries(Object.entries(report.outputs).map(([k, v]) => [k, v.bytes])),
    cpuBaselineSeconds: Number(baseline.toFixed(3)),
    ratioToBaseline: Number((seconds / baseline).toFixed(1)),
  };
}

interface LoadSample {
  msToFirstColouredFrame: number;
  bytesAtFirstColouredFrame: number;
  bytesAfterIdle: number;
  requests: number;
}

/** One cold load in a fresh browser context (empty cache), counting bytes as received. */
async function coldLoad(browser: Browser, url: string, waitForColour: boolean): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The baseline is the same app with its data withheld: HTML, JS and CSS load, then it stops.
  if (!waitForColour) await context.route('**/data/**', (route) => route.abort());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests++;
  });
  const start = performance.now();
  await page.goto(url);
  let msToFirstColouredFrame = NaN;
  let bytesAtFirstColouredFrame = NaN;
  if (waitForColour) {
    await page.waitForFunction(() => performance.getEntriesByName('gapmap:first-coloured-frame').length > 0, null, {
      timeout: 60_000,
      polling: 50,
    });
    msToFirstColouredFrame = await page.evaluate(() => performance.getEntriesByName('gapmap:first-coloured-frame')[0]!.startTime);
    bytesAtFirstColouredFrame = bytes;
  } else {
    await page.waitForLoadState('load');
    msToFirstColouredFrame = performance.now() - start;
  }
  await page.waitForLoadState('networkidle');
  const sample = { msToFirstColouredFrame, bytesAtFirstColouredFrame, bytesAfterIdle: bytes, requests };
  await context.close();
  return sample;
}

/** Builds the app into dist (vite build). */
function buildApp(): void {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
}

/** Serves dist with vite preview on `port` once it answers; returns a function that stops it. */
async function servePreview(port: number): Promise<() => void> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return stop;
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on port ${port}`);
}

/** Headless Chromium as the e2e tests run it (WebGL in software). */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

async function benchColdLoad(): Promise<Record<string, unknown>> {
  buildApp();
  const stop = await servePreview(PORT);
  try {
    const browser = await launchChromium();
    // Baseline: the app without its data, in the same browser and run.
    const baselines: number[] = [];
    const samples: LoadSample[] = [];
    for (let i = 0; i < runs; i++) {
      baselines.push((await coldLoad(browser, `http://127.0.0.1:${PORT}/`, false)).msToFirstColouredFrame);
      samples.push(await coldLoad(browser, `http://127.0.0.1:${PORT}/`, true));
    }
    // Street level: a screenshot at z14 in Trafford to check sharpness by eye.
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/#map=14/53.4448/-2.3350`);
    await page.waitForFunction(() => performance.getEntriesByName('gapmap:first-coloured-frame').length > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(1500);
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, 'z14-trafford.png') });
    await browser.close();
    const first = median(samples.map((s) => s.msToFirstColouredFrame));
    const baseline = median(baselines);
    return {
      runs,
      viewport: '1280×800',
      msToFirstColouredFrame: Math.round(first),
      baselineMsBarePage: Math.round(baseline),
      ratioToBaseline: Number((first / baseline).toFixed(2)),
      kBAtFirstColouredFrame: Math.round(median(samples.map((s) => s.bytesAtFirstColouredFrame)) / 1024),
      kBAfterIdle: Math.round(median(samples.map((s) => s.bytesAfterIdle)) / 1024),
      requestsAfterIdle: median(samples.map((s) => s.requests)),
      z14Screenshot: path.relative(root, path.join(resultsDir, 'z14-trafford.png')),
    };
  } finally {
    stop();
  }
}

const results: Record<string, unknown> = { date: new Date().toISOString(), cpus: os.cpus().length };
if (!skipData && (!only || only === 'data')) {
  console.log('Data step…');
  results.dataStep = await benchDataStep();
  console.log(results.dataStep);
}
if (!only || only === 'load') {
  console.log('Cold load in headless Chromium…');
  results.coldLoad = await benchColdLoad();
  console.log(results.coldLoad);
}
if (!only || only === 'coverage') {
  console.log('Coverage analysis on all LSOAs…');
  results.coverage = await benchCoverage(path.join(root, 'public', 'data'), path.resolve(root, '..', 'shared', 'data'));
}
if (!only || only === 'import') {
  console.log('Importing a 100k-row CSV (Node, then the app in headless Chromium)…');
  results.import = await benchImport(path.join(root, 'public', 'data'), { buildApp, servePreview, launchChromium });
}
if (!only || only === 'pictures') {
  console.log('Map pictures (PNG at 1920×1080 and A4 300 dpi) against one redraw of the map…');
  results.pictures = await benchPictures({ buildApp, servePreview, launchChromium });
  console.log(results.pictures);
}
if (!only || only === 'report') {
  console.log('Evidence pack (PDF) beside a summary…');
  results.report = await benchReport(path.join(root, 'public', 'data'), path.resolve(root, '..', 'shared', 'data'));
}
fs.mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, only ? `latest-${only}.json` : 'latest.json');
fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
console.log(`\nWritten to ${path.relative(process.cwd(), resultsFile)}`);
