// The one step between "which LSOAs each scheme reaches" and the summaries, shared by the CLI and
// the worker: which schemes count in the current figures (not proposed; not area-wide unless the
// user counts them), where their money lands, and each LSOA's level of reach (schemes, distinct
// transport services, stops). Area-wide schemes are grouped by the area they were recorded for,
// so their money is reported for that area instead of being spread as if it were evidence.

import { allocateAmounts, schemeAmount } from './allocate';
import { countByPlacement, isAreaWide, placementOf, type AreaWideMode, type Placement } from './placement';
import { SCHEME_KINDS, type Scheme, type SchemeKind } from './scheme';

/** Per LSOA: how much reaches it. */
interface LsoaReach {
  /** Schemes reaching it (the `count` column of the CLI's CSV). */
  count: Uint32Array;
  /** Each reaching scheme's whole amount, summed (double counts across LSOAs; the CSV's amount_gbp). */
  amountGbp: Float64Array;
  /** Its population share of each reaching scheme's amount (allocate.ts). */
  allocatedGbp: Float64Array;
  /** Distinct transport services among the routes reaching it (a route's `service`, else its id). */
  services: Uint32Array;
  /** Transport points (stops) whose catchment reaches it. */
  stops: Uint32Array;
}

/** Area-wide schemes recorded for one area (or one list of areas). */
interface AreaWideGroup {
  /** The area codes, sorted. */
  codes: string[];
  placement: Placement;
  count: number;
  amountGbp: number;
  /** The LSOAs of the area (what the schemes would reach if counted), ascending. */
  lsoas: Uint32Array;
}

export interface AreaWideFigures {
  mode: AreaWideMode;
  /** Usable area-wide schemes that are not proposed. */
  count: number;
  amountGbp: number;
  groups: AreaWideGroup[];
}

export interface RunFigures {
  /** The current figures: usable schemes, not proposed, area-wide ones only when counted. */
  current: LsoaReach;
  /** The same with the proposed schemes too (the what-if); null when none is proposed. */
  withProposed: LsoaReach | null;
  /** Per scheme: counted in the current figures. */
  counted: boolean[];
  /** Per scheme: area-wide and left apart (counted neither now nor in the what-if). */
  apart: boolean[];
  areaWide: AreaWideFigures;
  /** Schemes read, by kind and by placement (every scheme, usable or not). */
  byKind: Partial<Record<SchemeKind, number>>;
  byPlacement: Partial<Record<Placement, number>>;
}

export interface RunFiguresInput {
  schemes: readonly Scheme[];
  /** Per scheme: the LSOAs it reaches (computeCoverage), ascending. */
  covered: readonly ArrayLike<number>[];
  /** Per scheme: the core could use its footprint. */
  usable: readonly boolean[];
  /** Per scheme: proposed (kept out of the current figures). Absent: none is. */
  proposed?: readonly boolean[];
  population: ArrayLike<number>;
  areaWide: AreaWideMode;
}

const NONE = new Uint32Array(0);

function reachOf(input: RunFiguresInput, counts: (s: number) => boolean): LsoaReach {
  const { schemes, covered, population } = input;
  const kept = covered.map((lsoas, s) => (counts(s) ? lsoas : NONE));
  const allocation = allocateAmounts(kept, schemes, population);
  const services = new Uint32Array(population.length);
  const stops = new Uint32Array(population.length);
  // Distinct services: each service's LSOAs are stamped once, however many variants reach them.
  const serviceIds = new Map<string, number>();
  const byService: number[][] = [];
  schemes.forEach((scheme, s) => {
    if (scheme.kind !== 'transport' || kept[s]!.length === 0) return;
    if (scheme.footprint.type === 'point') {
      for (let k = 0; k < kept[s]!.length; k++) stops[kept[s]![k]!]! += 1;
    } else if (scheme.footprint.type === 'line') {
      const key = scheme.service ?? scheme.id;
      let id = serviceIds.get(key);
      if (id === undefined) {
        id = byService.length;
        serviceIds.set(key, id);
        byService.push([]);
      }
      byService[id]!.push(s);
    }
  });
  const stamp = new Int32Array(population.length).fill(-1);
  byService.forEach((members, id) => {
    for (const s of members) {
      const lsoas = kept[s]!;
      for (let k = 0; k < lsoas.length; k++) {
        const i = lsoas[k]!;
        if (stamp[i] === id) continue;
        stamp[i] = id;
        services[i]! += 1;
      }
    }
  });
  return { count: allocation.count, amountGbp: allocation.amountGbp, allocatedGbp: allocation.allocatedGbp, services, stops };
}

export function runFigures(input: RunFiguresInput): RunFigures {
  const { schemes, usable, covered } = input;
  const proposed = input.proposed ?? [];
  const areaWide = schemes.map((scheme) => isAreaWide(scheme));
  const apart = areaWide.map((wide) => wide && input.areaWide === 'separate');
  const counted = schemes.map((_, s) => usable[s] === true && proposed[s] !== true && !apart[s]);
  const current = reachOf(input, (s) => counted[s]!);
  const withProposed = proposed.some(Boolean) ? reachOf(input, (s) => usable[s] === true && !apart[s]) : null;

  const groups = new Map<string, AreaWideGroup>();
  let count = 0;
  let amountGbp = 0;
  schemes.forEach((scheme, s) => {
    if (!areaWide[s] || !usable[s] || proposed[s] || scheme.footprint.type !== 'areas') return;
    const codes = [...new Set(scheme.footprint.areas.map((area) => area.code))].sort();
    const key = codes.join('+');
    const amount = schemeAmount(scheme);
    let group = groups.get(key);
    if (!group) {
      group = { codes, placement: placementOf(scheme), count: 0, amountGbp: 0, lsoas: Uint32Array.from(covered[s] ?? []) };
      groups.set(key, group);
    }
    group.count += 1;
    group.amountGbp += amount;
    count += 1;
    amountGbp += amount;
  });

  const byKind: Partial<Record<SchemeKind, number>> = {};
  for (const scheme of schemes) byKind[scheme.kind] = (byKind[scheme.kind] ?? 0) + 1;
  return {
    current,
    withProposed,
    counted,
    apart,
    areaWide: {
      mode: input.areaWide,
      count,
      amountGbp,
      groups: [...groups.values()].sort((a, b) => b.amountGbp - a.amountGbp || b.count - a.count || a.codes.join().localeCompare(b.codes.join())),
    },
    byKind: Object.fromEntries(SCHEME_KINDS.filter((k) => byKind[k]).map((k) => [k, byKind[k]!])),
    byPlacement: Object.fromEntries(countByPlacement(schemes)),
  };
}
