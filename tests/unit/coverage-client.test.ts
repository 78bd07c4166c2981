// The page's side of the coverage worker (src/worker/coverage-client.ts), over stand-in workers
// that expose a few calls through comlink on a MessageChannel: any call of the worker is offered
// by name, callbacks cross as proxies, the ArrayBuffers given move to the worker, and a worker that
// stops is replaced. A stand-in "stuck" on a file stops answering anything, pings included, as a
// worker caught in one long loop does; the file's call then fails naming the file after the
// (shortened) budget, and the next call goes to a fresh worker.

import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunRequest, WorkerRestart } from '../../src/contract';
import type { DataManifest } from '../../src/data/schema';
import { createCoverageClient, type CoverageClientOptions } from '../../src/worker/coverage-client';

/** What the stand-in workers were asked. */
const asked: { init: unknown[]; cancelled: number[]; bytes: number[] } = { init: [], cancelled: [], bytes: [] };

/** A file a stand-in gets stuck on: from then on it answers nothing. */
const KNOT = 'knot.geojson';

const standIn = {
  init(data: unknown) {
    asked.init.push(data);
  },
  ping() {
    return true;
  },
  async run(_request: RunRequest, onProgress: (progress: { phase: string; done: number }) => void) {
    await onProgress({ phase: 'coverage', done: 0.5 });
    return { kind: 'cancelled' };
  },
  cancel(id: number) {
    asked.cancelled.push(id);
  },
  openWorkspace(bytes: ArrayBuffer, name: string) {
    asked.bytes.push(bytes.byteLength);
    return { kind: 'failed', message: name };
  },
  previewImport(request: { bytes?: ArrayBuffer }) {
    asked.bytes.push(request.bytes?.byteLength ?? -1);
    return { kind: 'refused', message: 'not here' };
  },
  /** Answers after `millis`, waiting as a reader does for the network (the worker stays free to answer pings). */
  async readAreasFile(_bytes: ArrayBuffer, name: string) {
    const millis = Number(/^slow-(\d+)/.exec(name)?.[1] ?? 0);
    await new Promise((resolve) => setTimeout(resolve, millis));
    return { ok: true, areas: [], notes: [name] };
  },
  schemeTile() {
    throw new Error('no tiles here');
  },
  summarize() {
    throw new Error('the summary failed');
  },
  /** Never answers: waits for a crash. */
  areaReport() {
    return new Promise(() => undefined);
  },
};

/** The stand-ins started, oldest first. */
let started: StandInWorker[] = [];

/** A worker whose other end is a comlink-exposed object on a MessageChannel. */
class StandInWorker extends EventTarget {
  private readonly port: MessagePort;
  stuck = false;
  terminated = false;

  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    expose(standIn, port2);
    port1.start();
    started.push(this);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    const call = message as { path?: string[]; argumentList?: { value?: unknown }[] };
    if (call.path?.[0] === 'readAreasFile' && call.argumentList?.[1]?.value === KNOT) this.stuck = true;
    if (this.stuck || this.terminated) return;
    this.port.postMessage(message, transfer);
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.addEventListener(type, listener as EventListener);
    else super.addEventListener(type, listener);
  }

  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
}

const manifest = { lsoaCount: 0 } as unknown as DataManifest;
const dataBase = new URL('http://gapmap.test/data/');

/** A client over stand-ins, with the restarts it reported. */
function client(options: CoverageClientOptions = {}) {
  const restarts: WorkerRestart[] = [];
  const made = createCoverageClient(dataBase, manifest, { startWorker: () => new StandInWorker(), onRestart: (r) => restarts.push(r), ...options });
  return { client: made, restarts };
}

/** A client whose first stand-in has started (answered init). */
async function startedClient(options: CoverageClientOptions = {}) {
  const made = client(options);
  await vi.waitFor(() => expect(asked.init).toHaveLength(1));
  await new Promise((resolve) => setTimeout(resolve, 0)); // Its answer reaches the page.
  return made;
}

const areaBytes = () => new TextEncoder().encode('{}').buffer as ArrayBuffer;

describe('the coverage client', () => {
  afterEach(() => {
    for (const worker of started) worker.terminate();
    started = [];
    asked.init = [];
    asked.cancelled = [];
    asked.bytes = [];
  });

  it('tells the worker where the data is, and is not a promise itself', async () => {
    const { client: coverage } = client();
    expect((coverage as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(coverage)).toBe(coverage);
    await vi.waitFor(() => expect(asked.init).toEqual([{ base: 'http://gapmap.test/data/', manifest }]));
  });

  it('passes progress callbacks and answers through', async () => {
    const { client: coverage } = client();
    const progress: unknown[] = [];
    const outcome = await coverage.run({ id: 1 } as RunRequest, (p) => progress.push(p));
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(progress).toEqual([{ phase: 'coverage', done: 0.5 }]);
  });

  it('moves the bytes it is given to the worker, alone or in a request', async () => {
    const { client: coverage } = client();
    const file = new ArrayBuffer(8);
    await coverage.openWorkspace(file, 'work.geojson');
    expect(file.byteLength).toBe(0); // Transferred: detached here.
    const request = { token: 1, name: 'grants.csv', bytes: new ArrayBuffer(5) };
    await coverage.previewImport(request, () => undefined);
    expect(request.bytes.byteLength).toBe(0);
    expect(asked.bytes).toEqual([8, 5]);
  });

  it('ignores the failures of fire-and-forget calls, gives no tile when tiling fails, and fails the rest', async () => {
    const { client: coverage } = client();
    expect(coverage.cancel(7)).toBeUndefined();
    await vi.waitFor(() => expect(asked.cancelled).toEqual([7]));
    expect(coverage.retain([], false)).toBeUndefined(); // The stand-in has no retain: the failure goes nowhere.
    expect(await coverage.schemeTile('run', 10, 505, 331, [])).toBeNull();
    await expect(coverage.summarize({ id: 2, key: 'run', view: {} as never })).rejects.toThrow('the summary failed');
  });

  it('stops a worker stuck reading a file, says which file, and answers the next call from a fresh worker', async () => {
    const { client: coverage, restarts } = await startedClient({ fileReadBudgetMs: 40 });
    const report = coverage.areaReport({ id: 3 } as never);
    const knot = coverage.readAreasFile(areaBytes(), KNOT);
    // Sent after the stuck one: its own file is not blamed.
    const workspace = coverage.openWorkspace(new ArrayBuffer(2), 'work.geojson');
    await expect(knot).rejects.toThrow(
      'GapMap stopped reading knot.geojson: the reader was stuck on it for longer than 40 ms — the file may hold a shape too complex to read. Nothing was added; simplify it (e.g. mapshaper -simplify) or split it, and try again.',
    );
    // The other call waiting says what stopped, and why.
    await expect(report).rejects.toThrow(
      'Working out the area’s figures was stopped when GapMap restarted its calculator (it had stopped reading knot.geojson); try again.',
    );
    await expect(workspace).rejects.toThrow(
      'Reading work.geojson was stopped when GapMap restarted its calculator (it had stopped reading knot.geojson); try again.',
    );
    expect(started[0]!.terminated).toBe(true);
    expect(restarts).toEqual([{ file: KNOT, during: ['areaReport', 'readAreasFile', 'openWorkspace'] }]);
    // The fresh worker was told where the data is, and reads the next file.
    await vi.waitFor(() => expect(asked.init).toHaveLength(2));
    expect(await coverage.readAreasFile(areaBytes(), 'wards.geojson')).toEqual({ ok: true, areas: [], notes: ['wards.geojson'] });
    expect(started).toHaveLength(2);
  });

  it('leaves a reader that is slow but still answering to finish', async () => {
    const { client: coverage, restarts } = await startedClient({ fileReadBudgetMs: 300 });
    // Waiting (as for postcodes over the network) three budgets long: the worker answers pings meanwhile.
    expect(await coverage.readAreasFile(areaBytes(), 'slow-900.geojson')).toEqual({ ok: true, areas: [], notes: ['slow-900.geojson'] });
    expect(restarts).toEqual([]);
    expect(started).toHaveLength(1);
  });

  it('names the file whose reader crashed, and the call that was going when the worker crashed otherwise; a fresh worker answers after each', async () => {
    const { client: coverage, restarts } = await startedClient();
    const preview = coverage.previewImport({ token: 1, name: 'grants.xlsx' }, () => undefined);
    const report = coverage.areaReport({ id: 4 } as never);
    started[0]!.crash('out of memory');
    await expect(preview).rejects.toThrow(
      'GapMap stopped reading grants.xlsx: the reader crashed (out of memory) — the file may hold a shape too complex to read.',
    );
    await expect(report).rejects.toThrow(
      'Working out the area’s figures was stopped when GapMap restarted its calculator (it had stopped reading grants.xlsx)',
    );
    expect(restarts).toEqual([{ file: 'grants.xlsx', during: ['previewImport', 'areaReport'] }]);
    expect(await coverage.readAreasFile(areaBytes(), 'wards.geojson')).toMatchObject({ ok: true });

    await vi.waitFor(() => expect(asked.init).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const stuckReport = coverage.areaReport({ id: 5 } as never);
    started[1]!.crash('out of memory');
    await expect(stuckReport).rejects.toThrow(
      'GapMap’s calculator stopped during working out the area’s figures (out of memory); GapMap restarted it, so try again.',
    );
    expect(restarts.at(-1)).toEqual({ file: null, during: ['areaReport'] });
    expect(await coverage.run({ id: 6 } as RunRequest, () => undefined)).toEqual({ kind: 'cancelled' });
  });

  it('stops restarting a worker that keeps crashing during other calls: the calls then say to reload', async () => {
    const { client: coverage, restarts } = await startedClient();
    for (let k = 0; k < 3; k += 1) {
      await vi.waitFor(() => expect(asked.init).toHaveLength(k + 1));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const report = coverage.areaReport({ id: k } as never);
      started[k]!.crash('out of memory');
      await expect(report).rejects.toThrow(k < 2 ? /GapMap restarted it/ : /was not restarted again\. Reload the page/);
    }
    expect(restarts).toHaveLength(2);
    await expect(coverage.summarize({ id: 9, key: 'run', view: {} as never })).rejects.toThrow(/stopped several times .* Reload the page/);
    expect(await coverage.schemeTile('run', 10, 505, 331, [])).toBeNull();
    expect(coverage.discardImport(1)).toBeUndefined();
  });

  it('does not restart a worker that never started: its calls fail with why', async () => {
    const { client: coverage, restarts } = client();
    const waiting = coverage.areaReport({ id: 3 } as never);
    started[0]!.crash('the script could not be loaded');
    await expect(waiting).rejects.toThrow('the script could not be loaded');
    await expect(coverage.summarize({ id: 4, key: 'run', view: {} as never })).rejects.toThrow('the script could not be loaded');
    expect(restarts).toEqual([]);
    expect(started).toHaveLength(1);
  });
});
