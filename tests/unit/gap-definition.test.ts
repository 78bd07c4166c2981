// Which deprived LSOAs are gaps: unreached (none reaches them) or under-served (the fewest reach
// them, ties at the cut all in), on hand-made counts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gapCut, UNDERSERVED_SHARE } from '../../src/core/gap-definition';

describe('gap definitions', () => {
  // LSOA i is reached by count[i] schemes.
  const count = [0, 5, 3, 3, 9, 1, 3, 7, 2, 4];
  const all = count.map((_, i) => i);

  it('unreached: the deprived LSOAs no scheme reaches', () => {
    expect(gapCut('unreached', all, count)).toEqual({ lsoas: [0], reachCut: null, allEqual: false });
    expect(gapCut('unreached', [1, 2], count).lsoas).toEqual([]);
  });

  it('underserved: the least-reached fifth, cut at the count of the ⌈n/5⌉-th', () => {
    // Sorted counts 0 1 2 3 3 3 4 5 7 9: n = 10, the 2nd is 1, so LSOAs reached by 0 or 1.
    expect(gapCut('underserved', all, count)).toEqual({ lsoas: [0, 5], reachCut: 1, allEqual: false });
  });

  it('underserved: ties at the cut are all in', () => {
    // Of LSOAs 2, 3, 4, 6, 7 (counts 3 3 9 3 7): the 1st is 3, and three LSOAs have 3.
    expect(gapCut('underserved', [2, 3, 4, 6, 7], count)).toEqual({ lsoas: [2, 3, 6], reachCut: 3, allEqual: false });
  });

  it('underserved: no deprived LSOA gives no gaps and no cut', () => {
    expect(gapCut('underserved', [], count)).toEqual({ lsoas: [], reachCut: null, allEqual: false });
  });

  it('underserved: when every deprived LSOA is reached equally, all are listed and it says so', () => {
    expect(gapCut('underserved', [2, 3, 6], count)).toEqual({ lsoas: [2, 3, 6], reachCut: 3, allEqual: true });
    expect(gapCut('underserved', [5], count)).toEqual({ lsoas: [5], reachCut: 1, allEqual: true });
  });

  it('underserved, any counts: no gap is reached by more schemes than a deprived LSOA left out; at least the fifth is in', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 200 }), (counts) => {
        const lsoas = counts.map((_, i) => i);
        const cut = gapCut('underserved', lsoas, counts);
        const inList = new Set(cut.lsoas);
        const most = Math.max(...cut.lsoas.map((i) => counts[i]!));
        expect(most).toBe(cut.reachCut);
        for (const i of lsoas) if (!inList.has(i)) expect(counts[i]!).toBeGreaterThan(most);
        expect(cut.lsoas.length).toBeGreaterThanOrEqual(Math.ceil(UNDERSERVED_SHARE * counts.length));
      }),
    );
  });
});
