// The worker's distance call: km from gap LSOAs to the nearest counted scheme of a run, measured on
// request for the gaps shown, a few LSOAs at a time (a slice grows or shrinks to take about
// sliceMs), and remembered per run; a summary gives NaN for gaps not measured yet.

import { nextSliceSize } from '../core/coverage-pipeline';
import { nearestMeasurer } from '../core/nearest';
import type { NearestOutcome, NearestProgress, NearestRequest } from '../contract';
import type { Engine } from './engine';

/** The distances known for these LSOAs, as LSOA, km pairs. */
function measuredOf(lsoas: readonly number[], nearest: ReadonlyMap<number, number>): Float64Array {
  const known = lsoas.filter((lsoa) => nearest.has(lsoa));
  const out = new Float64Array(known.length * 2);
  known.forEach((lsoa, j) => {
    out[j * 2] = lsoa;
    out[j * 2 + 1] = nearest.get(lsoa)!;
  });
  return out;
}

export function nearestCalls(engine: Engine) {
  return {
    /**
     * Measures the LSOAs' distances to the run's nearest counted scheme, in the order given;
     * progress carries each slice measured. A newer measurement cancels an older one.
     */
    async measureNearest(request: NearestRequest, onProgress: (progress: NearestProgress) => void): Promise<NearestOutcome> {
      const ticket = engine.requests.begin('measure', request.id);
      const entry = engine.runs.get(request.key);
      const prepared = engine.prepared();
      if (!entry || !prepared) return { kind: 'missing' };
      const todo = request.lsoas.filter((lsoa) => !entry.nearest.has(lsoa));
      const total = request.lsoas.length;
      let done = total - todo.length;
      let size = 1;
      try {
        for (let k = 0; k < todo.length; ) {
          if (ticket.isCancelled()) return { kind: 'cancelled', measured: measuredOf(request.lsoas, entry.nearest) };
          const part = todo.slice(k, k + size);
          const started = engine.now();
          entry.measurer ??= nearestMeasurer(prepared.data.geometry, entry.schemes, entry.figures.counted, prepared.areas);
          const km = entry.measurer.measure(part);
          const measured = new Float64Array(part.length * 2);
          part.forEach((lsoa, j) => {
            entry.nearest.set(lsoa, km[j]!);
            measured[j * 2] = lsoa;
            measured[j * 2 + 1] = km[j]!;
          });
          k += part.length;
          done += part.length;
          onProgress({ done, total, measured });
          size = nextSliceSize(size, engine.now() - started, engine.sliceMs);
          await engine.yieldToMessages();
        }
        return { kind: 'done', measured: measuredOf(request.lsoas, entry.nearest) };
      } finally {
        ticket.end();
      }
    },
  };
}
