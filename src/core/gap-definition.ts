// Which deprived LSOAs are "gaps". Two definitions, chosen by the user and named wherever a gap
// figure is shown:
// - unreached: LSOAs in deciles 1..D that no counted scheme reaches;
// - underserved: LSOAs in deciles 1..D reached by the fewest schemes in the scope. Order the
//   deprived LSOAs by how many schemes reach them; the cut is the count of the LSOA at the
//   UNDERSERVED_SHARE point (the ⌈share × n⌉-th, at least the first); every deprived LSOA reached
//   by no more than the cut is under-served, so ties at the cut are all in and no under-served
//   LSOA is reached by more schemes than a deprived LSOA left out. When every deprived LSOA is
//   reached equally, all are listed and `allEqual` says so: reach does not tell them apart.

export const GAP_DEFINITIONS = ['unreached', 'underserved'] as const;
export type GapDefinition = (typeof GAP_DEFINITIONS)[number];
export const DEFAULT_GAP_DEFINITION: GapDefinition = 'unreached';

/** The least-reached share of the deprived LSOAs that sets the under-served cut. */
export const UNDERSERVED_SHARE = 0.2;

export function isGapDefinition(value: string): value is GapDefinition {
  return (GAP_DEFINITIONS as readonly string[]).includes(value);
}

export interface GapCut {
  /** The gap LSOAs, in the order given. */
  lsoas: number[];
  /** Underserved: the most schemes reaching a gap LSOA; null when unreached or there is no deprived LSOA. */
  reachCut: number | null;
  /** Underserved: every deprived LSOA is reached by the same number of schemes. */
  allEqual: boolean;
}

/** The gaps among `deprived` (LSOAs in deciles 1..D in the scope) by the definition. */
export function gapCut(definition: GapDefinition, deprived: readonly number[], count: ArrayLike<number>): GapCut {
  switch (definition) {
    case 'unreached':
      return { lsoas: deprived.filter((i) => count[i] === 0), reachCut: null, allEqual: false };
    case 'underserved': {
      if (deprived.length === 0) return { lsoas: [], reachCut: null, allEqual: false };
      const counts = deprived.map((i) => count[i]!).sort((a, b) => a - b);
      const reachCut = counts[Math.max(1, Math.ceil(UNDERSERVED_SHARE * counts.length)) - 1]!;
      return { lsoas: deprived.filter((i) => count[i]! <= reachCut), reachCut, allEqual: counts[0] === counts[counts.length - 1] };
    }
  }
}
