// After the coverage worker was stopped and replaced (src/worker/coverage-client.ts: a file's reader
// stuck or crashed, or a crash during another call), what the old worker held is asked for again:
// the run shown (so the map's schemes and the figures come back without a reload) and the selected
// area's report. An import waiting for confirmation was held by the old worker only, so its preview
// closes with a note. The datasets' schemes come back from IndexedDB by hash on the next call.

import type { WorkerRestart } from '../../contract';
import type { SliceCreator } from '../slices/context';

export interface RestartActions {
  /** The coverage worker was replaced by a fresh one. */
  calculatorRestarted: (restart: WorkerRestart) => void;
}

export const restartActions: SliceCreator<RestartActions> = () => (_set, get) => ({
  calculatorRestarted: (restart) => {
    get().forgetLostImport();
    get().recoverRun(restart);
    get().recoverAreaReport(restart);
  },
});
