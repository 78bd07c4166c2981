// How far spending leans towards deprived places: the population-weighted concentration index of
// £ per head, ranking LSOAs from most deprived. Defined and worked through in docs/coverage.md.
//
//   R_i = (people in LSOAs strictly more deprived than i + half the people at i's rank) / all people
//   C   = 2 · Σ_i (gbp_i / Σ gbp) · R_i − 1
//
// which equals the textbook 2·cov_w(h, R) / μ_w with h = £ per head and population weights. It runs
// from −1 (all money in the most deprived) to +1 (all in the least); 0 is spending in proportion to
// population, whatever the deprivation; negative means concentrated in deprived areas.

export interface RankedArea {
  /** 1 = most deprived. LSOAs sharing a rank share a fractional rank. */
  rank: number;
  people: number;
  gbp: number;
}

/** Null when there are no people or no money to compare. */
export function concentrationIndex(areas: readonly RankedArea[]): number | null {
  const totalPeople = areas.reduce((sum, a) => sum + a.people, 0);
  const totalGbp = areas.reduce((sum, a) => sum + a.gbp, 0);
  if (totalPeople <= 0 || totalGbp <= 0) return null;
  const ordered = [...areas].sort((a, b) => a.rank - b.rank);
  let weighted = 0;
  let peopleBefore = 0;
  for (let start = 0; start < ordered.length; ) {
    let end = start;
    let tiePeople = 0;
    let tieGbp = 0;
    while (end < ordered.length && ordered[end]!.rank === ordered[start]!.rank) {
      tiePeople += ordered[end]!.people;
      tieGbp += ordered[end]!.gbp;
      end++;
    }
    weighted += tieGbp * (peopleBefore + tiePeople / 2);
    peopleBefore += tiePeople;
    start = end;
  }
  // Divide once at the end, so whole-number inputs give exact fractions where they can.
  return (2 * weighted) / (totalGbp * totalPeople) - 1;
}
