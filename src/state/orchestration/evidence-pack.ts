// The evidence pack (PDF) of the run shown: for the view the coverage panel shows (the scope, or
// the target area in its place), or for a selected target area whose figures are in. The worker
// lays it out (src/worker/reports.ts); the page names the file and hands it to the download.

import { scopeName } from '../../core/scope';
import { currentRunKey } from '../slices/area-helpers';
import type { SliceCreator } from '../slices/context';
import { coverageView, summaryArea } from '../slices/summary-view';

/** The PDF to save, or what to do instead. */
type EvidencePackFile = { ok: true; fileName: string; bytes: Uint8Array } | { ok: false; message: string };

export interface EvidencePackActions {
  /** The pack for the panel's view, or for this target area. */
  makeEvidencePack: (areaId?: string) => Promise<EvidencePackFile>;
}

/** Today as yyyy-mm-dd on the user's clock (the date on the title page and in the file name). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "Trafford" → "trafford"; "St Helens & Knowsley" → "st-helens-knowsley". */
function fileSlug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[^\w\s-]+/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-') || 'area'
  );
}

export const evidencePackActions: SliceCreator<EvidencePackActions> =
  ({ deps }) =>
  (_set, get) => ({
    makeEvidencePack: async (areaId) => {
      const client = deps.coverage;
      if (!client) return { ok: false, message: 'The evidence pack needs the coverage worker, which this browser could not start.' };
      const state = get();
      const key = currentRunKey(state);
      if (key === null) return { ok: false, message: 'Show a dataset of schemes and let coverage run; the pack is made from its figures.' };
      let view = state.coverage.summary?.view ?? coverageView(state);
      if (areaId !== undefined) {
        const area = state.areas.list.find((a) => a.id === areaId);
        const report = state.areas.report;
        if (!area) return { ok: false, message: 'That area was deleted.' };
        if (report.status !== 'ready' || report.areaId !== areaId)
          return { ok: false, message: 'The area’s figures are still being worked out; try again in a moment.' };
        view = { ...coverageView(state), area: summaryArea(area.id, area.name, report.report.lsoas) };
      }
      const place = view.area ? view.area.name : scopeName(state.attributes, view.scope);
      const date = today();
      const outcome = await client.evidencePack({
        key,
        view,
        place,
        isEngland: !view.area && view.scope.kind === 'england',
        date,
        populationSource: state.manifest.populationSource,
        dataBuiltAt: state.manifest.builtAt,
      });
      switch (outcome.kind) {
        case 'done':
          return { ok: true, fileName: `gapmap-evidence-${fileSlug(place)}-${date}.pdf`, bytes: outcome.bytes };
        case 'missing':
          return { ok: false, message: 'The calculator no longer holds this run; wait for coverage to finish running again, then make the pack.' };
        case 'failed':
          return { ok: false, message: outcome.message };
      }
    },
  });
