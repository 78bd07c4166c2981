import type { DataProblem } from './problems';

/**
 * Every code on one side must be on the other. Returns a problem naming how many failed and the
 * first few codes, for each direction that does not match 100%.
 */
export function checkJoin(left: { file: string; codes: Iterable<string> }, right: { file: string; codes: Iterable<string> }, showFirst = 5): DataProblem[] {
  const leftSet = new Set(left.codes);
  const rightSet = new Set(right.codes);
  const problems: DataProblem[] = [];
  const reportUnmatched = (from: typeof left, fromSet: Set<string>, to: typeof right, toSet: Set<string>) => {
    const missing = [...fromSet].filter((code) => !toSet.has(code)).sort();
    if (missing.length === 0) return;
    const matched = fromSet.size - missing.length;
    problems.push({
      file: from.file,
      message:
        `${missing.length.toLocaleString('en-GB')} of ${fromSet.size.toLocaleString('en-GB')} codes have no match in ${to.file} ` +
        `(${((matched / fromSet.size) * 100).toFixed(1)}% matched; the join must match 100%). ` +
        `First unmatched: ${missing.slice(0, showFirst).join(', ')}.`,
    });
  };
  reportUnmatched(left, leftSet, right, rightSet);
  reportUnmatched(right, rightSet, left, leftSet);
  return problems;
}
