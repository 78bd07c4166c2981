// The LSOAs inside a scope, in index (code) order: the set every coverage summary is taken over.

import { ladsInScope, type AreaHierarchy, type Scope } from './scope';

export function lsoasInScope(h: AreaHierarchy, ladOfLsoa: ArrayLike<number>, scope: Scope): number[] {
  const lads = ladsInScope(h, scope);
  const lsoas: number[] = [];
  for (let i = 0; i < ladOfLsoa.length; i++) if (!lads || lads.has(ladOfLsoa[i]!)) lsoas.push(i);
  return lsoas;
}
