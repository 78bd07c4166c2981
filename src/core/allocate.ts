// Where each scheme's money lands: its amount shared over the LSOAs it reaches in proportion to
// their population (share_i = pop_i / Σ pop over the scheme's LSOAs; equal shares when all of them
// have no people). A scheme without an amount, or reaching no LSOA, allocates nothing.

import type { CoverageResult } from './coverage-types';
import type { Scheme } from './scheme';

export interface Allocation {
  /** Per LSOA: how many schemes reach it. */
  count: Uint32Array;
  /** Per LSOA: the summed amount_gbp of the schemes reaching it (each scheme's whole amount). */
  amountGbp: Float64Array;
  /** Per LSOA: its population share of each reaching scheme's amount, summed. */
  allocatedGbp: Float64Array;
  /** Per scheme: what it allocated (its amount when it reaches any LSOA, else 0). */
  schemeAllocatedGbp: Float64Array;
}

/** A usable amount: a finite, non-negative number of pounds; anything else counts as none. */
export function schemeAmount(scheme: Scheme): number {
  const amount = scheme.amountGbp;
  return amount !== undefined && Number.isFinite(amount) && amount > 0 ? amount : 0;
}

export function allocateAmounts(covered: readonly ArrayLike<number>[], schemes: readonly Scheme[], population: ArrayLike<number>): Allocation {
  const lsoaCount = population.length;
  const count = new Uint32Array(lsoaCount);
  const amountGbp = new Float64Array(lsoaCount);
  const allocatedGbp = new Float64Array(lsoaCount);
  const schemeAllocatedGbp = new Float64Array(schemes.length);
  schemes.forEach((scheme, s) => {
    const lsoas = covered[s];
    if (!lsoas || lsoas.length === 0) return;
    const amount = schemeAmount(scheme);
    let people = 0;
    for (let k = 0; k < lsoas.length; k++) {
      const i = lsoas[k]!;
      count[i]! += 1;
      amountGbp[i]! += amount;
      people += population[i]!;
    }
    if (amount === 0) return;
    for (let k = 0; k < lsoas.length; k++) {
      const i = lsoas[k]!;
      allocatedGbp[i]! += people > 0 ? (amount * population[i]!) / people : amount / lsoas.length;
    }
    schemeAllocatedGbp[s] = amount;
  });
  return { count, amountGbp, allocatedGbp, schemeAllocatedGbp };
}

/** The ids of the schemes reaching LSOA i (only those counted, when a mask is given), sorted. */
export function schemeIdsAt(
  coverage: Pick<CoverageResult, 'lsoaStart' | 'lsoaSchemes'>,
  schemes: readonly Scheme[],
  lsoa: number,
  counted?: readonly boolean[],
): string[] {
  const ids: string[] = [];
  for (let k = coverage.lsoaStart[lsoa]!; k < coverage.lsoaStart[lsoa + 1]!; k++) {
    const s = coverage.lsoaSchemes[k]!;
    if (!counted || counted[s]) ids.push(schemes[s]!.id);
  }
  return ids.sort();
}
