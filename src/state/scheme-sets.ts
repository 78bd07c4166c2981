// Which sets of schemes the worker keeps. Sets are immutable and content-addressed (an edit makes a
// new set under a new hash), so the page tells the worker which hashes it may still need: the
// datasets', and every one the undo history could bring back. A request that makes a new set holds
// any retain back until its dataset is in the store, or the new set would be dropped at once.

import type { CoverageClient } from '../contract';

export interface SchemeSets {
  /** Tells the worker the sets still needed (the rest are forgotten; removed from storage too when `fromStorage`). */
  retain(fromStorage: boolean): void;
  /** Runs a worker request that makes a new set; a retain asked for meanwhile waits until it settles. */
  making<T>(request: () => Promise<T>): Promise<T>;
  /** The saved workspace has been read: from now on sets may be dropped (before, the saved ones would be). */
  markRead(): void;
}

export function createSchemeSets(client: CoverageClient | undefined, readAtStart: boolean, neededHashes: () => string[]): SchemeSets {
  let read = readAtStart;
  /** Requests in flight that make a new set (its hash not yet in any dataset). */
  let creating = 0;
  /** A retain held back while a set was being made (true: from storage too). */
  let held: boolean | null = null;

  const retain = (fromStorage: boolean) => {
    if (!read) return;
    if (creating > 0) {
      // The new set's hash is not in a dataset yet: dropping "the rest" now would drop it.
      held = (held ?? false) || fromStorage;
      return;
    }
    client?.retain([...new Set(neededHashes())], fromStorage);
  };

  return {
    retain,
    markRead: () => {
      read = true;
    },
    making: async (request) => {
      creating++;
      try {
        return await request();
      } finally {
        creating--;
        if (creating === 0 && held !== null) {
          const fromStorage = held;
          held = null;
          // After the caller has added the dataset (it continues in this same turn of the event loop).
          queueMicrotask(() => retain(fromStorage));
        }
      }
    },
  };
}
