// Store-level actions on a target area that span subjects: zooming the map to it, its coverage
// dashboard (the area's LSOAs summarised in place of the scope, the coverage tab open), exporting
// it with its figures (its report, the LSOA names from the details), and making a scheme of it
// (the scheme form opens with the area as its footprint).

import { formatRule } from '../../core/coverage-rule';
import type { AreaLsoaRow } from '../../data/area-export';
import { decodeDeciles, type DetailsFile } from '../../data/schema';
import type { AreaReport } from '../../contract';
import { areaFootprint, currentRunKey, polygonsBounds, sameDefinition, selectedArea } from '../slices/area-helpers';
import type { SliceCreator } from '../slices/context';
import { summaryArea } from '../slices/summary-view';
import type { AppState } from '../store';

/** A file to save: what the panel hands to the browser's download. */
type AreaDownload = { ok: true; fileName: string; text: string; type: string } | { ok: false; message: string };

export interface AreaActions {
  zoomToArea: (id: string) => Promise<void>;
  /** Shows the coverage dashboard for this area (its LSOAs as the scope), once its figures are in. */
  showAreaDashboard: (id: string) => Promise<void>;
  /** The area as GeoJSON with its figures, or its LSOAs as CSV. */
  exportArea: (id: string, format: 'geojson' | 'csv') => Promise<AreaDownload>;
  /** Opens the scheme form for a scheme whose footprint is this area ("this fund targets this area"). */
  areaToScheme: (id: string) => void;
}

/** How long an export waits for the area's figures before saying so. */
const REPORT_WAIT_MS = 30_000;

export const areaActions: SliceCreator<AreaActions> =
  ({ deps }) =>
  (_set, get, api) => {
    /** Resolves with the first state `pick` accepts (now, or after a change), or null after `ms`. */
    const waitFor = <T>(pick: (state: AppState) => T | null, ms: number): Promise<T | null> =>
      new Promise((resolve) => {
        const now = pick(get());
        if (now !== null) return resolve(now);
        const timer = setTimeout(() => {
          unsubscribe();
          resolve(null);
        }, ms);
        const unsubscribe = api.subscribe((state) => {
          const picked = pick(state);
          if (picked === null) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(picked);
        });
      });

    /** The area (selected first) and its report for what is shown now (asked for if need be). */
    const currentReport = async (id: string): Promise<{ ok: true; report: AreaReport } | { ok: false; message: string }> => {
      get().selectArea(id);
      get().refreshAreaReport();
      const settled = await waitFor((state) => {
        const report = state.areas.report;
        const area = selectedArea(state);
        if (report.status === 'ready' && report.areaId === id && area && sameDefinition(area, report.asked.area)) return report;
        if (report.status === 'failed' && report.areaId === id) return report;
        return null;
      }, REPORT_WAIT_MS);
      if (!settled) return { ok: false, message: 'The area’s figures are taking too long; try again in a moment.' };
      return settled.status === 'ready' ? { ok: true, report: settled.report } : { ok: false, message: settled.message };
    };

    const whenDetails = async (): Promise<DetailsFile | null> => {
      get().loadDetails();
      // A failed load is final (it is not retried), so it settles the wait at once.
      const settled = await waitFor((state) => (state.details.status === 'ready' || state.details.status === 'failed' ? state.details : null), REPORT_WAIT_MS);
      return settled?.status === 'ready' ? settled.details : null;
    };

    const zoomToArea = async (id: string) => {
      const area = get().areas.list.find((a) => a.id === id);
      if (!area) return;
      const polygons = area.definition.kind === 'shapes' ? area.definition.polygons : await deps.coverage?.areaPolygons(area.definition);
      const bounds = polygons ? polygonsBounds(polygons) : null;
      if (bounds) get().moveCamera({ kind: 'bounds', bounds, maxZoom: 14 }, true);
    };

    return {
      zoomToArea,

      showAreaDashboard: async (id) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area) return;
        const report = await currentReport(id);
        if (!report.ok) return get().setAreaMessage({ tone: 'error', text: report.message });
        get().setAreaScope(summaryArea(area.id, area.name, report.report.lsoas));
        get().openCoverage();
        await zoomToArea(id);
      },

      exportArea: async (id, format) => {
        const area = get().areas.list.find((a) => a.id === id);
        const client = deps.coverage;
        if (!area) return { ok: false, message: 'That area was deleted.' };
        if (!client) return { ok: false, message: 'Exporting needs the coverage worker, which this browser could not start.' };
        const report = await currentReport(id);
        if (!report.ok) return report;
        const state = get();
        const { attributes } = state;
        const { stats, lsoas } = report.report;
        const gaps = new Set(report.report.gaps ?? []);
        const fileStem =
          area.name
            .replace(/[^\w\- ]+/g, '')
            .trim()
            .replace(/\s+/g, '-') || 'area';
        const exportModule = await import('../../data/area-export');
        if (format === 'geojson') {
          const polygons = await client.areaPolygons(area.definition);
          if (!polygons) return { ok: false, message: 'The LSOA boundaries could not be read, so the area cannot be exported. Reload the page and try again.' };
          const figures = {
            rule: area.definition.kind === 'lsoas' ? 'chosen LSOAs' : formatRule(state.coverage.rule),
            indicator: state.indicator,
            gapDecile: state.coverage.gapDecile,
            lsoas: stats.lsoas,
            people: stats.people,
            peopleByDecile: stats.peopleByDecile,
            shareMostDeprived10: stats.shareMostDeprived10,
            shareMostDeprived20: stats.shareMostDeprived20,
            schemesReaching: stats.schemesReaching.length,
            allocatedGbp: stats.allocatedGbp,
            gapLsoas: gaps.size,
            lsoaCodes: [...lsoas].map((lsoa) => attributes.codes[lsoa]!),
          };
          const text = JSON.stringify(exportModule.areaGeoJson(area, polygons, figures, new Date().toISOString()));
          return { ok: true, fileName: `${fileStem}.geojson`, text, type: 'application/geo+json' };
        }
        const details = await whenDetails();
        if (!details) return { ok: false, message: 'The LSOA names could not be loaded, so the list cannot be made. Reload the page and try again.' };
        const column = attributes.deciles[state.indicator];
        const deciles = column === undefined ? null : decodeDeciles(column);
        const run = state.coverage.result && currentRunKey(state) === state.coverage.result.run.key ? state.coverage.result.run : null;
        const counted = run && state.coverage.includeProposed && run.withProposed ? run.withProposed : run;
        const rows: AreaLsoaRow[] = [...lsoas].map((lsoa) => ({
          code: attributes.codes[lsoa]!,
          name: details.names[lsoa] ?? null,
          ward: details.wards[details.ward[lsoa] ?? -1]?.name ?? null,
          district: attributes.lads[attributes.lad[lsoa] ?? -1]?.name ?? null,
          people: attributes.population[lsoa] ?? 0,
          decile: deciles?.[lsoa] ?? 0,
          schemes: counted?.count[lsoa] ?? 0,
          allocatedGbp: counted?.allocatedGbp[lsoa] ?? 0,
          gap: gaps.has(lsoa),
        }));
        return { ok: true, fileName: `${fileStem}-lsoas.csv`, text: exportModule.areaLsoasCsv(rows), type: 'text/csv' };
      },

      areaToScheme: (id) => {
        const area = get().areas.list.find((a) => a.id === id);
        if (!area) return;
        get().startSchemeForm({ id: `area-${id}-${Date.now().toString(36)}`, name: area.name, kind: 'grant', footprint: areaFootprint(area.definition) });
      },
    };
  };
