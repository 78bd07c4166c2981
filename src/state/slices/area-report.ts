// The area report slice: the selected target area's figures from the coverage worker (who lives
// there, how deprived it is, what reaches it), asked for again whenever the area's definition, the
// rule, the run shown, the indicator, the gap decile or definition change (orchestration/
// reactions.ts); renaming or recolouring asks nothing. A newer request wins.

import { sameRule, type CoverageRule } from '../../core/coverage-rule';
import type { GapDefinition } from '../../core/gap-definition';
import type { TargetArea } from '../../core/target-area';
import { CalculatorStopped, type AreaReport, type WorkerRestart } from '../../contract';
import { areasPatcher, errorText, type SliceCreator } from './context';
import { currentRunKey, sameDefinition, selectedArea } from './area-helpers';

type AreaReportState =
  | { status: 'none' }
  | { status: 'computing'; areaId: string; startedAt: number }
  | { status: 'ready'; areaId: string; report: AreaReport; asked: ReportParams }
  | { status: 'failed'; areaId: string; message: string };

/** What a report was computed from (so a stale one is never shown as current). */
interface ReportParams {
  area: TargetArea;
  rule: CoverageRule;
  runKey: string | null;
  indicator: string;
  gapDecile: number;
  gaps: GapDefinition;
  includeProposed: boolean;
}

export interface AreaReportSliceState {
  report: AreaReportState;
}

export const INITIAL_AREA_REPORT: AreaReportSliceState = { report: { status: 'none' } };

export interface AreaReportSlice {
  /** Asks the worker for the selected area's report, if what it depends on changed. */
  refreshAreaReport: () => void;
  /** The worker was replaced: a report lost with it is asked for again, unless asking crashed it. */
  recoverAreaReport: (restart: WorkerRestart) => void;
}

function sameParams(a: ReportParams, b: ReportParams): boolean {
  return (
    sameDefinition(a.area, b.area) &&
    sameRule(a.rule, b.rule) &&
    a.runKey === b.runKey &&
    a.indicator === b.indicator &&
    a.gapDecile === b.gapDecile &&
    a.gaps === b.gaps &&
    a.includeProposed === b.includeProposed
  );
}

export const areaReportSlice: SliceCreator<AreaReportSlice> =
  ({ deps, requests }) =>
  (set, get) => {
    const patch = areasPatcher<Partial<AreaReportSliceState>>(set);
    // The worker drops a report older than the newest it was asked for; it has no cancel for them.
    const reports = requests.line();
    let asked: ReportParams | null = null;

    const refreshAreaReport = () => {
      const state = get();
      const area = selectedArea(state);
      const client = deps.coverage;
      if (!area) {
        asked = null;
        reports.abort();
        if (state.areas.report.status !== 'none') patch({ report: { status: 'none' } });
        return;
      }
      const params: ReportParams = {
        area,
        rule: state.coverage.rule,
        runKey: currentRunKey(state),
        indicator: state.indicator,
        gapDecile: state.coverage.gapDecile,
        gaps: state.coverage.gapDefinition,
        includeProposed: state.coverage.includeProposed,
      };
      if (asked && sameParams(asked, params)) return;
      asked = params;
      if (!client) {
        patch({ report: { status: 'failed', areaId: area.id, message: 'Figures need the coverage worker, which this browser could not start.' } });
        return;
      }
      const request = reports.start();
      patch({ report: { status: 'computing', areaId: area.id, startedAt: Date.now() } });
      const { rule } = state.coverage;
      const { runKey, gapDecile, gaps, includeProposed } = params;
      request.settle(
        client.areaReport({ id: request.id, definition: area.definition, rule, runKey, indicator: state.indicator, gapDecile, gaps, includeProposed }),
        (outcome) => {
          switch (outcome.kind) {
            case 'done':
              patch({ report: { status: 'ready', areaId: area.id, report: outcome.report, asked: params } });
              return;
            case 'cancelled':
              return;
            case 'failed':
              patch({ report: { status: 'failed', areaId: area.id, message: outcome.message } });
              return;
          }
        },
        (error) => {
          const message = error instanceof CalculatorStopped ? error.message : `The figures could not be worked out (${errorText(error)}).`;
          patch({ report: { status: 'failed', areaId: area.id, message } });
        },
      );
    };

    return {
      refreshAreaReport,
      recoverAreaReport: (restart) => {
        if (restart.file === null && restart.during.includes('areaReport')) return;
        const { status } = get().areas.report;
        if (status !== 'failed' && status !== 'computing') return;
        asked = null;
        refreshAreaReport();
      },
    };
  };
