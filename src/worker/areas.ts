// The worker's calls on target areas: a file of areas read for the user to check, an area's report
// (who lives there, how deprived it is, what reaches it), its LSOAs under a rule (for a lasso, or
// to draw them), and its polygons to export.

import { lsoasOfArea } from '../core/area-lsoas';
import { areaStats } from '../core/area-stats';
import type { CoverageRule } from '../core/coverage-rule';
import { gapsIn } from '../core/gaps';
import { lsoaPolygons } from '../core/lsoa-polygons';
import type { LonLat } from '../core/scheme';
import { areaWideSummary } from '../core/summary';
import type { AreaDefinition } from '../core/target-area';
import { AREA_SCHEMES_LISTED, type AreaOutcome, type AreaRequest, type AreaScheme, type AreasRead } from '../contract';
import { decilesOf, type Engine, type Prepared } from './engine';
import { handOver } from './transfer';

function lsoasOf(definition: AreaDefinition, rule: CoverageRule, prepared: Prepared): { lsoas: number[]; notes: string[] } {
  // Chosen LSOAs are the area itself (the rule does not apply); shapes' LSOAs follow the rule.
  const shapes =
    definition.kind === 'lsoas'
      ? [{ id: 'LSOAs chosen', footprint: { type: 'areas' as const, areas: definition.codes.map((code) => ({ kind: 'lsoa21' as const, code })) } }]
      : definition.polygons.map((polygon, k) => ({ id: `Shape ${k + 1}`, footprint: { type: 'polygon' as const, polygons: [polygon], bufferM: 0 } }));
  const found = lsoasOfArea(prepared.data.geometry, shapes, rule, prepared.areas);
  return { lsoas: found.lsoas, notes: found.problems.map((problem) => `${problem.id}: ${problem.reason}`) };
}

export function areaCalls(engine: Engine) {
  return {
    /**
     * Reads a file of target areas (GeoJSON, zipped shapefile, KML/KMZ) for the preview. Here, not
     * on the page: checking and repairing a shape with many crossings can take seconds, and a
     * shape too complex to read stops only the worker, which the page then replaces.
     */
    async readAreasFile(bytes: ArrayBuffer, name: string): Promise<AreasRead> {
      // The shapefile and KML readers load only when someone imports areas.
      const { readAreasFile } = await import('../data/area-file');
      return readAreasFile(new Uint8Array(bytes), name);
    },

    /**
     * Who lives in a target area, how deprived it is and what reaches it. Runs in one go (an area
     * of ~500 LSOAs takes a few tens of ms, see `npm run bench`); a newer request made meanwhile
     * wins, so an older answer is not sent after it.
     */
    async areaReport(request: AreaRequest): Promise<AreaOutcome> {
      const ticket = engine.requests.begin('area', request.id);
      const ready = await engine.prepare();
      if (!ready.ok) return { kind: 'failed', message: ready.message };
      if (ticket.superseded()) return { kind: 'cancelled' };
      const started = engine.now();
      const { data } = ready.prepared;
      const deciles = decilesOf(ready.prepared, request.indicator);
      if (!deciles) return { kind: 'failed', message: `The built data has no '${request.indicator}' deciles; choose another indicator.` };
      const found = lsoasOf(request.definition, request.rule, ready.prepared);
      const entry = request.runKey === null ? undefined : engine.runs.get(request.runKey);
      const counted = entry && request.includeProposed && entry.run.withProposed ? entry.run.withProposed : entry?.run;
      const stats = areaStats(
        found.lsoas,
        data.attributes.population,
        deciles,
        entry && counted ? { lsoaStart: entry.run.lsoaStart, lsoaSchemes: entry.run.lsoaSchemes, allocatedGbp: counted.allocatedGbp } : undefined,
      );
      // Proposed schemes reach the area only in the what-if; area-wide ones left apart never do.
      if (entry) stats.schemesReaching = stats.schemesReaching.filter((s) => !entry.figures.apart[s] && (request.includeProposed || !entry.proposed[s]));
      const schemes: AreaScheme[] = entry
        ? stats.schemesReaching
            .map((index) => ({ index, scheme: entry.schemes[index]! }))
            .sort((a, b) => (b.scheme.amountGbp ?? -1) - (a.scheme.amountGbp ?? -1) || a.scheme.name.localeCompare(b.scheme.name))
            .slice(0, AREA_SCHEMES_LISTED)
            .map(({ index, scheme }) => ({
              index,
              name: scheme.name,
              kind: scheme.kind,
              funder: scheme.funder ?? null,
              amountGbp: scheme.amountGbp ?? null,
              proposed: entry.proposed[index] === true,
            }))
        : [];
      const gaps = counted ? Uint32Array.from(gapsIn(found.lsoas, deciles, request.gapDecile, request.gaps, counted.count).cut.lsoas) : null;
      const lsoas = Uint32Array.from(found.lsoas);
      const areaWide = entry ? areaWideSummary(entry.figures.areaWide, found.lsoas, data.attributes.population.length) : null;
      const report = { lsoas, stats, schemes, gaps, notes: found.notes, areaWide, millis: engine.now() - started };
      return handOver({ kind: 'done', report }, [lsoas.buffer, ...(gaps ? [gaps.buffer] : [])] as ArrayBuffer[]);
    },

    /** The area's LSOAs under a rule (for a lasso, or to draw them), ascending; null when the data cannot be read. */
    async areaLsoas(definition: AreaDefinition, rule: CoverageRule): Promise<Uint32Array | null> {
      const ready = await engine.prepare();
      if (!ready.ok) return null;
      const lsoas = Uint32Array.from(lsoasOf(definition, rule, ready.prepared).lsoas);
      return handOver(lsoas, [lsoas.buffer as ArrayBuffer]);
    },

    /** Polygons to export for an area: its shapes, or its LSOAs' outlines. */
    async areaPolygons(definition: AreaDefinition): Promise<LonLat[][][] | null> {
      if (definition.kind === 'shapes') return definition.polygons;
      const ready = await engine.prepare();
      return ready.ok ? lsoaPolygons(ready.prepared.data.geometry, lsoasOf(definition, { kind: 'centroid' }, ready.prepared).lsoas) : null;
    },
  };
}
