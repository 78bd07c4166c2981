// The worker's evidence pack call: the cached run's summary for the view, the distances of the
// gaps it lists measured first, and the PDF laid out by src/core/report (the CLI's `gapmap report`
// makes the same file). pdf-lib loads only when a pack is first asked for.

import { legendTitle } from '../core/legend';
import { nearestMeasurer } from '../core/nearest';
import { areaNameOfCode } from '../core/scope';
import { lsoasInScope } from '../core/scope-lsoas';
import type { EvidencePackOutcome, EvidencePackRequest } from '../contract';
import { decilesOf, type Engine } from './engine';
import { summaryOf } from './runs';
import { handOver } from './transfer';

export function reportCalls(engine: Engine) {
  return {
    /** The evidence pack (PDF bytes) of a cached run for a view. */
    async evidencePack(request: EvidencePackRequest): Promise<EvidencePackOutcome> {
      const entry = engine.runs.get(request.key);
      const prepared = engine.prepared();
      if (!entry || !prepared) return { kind: 'missing' };
      const first = summaryOf(entry, prepared, request.view);
      if (!first.ok) return { kind: 'failed', message: first.message };
      const { evidencePackPdf, PACK_GAP_ROWS, schemesByFunder } = await import('../core/report/evidence-pack');
      // The gaps the pack lists get their distances now (the panel measures them as it shows them).
      const todo = first.summary.gaps
        .slice(0, PACK_GAP_ROWS)
        .map((gap) => gap.index)
        .filter((lsoa) => !entry.nearest.has(lsoa));
      if (todo.length > 0) {
        entry.measurer ??= nearestMeasurer(prepared.data.geometry, entry.schemes, entry.figures.counted, prepared.areas);
        const km = entry.measurer.measure(todo);
        todo.forEach((lsoa, j) => entry.nearest.set(lsoa, km[j]!));
      }
      const summary = todo.length > 0 ? summaryOf(entry, prepared, request.view) : first;
      if (!summary.ok) return { kind: 'failed', message: summary.message };
      const { attributes, details, geometry } = prepared.data;
      const { run } = entry;
      const bytes = await evidencePackPdf({
        place: request.place,
        isEngland: request.isEngland,
        date: request.date,
        indicatorHeading: legendTitle(request.view.indicator).heading,
        populationSource: request.populationSource,
        dataBuiltAt: request.dataBuiltAt,
        rule: run.rule,
        summary: summary.summary,
        schemes: {
          read: run.schemesRead,
          used: run.schemesUsed,
          amountGbp: run.amountGbp,
          byKind: run.byKind,
          byPlacement: run.byPlacement,
          byFunder: schemesByFunder(entry.schemes, entry.figures.counted),
        },
        gapNames: (lsoa) => ({
          code: attributes.codes[lsoa] ?? '',
          name: details.names[lsoa] ?? '',
          ward: details.wards[details.ward[lsoa] ?? -1]?.name ?? '',
        }),
        areaName: (code) => areaNameOfCode(attributes, code),
        map: {
          geometry,
          lsoas: request.view.area ? request.view.area.lsoas : lsoasInScope(attributes, attributes.lad, request.view.scope),
          deciles: decilesOf(prepared, request.view.indicator) ?? new Uint8Array(attributes.codes.length),
        },
      });
      return handOver({ kind: 'done', bytes }, [bytes.buffer as ArrayBuffer]);
    },
  };
}
