// Rows and schemes that could not be used, per dataset, with a CSV of all of them.

import { formatCount } from '../core/legend';
import { formatImportProblem } from '../data/import/import-problem';
import { downloadProblems } from './download';
import { useAppState } from './use-store';

/** Problems listed per dataset (at most this many each; all are in the CSV download). */
const PROBLEMS_SHOWN = 100;

export function CoverageProblems() {
  const datasets = useAppState((state) => state.coverage.datasets);
  const result = useAppState((state) => state.coverage.result);
  const schemesHash = useAppState((state) => state.coverage.schemesHash);
  const runProblems = result && result.run.schemesHash === schemesHash ? result.run.problems : [];
  const shown = datasets.filter((d) => d.visible && d.problems.length > 0);
  const count = shown.reduce((total, d) => total + d.problems.length, 0) + runProblems.length;
  if (count === 0) return null;
  return (
    <section class="coverage-section" aria-labelledby="problems-heading">
      <h3 id="problems-heading">Problems ({formatCount(count)})</h3>
      <p class="hint">Rows and schemes that could not be used are left out; the rest are counted. Notes say what was done about a fixable one.</p>
      {shown.map((dataset) => (
        <div key={dataset.id}>
          <h4 class="problems-dataset">
            {dataset.name}{' '}
            <button type="button" class="link-button" onClick={() => downloadProblems(dataset.name, dataset.problems)}>
              Download all {formatCount(dataset.problems.length)} (CSV)
            </button>
          </h4>
          <ul class="problem-list">
            {dataset.problems.slice(0, PROBLEMS_SHOWN).map((problem, i) => (
              <li key={i} class={problem.severity === 'error' ? 'problem-error' : 'problem-note'}>
                <strong>{problem.severity === 'error' ? 'Skipped' : 'Note'}:</strong> {formatImportProblem(problem)}
              </li>
            ))}
            {dataset.problems.length > PROBLEMS_SHOWN && <li>… and {formatCount(dataset.problems.length - PROBLEMS_SHOWN)} more in the download.</li>}
          </ul>
        </div>
      ))}
      {runProblems.length > 0 && (
        <ul class="problem-list">
          {runProblems.map((problem, i) => (
            <li key={`c${i}`} class="problem-error">
              <strong>Not used:</strong> scheme ‘{problem.id}’: {problem.reason}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
