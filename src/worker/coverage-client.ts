// The page's side of the coverage worker: starts it and offers its calls (coverage-api.ts) as the
// CoverageClient the store expects, through one generic wrapper, so a call added in the worker
// needs nothing here. Every call's arguments cross as they are, except callbacks (progress), which
// cross as comlink proxies, and ArrayBuffers given (a file's bytes), which move to the worker
// (transferred, not copied). CALL_FAILURES says which calls swallow a failure.
//
// A worker that stops is replaced. A call reading a user's file (FILE_CALLS) is watched: while one
// waits, the worker is pinged now and then, and one that leaves a ping unanswered for the budget
// (a reader stuck on a shape too complex to check) is stopped. A crash (the worker's 'error') stops
// it too. Either way the calls waiting fail with a CalculatorStopped saying what stopped (naming
// the file), a fresh worker is started with the same data, and the page is told (`onRestart`) so it
// can ask again for what the old worker held (the run shown). A worker that never answered `init`
// could not start at all and is not restarted; nor, after CRASH_RESTARTS, one that keeps crashing
// during other calls (the page asking again for what crashed it would loop).

import { proxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import {
  CALL_FAILURES,
  CALL_WORDS,
  CalculatorStopped,
  callStoppedMessage,
  FILE_CALLS,
  FILE_READ_BUDGET_MS,
  fileStoppedMessage,
  type CoverageClient,
  type WorkerRestart,
} from '../contract';
import type { DataManifest } from '../data/schema';
import type { CoverageApi } from './coverage-api';
import type { CoverageWorkerApi } from './coverage.worker';

/** What the client needs of a worker (the unit tests give a stand-in). */
type WorkerLike = Endpoint & { terminate(): void };

export interface CoverageClientOptions {
  /** Starts a coverage worker; the real one by default. */
  startWorker?: () => WorkerLike;
  /** How long a file's reader may leave the worker unanswering (FILE_READ_BUDGET_MS; shorter in tests). */
  fileReadBudgetMs?: number;
  /** Told each time a stopped worker was replaced by a fresh one. */
  onRestart?: (restart: WorkerRestart) => void;
}

/** Restarts after crashes during calls other than a file's read. */
const CRASH_RESTARTS = 2;

type CallName = keyof CoverageApi;
type Cause = { kind: 'stuck' } | { kind: 'crashed'; detail: string };

interface Waiting {
  name: CallName;
  /** The file it reads (FILE_CALLS), else null. */
  file: string | null;
  fail: (error: Error) => void;
}

interface Calculator {
  worker: WorkerLike;
  remote: Remote<CoverageWorkerApi>;
  waiting: Set<Waiting>;
  /** It answered `init`: it did start. */
  started: boolean;
  /** Set once stopped; the calls made after fail with it when no fresh worker replaced it. */
  stopped: Error | null;
  /** When the ping still unanswered was sent (null: none). */
  pingSentAt: number | null;
  watch: ReturnType<typeof setInterval> | null;
}

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
const fileNames: Partial<Record<string, (...args: never[]) => string>> = FILE_CALLS;

/** The name of the file a call reads, from its arguments (null: it reads none). */
function fileOf(name: string, args: unknown[]): string | null {
  const nameOf = fileNames[name];
  return nameOf ? (nameOf as (...args: unknown[]) => string)(...args) : null;
}

const startRealWorker = (): WorkerLike => new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module', name: 'gapmap-coverage' });

export function createCoverageClient(dataBase: URL, manifest: DataManifest, options: CoverageClientOptions = {}): CoverageClient {
  const startWorker = options.startWorker ?? startRealWorker;
  const budgetMs = options.fileReadBudgetMs ?? FILE_READ_BUDGET_MS;
  let crashRestarts = 0;

  const start = (): Calculator => {
    const worker = startWorker();
    const calculator: Calculator = {
      worker,
      remote: wrap<CoverageWorkerApi>(worker),
      waiting: new Set(),
      started: false,
      stopped: null,
      pingSentAt: null,
      watch: null,
    };
    // Comlink never answers calls to a worker that failed to load or crashed; fail them instead.
    worker.addEventListener('error', (event) => {
      stop(calculator, { kind: 'crashed', detail: (event as ErrorEvent).message || 'the coverage worker could not start' });
    });
    calculator.remote.init({ base: dataBase.href, manifest }).then(
      () => {
        calculator.started = true;
      },
      () => undefined,
    );
    return calculator;
  };

  /** Pings the worker while a file is read; one ping unanswered for the budget means the reader is stuck. */
  const watch = (calculator: Calculator) => {
    if (calculator.watch !== null) return;
    calculator.pingSentAt = null;
    calculator.watch = setInterval(
      () => {
        if (![...calculator.waiting].some((call) => call.file !== null)) {
          clearInterval(calculator.watch ?? undefined);
          calculator.watch = null;
          return;
        }
        const now = Date.now();
        if (calculator.pingSentAt !== null) {
          if (now - calculator.pingSentAt >= budgetMs) stop(calculator, { kind: 'stuck' });
          return;
        }
        calculator.pingSentAt = now;
        calculator.remote.ping().then(
          () => {
            if (calculator.pingSentAt === now) calculator.pingSentAt = null;
          },
          () => undefined,
        );
      },
      Math.max(1, budgetMs / 4),
    );
  };

  const stop = (calculator: Calculator, cause: Cause) => {
    if (calculator.stopped) return;
    if (calculator.watch !== null) clearInterval(calculator.watch);
    calculator.worker.terminate();
    const waiting = [...calculator.waiting];
    calculator.waiting.clear();
    // The file read first is blamed: a stuck reader holds up the calls sent after it.
    const culprit = waiting.find((call) => call.file !== null) ?? null;
    const detail = cause.kind === 'crashed' ? cause.detail : `stuck reading ${culprit?.file}`;
    const restart = calculator.started && (culprit !== null || crashRestarts < CRASH_RESTARTS);
    if (restart && culprit === null) crashRestarts += 1;
    calculator.stopped = calculator.started
      ? new CalculatorStopped(
          `GapMap’s calculator stopped several times (${detail}), so it was not restarted again. Reload the page; if it happens again, note what you opened and report it.`,
        )
      : new Error(detail);
    for (const call of waiting) {
      if (!calculator.started) call.fail(new Error(detail));
      else if (call === culprit && culprit.file !== null)
        call.fail(new CalculatorStopped(fileStoppedMessage(culprit.file, cause.kind === 'stuck' ? { kind: 'stuck', budgetMs } : cause)));
      else {
        const what = call.file !== null ? `reading ${call.file}` : CALL_WORDS[call.name as keyof typeof CALL_WORDS];
        call.fail(new CalculatorStopped(callStoppedMessage(what, culprit?.file ? { file: culprit.file } : { detail }, restart)));
      }
    }
    if (!restart) return;
    current = start();
    options.onRestart?.({ file: culprit?.file ?? null, during: waiting.map((call) => call.name) });
  };

  let current = start();

  const send = (name: CallName, args: unknown[]): Promise<unknown> => {
    const calculator = current;
    if (calculator.stopped) return Promise.reject(calculator.stopped);
    const file = fileOf(name, args);
    const call = calculator.remote[name as keyof CoverageWorkerApi] as unknown as (...args: unknown[]) => Promise<unknown>;
    return new Promise((resolve, reject) => {
      const entry: Waiting = { name, file, fail: reject };
      calculator.waiting.add(entry);
      call(...args.map(forWorker)).then(
        (value) => {
          if (calculator.waiting.delete(entry)) resolve(value);
        },
        (error: unknown) => {
          if (calculator.waiting.delete(entry)) reject(error);
        },
      );
      if (file !== null) watch(calculator);
    });
  };

  const calls = new Map<string, (...args: unknown[]) => unknown>();
  const callOf = (name: CallName) => {
    return (...args: unknown[]) => {
      const answer = send(name, args);
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
        call = callOf(name as CallName);
        calls.set(name, call);
      }
      return call;
    },
  });
}
