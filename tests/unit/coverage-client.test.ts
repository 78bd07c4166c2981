// The page's side of the coverage worker (src/worker/coverage-client.ts), over a stand-in worker
// that exposes a few calls through comlink on a MessageChannel: any call of the worker is offered
// by name, callbacks cross as proxies, the ArrayBuffers given move to the worker, and a crashed
// worker fails the calls waiting, except those CALL_FAILURES names (ignored, or null).

import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRequest } from '../../src/contract';
import type { DataManifest } from '../../src/data/schema';
import { createCoverageClient } from '../../src/worker/coverage-client';

/** What the stand-in worker was asked. */
const asked: { init: unknown[]; cancelled: number[]; bytes: number[] } = { init: [], cancelled: [], bytes: [] };

const standIn = {
  init(data: unknown) {
    asked.init.push(data);
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

let current: StandInWorker | null = null;

/** A worker whose other end is a comlink-exposed object on a MessageChannel. */
class StandInWorker extends EventTarget {
  private readonly port: MessagePort;

  constructor() {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    expose(standIn, port2);
    port1.start();
    current = this;
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.addEventListener(type, listener as EventListener);
    else super.addEventListener(type, listener);
  }

  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }

  close(): void {
    this.port.close();
  }
}

const manifest = { lsoaCount: 0 } as unknown as DataManifest;

describe('the coverage client', () => {
  beforeEach(() => {
    vi.stubGlobal('Worker', StandInWorker);
    asked.init = [];
    asked.cancelled = [];
    asked.bytes = [];
  });
  afterEach(() => {
    current?.close();
    vi.unstubAllGlobals();
  });

  it('tells the worker where the data is, and is not a promise itself', async () => {
    const client = createCoverageClient(new URL('http://gapmap.test/data/'), manifest);
    expect((client as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(client)).toBe(client);
    await vi.waitFor(() => expect(asked.init).toEqual([{ base: 'http://gapmap.test/data/', manifest }]));
  });

  it('passes progress callbacks and answers through', async () => {
    const client = createCoverageClient(new URL('http://gapmap.test/data/'), manifest);
    const progress: unknown[] = [];
    const outcome = await client.run({ id: 1 } as RunRequest, (p) => progress.push(p));
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(progress).toEqual([{ phase: 'coverage', done: 0.5 }]);
  });

  it('moves the bytes it is given to the worker, alone or in a request', async () => {
    const client = createCoverageClient(new URL('http://gapmap.test/data/'), manifest);
    const file = new ArrayBuffer(8);
    await client.openWorkspace(file, 'work.geojson');
    expect(file.byteLength).toBe(0); // Transferred: detached here.
    const request = { token: 1, name: 'grants.csv', bytes: new ArrayBuffer(5) };
    await client.previewImport(request, () => undefined);
    expect(request.bytes.byteLength).toBe(0);
    expect(asked.bytes).toEqual([8, 5]);
  });

  it('ignores the failures of fire-and-forget calls, gives no tile when tiling fails, and fails the rest', async () => {
    const client = createCoverageClient(new URL('http://gapmap.test/data/'), manifest);
    expect(client.cancel(7)).toBeUndefined();
    await vi.waitFor(() => expect(asked.cancelled).toEqual([7]));
    expect(client.retain([], false)).toBeUndefined(); // The stand-in has no retain: the failure goes nowhere.
    expect(await client.schemeTile('run', 10, 505, 331, [])).toBeNull();
    await expect(client.summarize({ id: 2, key: 'run', view: {} as never })).rejects.toThrow('the summary failed');
  });

  it('fails the calls waiting when the worker crashes, and those after', async () => {
    const client = createCoverageClient(new URL('http://gapmap.test/data/'), manifest);
    const waiting = client.areaReport({ id: 3 } as never);
    current!.crash('the worker ran out of memory');
    await expect(waiting).rejects.toThrow('the worker ran out of memory');
    await expect(client.summarize({ id: 4, key: 'run', view: {} as never })).rejects.toThrow('the worker ran out of memory');
    expect(await client.schemeTile('run', 10, 505, 331, [])).toBeNull();
    expect(client.discardImport(1)).toBeUndefined();
  });
});
