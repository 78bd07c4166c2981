// The one "latest request wins" helper: a newer request on a line aborts the older, whose answer is
// dropped; the worker is told to stop the older where it can; lines share one rising id sequence.

import { describe, expect, it, vi } from 'vitest';
import { createRequests } from '../../src/state/requests';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('cancellable requests', () => {
  it('drops the answer of an older request, even when it arrives after the newer one', async () => {
    const line = createRequests().line();
    const answers: string[] = [];
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = line.start();
    first.settle(
      older.promise,
      (value) => answers.push(value),
      () => answers.push('error'),
    );
    const second = line.start();
    second.settle(
      newer.promise,
      (value) => answers.push(value),
      () => answers.push('error'),
    );
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    newer.resolve('newer');
    await flush();
    older.resolve('older');
    await flush();
    expect(answers).toEqual(['newer']);
    expect(line.busy).toBe(false);
  });

  it('is no longer active once it has answered, so late progress is dropped', async () => {
    const line = createRequests().line();
    const request = line.start();
    expect(request.active).toBe(true);
    request.settle(
      Promise.resolve('done'),
      () => undefined,
      () => undefined,
    );
    await flush();
    expect(request.active).toBe(false);
    expect(request.signal.aborted).toBe(false);
  });

  it('tells the worker to stop an aborted request that was still going, and only that one', async () => {
    const cancel = vi.fn();
    const line = createRequests().line(cancel);
    const done = line.start();
    done.settle(
      Promise.resolve('done'),
      () => undefined,
      () => undefined,
    );
    await flush();
    expect(line.busy).toBe(false);
    // The first has answered: starting another stops nothing.
    const going = line.start();
    expect(cancel).not.toHaveBeenCalled();
    expect(line.busy).toBe(true);
    line.start();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(cancel).toHaveBeenCalledWith(going.id);
    expect(line.abort()).toBe(true);
    expect(cancel).toHaveBeenCalledTimes(2);
    expect(line.abort()).toBe(false);
  });

  it('drops a failure of an aborted request too, and passes on a current one', async () => {
    const line = createRequests().line();
    const errors: unknown[] = [];
    const aborted = line.start();
    aborted.settle(
      Promise.reject(new Error('old')),
      () => undefined,
      (error) => errors.push(error),
    );
    line.abort();
    const current = line.start();
    current.settle(
      Promise.reject(new Error('new')),
      () => undefined,
      (error) => errors.push(error),
    );
    await flush();
    expect(errors.map((error) => (error as Error).message)).toEqual(['new']);
  });

  it('gives ids from one rising sequence across lines (the worker drops older runs and reports by id)', () => {
    const requests = createRequests();
    const runs = requests.line();
    const reports = requests.line();
    const ids = [runs.start().id, reports.start().id, requests.nextId(), runs.start().id];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
  });
});
