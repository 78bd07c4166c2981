// The page's side of the coverage worker: starts it and offers its calls (coverage-api.ts) as the
// CoverageClient the store expects, through one generic wrapper, so a call added in the worker
// needs nothing here. Every call's arguments cross as they are, except callbacks (progress), which
// cross as comlink proxies, and ArrayBuffers given (a file's bytes), which move to the worker
// (transferred, not copied). A crashed worker fails the calls waiting; CALL_FAILURES says which
// calls swallow that instead.

import { proxy, transfer, wrap } from 'comlink';
import { CALL_FAILURES, type CoverageClient } from '../contract';
import type { DataManifest } from '../data/schema';
import type { CoverageWorkerApi } from './coverage.worker';

/** An argument as it goes to the worker: callbacks proxied, ArrayBuffers (alone or in a request object) transferred. */
function forWorker(arg: unknown): unknown {
  if (typeof arg === 'function') return proxy(arg);
  if (arg instanceof ArrayBuffer) return transfer(arg, [arg]);
  if (typeof arg === 'object' && arg !== null && Object.getPrototypeOf(arg) === Object.prototype) {
    const buffers = Object.values(arg).filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
    if (buffers.length > 0) return transfer(arg, buffers);
  }
  return arg;
}

const failures: Partial<Record<string, 'ignored' | 'null'>> = CALL_FAILURES;

export function createCoverageClient(dataBase: URL, manifest: DataManifest): CoverageClient {
  const worker = new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module', name: 'gapmap-coverage' });
  // Comlink never answers calls to a worker that failed to load or crashed; fail them instead.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      reject(new Error(event.message || 'the coverage worker could not start'));
    });
  });
  crashed.catch(() => undefined); // Reported through the calls that were waiting.
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, crashed]);

  const remote = wrap<CoverageWorkerApi>(worker);
  void guard(remote.init({ base: dataBase.href, manifest })).catch(() => undefined);

  const calls = new Map<string, (...args: unknown[]) => unknown>();
  const callOf = (name: string) => {
    const send = remote[name as keyof CoverageWorkerApi] as unknown as (...args: unknown[]) => Promise<unknown>;
    return (...args: unknown[]) => {
      const answer = guard(send(...args.map(forWorker)));
      switch (failures[name]) {
        case 'ignored':
          void answer.catch(() => undefined);
          return undefined;
        case 'null':
          return answer.catch(() => null);
        case undefined:
          return answer;
      }
    };
  };
  // The calls are looked up by name, as comlink's own proxy does; `then` is not one (the client is
  // not a promise).
  return new Proxy({} as CoverageClient, {
    get(_, name) {
      if (typeof name !== 'string' || name === 'then') return undefined;
      let call = calls.get(name);
      if (!call) {
        call = callOf(name);
        calls.set(name, call);
      }
      return call;
    },
  });
}
