// The worker's calls on a run's schemes as the map shows them: vector tiles cut from them, and one
// scheme found by its index in the run (the tiles' feature id − 1) for its popup.

import type { SchemeFound } from '../contract';
import { datasetIndexOf, type Engine } from './engine';
import { SchemeTiles } from './scheme-tiles';
import { handOver } from './transfer';

export function tileCalls(engine: Engine) {
  return {
    /** Vector tile z/x/y of the run's schemes (scheme-tiles.ts; null: empty, or the run is no longer held). */
    schemeTile(key: string, z: number, x: number, y: number, colours: string[]): ArrayBuffer | null {
      const entry = engine.runs.get(key);
      if (!entry) return null;
      entry.tiles ??= new SchemeTiles(entry.schemes, (index) => datasetIndexOf(entry.parts, index));
      const tile = entry.tiles.tile(z, x, y, colours);
      return tile && handOver(tile, [tile]);
    },

    /** Scheme `index` of the run with this key (null when the worker no longer holds the run). */
    schemeAt(key: string, index: number): SchemeFound | null {
      const entry = engine.runs.get(key);
      const scheme = entry?.schemes[index];
      if (!entry || !scheme) return null;
      return { scheme, datasetHash: entry.parts[datasetIndexOf(entry.parts, index)]!.hash };
    },
  };
}
