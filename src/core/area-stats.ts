// Who lives in a target area and what reaches it: LSOAs, people, people per decile, the shares in
// the most deprived 10% and 20% of England, and (with a coverage run) the schemes reaching any of
// its LSOAs and the money allocated inside it. Plain arrays in, plain figures out: the worker
// recomputes it on each edit of an area.

export interface AreaStats {
  lsoas: number;
  people: number;
  /** People per decile of the indicator, decile 1 first. */
  peopleByDecile: number[];
  /** Shares of the area's people in the most deprived 10% and 20% of England (null: nobody lives there). */
  shareMostDeprived10: number | null;
  shareMostDeprived20: number | null;
  /** Schemes reaching at least one of its LSOAs (indices into the run's schemes, ascending). */
  schemesReaching: number[];
  /** £ allocated to its LSOAs (each scheme's amount shared by population among the LSOAs it reaches). */
  allocatedGbp: number;
}

export interface AreaRun {
  lsoaStart: ArrayLike<number>;
  lsoaSchemes: ArrayLike<number>;
  allocatedGbp: ArrayLike<number>;
}

export function areaStats(lsoas: readonly number[], population: ArrayLike<number>, deciles: ArrayLike<number>, run?: AreaRun): AreaStats {
  const peopleByDecile = new Array<number>(10).fill(0);
  const reaching = new Set<number>();
  let people = 0;
  let allocatedGbp = 0;
  for (const lsoa of lsoas) {
    const residents = population[lsoa] ?? 0;
    people += residents;
    const decile = deciles[lsoa] ?? 0;
    if (decile >= 1 && decile <= 10) peopleByDecile[decile - 1]! += residents;
    if (run) {
      allocatedGbp += run.allocatedGbp[lsoa] ?? 0;
      for (let k = run.lsoaStart[lsoa]!; k < run.lsoaStart[lsoa + 1]!; k++) reaching.add(run.lsoaSchemes[k]!);
    }
  }
  const share = (count: number) => (people > 0 ? count / people : null);
  return {
    lsoas: lsoas.length,
    people,
    peopleByDecile,
    shareMostDeprived10: share(peopleByDecile[0]!),
    shareMostDeprived20: share(peopleByDecile[0]! + peopleByDecile[1]!),
    schemesReaching: [...reaching].sort((a, b) => a - b),
    allocatedGbp,
  };
}
