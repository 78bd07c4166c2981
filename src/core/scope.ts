// The area the user is looking at: all of England, a region, an upper-tier authority (county) or a
// district (LAD). Pure: works on any object shaped like the attributes file's area tables.

export type Bounds = [west: number, south: number, east: number, north: number];

type ScopeKind = 'region' | 'county' | 'lad';

type AreaScope = { kind: ScopeKind; index: number };

export type Scope = { kind: 'england' } | AreaScope;

/** A scope as it travels in a link: by code, so links survive a rebuild that reorders tables. */
export type ScopeRef = { kind: 'england' } | { kind: ScopeKind; code: string };

export const ENGLAND: Scope = { kind: 'england' };

interface NamedArea {
  code: string;
  name: string;
  bounds: Bounds;
}

export interface AreaHierarchy {
  lads: readonly (NamedArea & { county: number; region: number })[];
  counties: readonly NamedArea[];
  regions: readonly NamedArea[];
}

const SCOPE_KINDS: readonly ScopeKind[] = ['region', 'county', 'lad'];

function areaTable(h: AreaHierarchy, kind: ScopeKind): readonly NamedArea[] {
  switch (kind) {
    case 'region':
      return h.regions;
    case 'county':
      return h.counties;
    case 'lad':
      return h.lads;
  }
}

/** Indices of the LADs inside the scope, or null for all of England. */
export function ladsInScope(h: AreaHierarchy, scope: Scope): Set<number> | null {
  switch (scope.kind) {
    case 'england':
      return null;
    case 'lad':
      return new Set([scope.index]);
    case 'county':
    case 'region': {
      const key = scope.kind;
      const lads = new Set<number>();
      h.lads.forEach((lad, index) => {
        if (lad[key] === scope.index) lads.add(index);
      });
      return lads;
    }
  }
}

function scopeArea(h: AreaHierarchy, scope: Scope): NamedArea | null {
  return scope.kind === 'england' ? null : (areaTable(h, scope.kind)[scope.index] ?? null);
}

/** The name of a district, county or region code of the build; the code itself when unknown. */
export function areaNameOfCode(h: AreaHierarchy, code: string): string {
  for (const table of [h.lads, h.counties, h.regions]) {
    const found = table.find((area) => area.code === code);
    if (found) return found.name;
  }
  return code;
}

export function scopeName(h: AreaHierarchy, scope: Scope): string {
  return scopeArea(h, scope)?.name ?? 'England';
}

export function scopeBounds(h: AreaHierarchy, scope: Scope, england: Bounds): Bounds {
  return scopeArea(h, scope)?.bounds ?? england;
}

export function sameScope(a: Scope, b: Scope): boolean {
  if (a.kind === 'england' || b.kind === 'england') return a.kind === b.kind;
  return a.kind === b.kind && a.index === b.index;
}

export function scopeRefOf(h: AreaHierarchy, scope: Scope): ScopeRef {
  const area = scopeArea(h, scope);
  return scope.kind === 'england' || !area ? { kind: 'england' } : { kind: scope.kind, code: area.code };
}

export function resolveScopeRef(h: AreaHierarchy, ref: ScopeRef): Scope | null {
  if (ref.kind === 'england') return ENGLAND;
  const index = areaTable(h, ref.kind).findIndex((area) => area.code === ref.code);
  return index < 0 ? null : { kind: ref.kind, index };
}

/** "lad:E08000009"; England has no parameter. */
export function formatScopeRef(ref: ScopeRef): string | null {
  return ref.kind === 'england' ? null : `${ref.kind}:${ref.code}`;
}

export function parseScopeRef(text: string): ScopeRef | null {
  if (text === 'england') return { kind: 'england' };
  const [kind, code, ...rest] = text.split(':');
  if (rest.length > 0 || !kind || !code || !/^[A-Z]\d{8}$/.test(code)) return null;
  const scopeKind = SCOPE_KINDS.find((candidate) => candidate === kind);
  return scopeKind ? { kind: scopeKind, code } : null;
}

/** What kind of council an ONS code names, in the words council staff use. */
export function areaKindLabel(code: string): string {
  switch (code.slice(0, 3)) {
    case 'E06':
      return 'Unitary authority';
    case 'E07':
      return 'District';
    case 'E08':
      return 'Metropolitan borough';
    case 'E09':
      return 'London borough';
    case 'E10':
      return 'County';
    case 'E11':
      return 'Metropolitan county';
    case 'E12':
      return 'Region';
    case 'E13':
      return 'Inner or Outer London';
    default:
      return 'Area';
  }
}

export interface ScopeOption {
  scope: AreaScope;
  name: string;
  /** "County", "London borough", … */
  kindLabel: string;
  /** Where it sits, e.g. "East of England" for Essex. */
  parentName: string;
}

/**
 * Every scope a user can pick, regions first, then areas alphabetically. A unitary authority is
 * its own upper tier, so it is listed once, as a district, not again as a county.
 */
export function scopeOptions(h: AreaHierarchy): ScopeOption[] {
  const byName = (a: ScopeOption, b: ScopeOption) => a.name.localeCompare(b.name, 'en-GB');
  const regions = h.regions.map(
    (region, index): ScopeOption => ({
      scope: { kind: 'region', index },
      name: region.name,
      kindLabel: 'Region',
      parentName: 'England',
    }),
  );
  const ladCodes = new Set(h.lads.map((lad) => lad.code));
  const countyRegion = new Map<number, number>();
  h.lads.forEach((lad) => countyRegion.set(lad.county, lad.region));
  const counties = h.counties.flatMap((county, index): ScopeOption[] =>
    ladCodes.has(county.code)
      ? []
      : [
          {
            scope: { kind: 'county', index },
            name: county.name,
            kindLabel: areaKindLabel(county.code),
            parentName: h.regions[countyRegion.get(index) ?? -1]?.name ?? 'England',
          },
        ],
  );
  const lads = h.lads.map((lad, index): ScopeOption => {
    const county = h.counties[lad.county];
    const inTwoTierCounty = county !== undefined && county.code !== lad.code;
    return {
      scope: { kind: 'lad', index },
      name: lad.name,
      kindLabel: areaKindLabel(lad.code),
      parentName: inTwoTierCounty ? county.name : (h.regions[lad.region]?.name ?? 'England'),
    };
  });
  return [...regions.sort(byName), ...[...counties, ...lads].sort(byName)];
}

/** The smallest box holding every box, for flying to a ward or MSOA made of many LSOAs. */
export function unionBounds(boxes: Iterable<Bounds>): Bounds | null {
  let result: Bounds | null = null;
  for (const [west, south, east, north] of boxes) {
    result = result
      ? [Math.min(result[0], west), Math.min(result[1], south), Math.max(result[2], east), Math.max(result[3], north)]
      : [west, south, east, north];
  }
  return result;
}
