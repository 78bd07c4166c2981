// The schemes of every dataset, held in the coverage worker by hash (Dataset.hash) and kept in
// storage (IndexedDB in the app, see openSchemeStorage), so the page never copies them: it sends
// the hashes of the datasets shown and gets back counts, map features and single schemes.
// Sets are immutable: an edit makes a new set under a new hash (the old one stays for undo until
// the page says it is no longer needed).

import type { Scheme } from '../core/scheme';
import { hashSchemes } from '../core/scheme-hash';
import type { SchemeStorage } from '../data/workspace-stores';

/** Storage that keeps nothing (tests, or a browser without IndexedDB). */
export const NO_STORAGE: SchemeStorage = {
  get: () => Promise.resolve(undefined),
  put: () => Promise.resolve(),
  retain: () => Promise.resolve(),
};

export class SchemeStore {
  private readonly memory = new Map<string, readonly Scheme[]>();
  private readonly storage: SchemeStorage;

  constructor(storage: SchemeStorage = NO_STORAGE) {
    this.storage = storage;
  }

  /** The set under `hash`, from memory or storage; undefined when neither has it. */
  async get(hash: string): Promise<readonly Scheme[] | undefined> {
    const held = this.memory.get(hash);
    if (held) return held;
    const stored = await this.storage.get(hash);
    if (stored) this.memory.set(hash, stored);
    return stored;
  }

  /**
   * Holds a new set and stores it. The set is usable at once even when storing fails; the
   * failure is returned (as a reason the user can act on) rather than thrown.
   */
  async add(schemes: readonly Scheme[], hash = hashSchemes(schemes)): Promise<{ hash: string; saveError: string | null }> {
    this.memory.set(hash, schemes);
    try {
      await this.storage.put(hash, schemes);
      return { hash, saveError: null };
    } catch (error) {
      return { hash, saveError: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Forgets (in memory, and in storage when `fromStorage`) every set not in `keep`. */
  async retain(keep: readonly string[], fromStorage: boolean): Promise<void> {
    const kept = new Set(keep);
    for (const hash of [...this.memory.keys()]) if (!kept.has(hash)) this.memory.delete(hash);
    if (fromStorage) await this.storage.retain(kept);
  }
}
