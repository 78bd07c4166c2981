// Results whose buffers move to the page rather than being copied (comlink's transfer list). A
// buffer handed over is detached here, so only buffers of the result's own (never a cached run's)
// may be named. Called in Node (the unit tests), the value comes back as it is.

import { transfer } from 'comlink';

const handed = new WeakMap<object, readonly ArrayBuffer[]>();

export function handOver<T extends object>(value: T, buffers: ArrayBuffer[]): T {
  handed.set(value, buffers);
  return transfer(value, buffers);
}

/** The buffers a result hands over (for the tests). */
export function handedOver(value: object): readonly ArrayBuffer[] {
  return handed.get(value) ?? [];
}
