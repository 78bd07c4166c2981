// The coverage rule: when a scheme reaches an LSOA. Its type, its text form (CLI flag, run keys,
// summary JSON), equality, and its wording for people, all here and nowhere else.

export type CoverageRule =
  | { kind: 'intersects' }
  | { kind: 'centroid' }
  /** At least `share` (0 < share ≤ 1) of the LSOA's area lies within the footprint. */
  | { kind: 'share'; share: number };

export function formatRule(rule: CoverageRule): string {
  switch (rule.kind) {
    case 'intersects':
      return 'intersects';
    case 'centroid':
      return 'centroid';
    case 'share':
      return `share:${rule.share}`;
  }
}

export type RuleParse = { ok: true; rule: CoverageRule } | { ok: false; message: string };

export function parseRule(text: string): RuleParse {
  const value = text.trim().toLowerCase();
  if (value === 'intersects') return { ok: true, rule: { kind: 'intersects' } };
  if (value === 'centroid') return { ok: true, rule: { kind: 'centroid' } };
  const share = /^share:(\d*\.?\d+)$/.exec(value);
  if (share) {
    const p = Number(share[1]);
    if (p > 0 && p <= 1) return { ok: true, rule: { kind: 'share', share: p } };
    return { ok: false, message: `The share in '${text}' must be more than 0 and at most 1 (e.g. share:0.5).` };
  }
  return { ok: false, message: `Unknown coverage rule '${text}': use intersects, centroid or share:P (0 < P ≤ 1).` };
}

/** Plain-English descriptions, for the UI and docs. */
export const RULE_DESCRIPTIONS: Record<CoverageRule['kind'], string> = {
  intersects:
    'A scheme reaches an LSOA when its footprint (with its catchment or buffer) touches the LSOA at all. ' +
    'A drawn area must share some ground with the LSOA; running along its border does not count.',
  centroid: "A scheme reaches an LSOA when the LSOA's representative point (a point well inside it) lies within the footprint.",
  share: 'A scheme reaches an LSOA when at least the given share of the LSOA’s area lies within the footprint.',
};

export function sameRule(a: CoverageRule, b: CoverageRule): boolean {
  return formatRule(a) === formatRule(b);
}

/** The rules in a line each, for the CLI's help (the `share` one with its parameter P). */
export const RULE_SUMMARIES: Record<CoverageRule['kind'], string> = {
  intersects: 'its footprint touches the LSOA at all',
  centroid: "it covers the LSOA's representative point",
  share: "it covers at least P (0 < P ≤ 1) of the LSOA's area",
};

/** How the rule chooses a target area's LSOAs from its shapes, in words (the areas panel). */
export function describeMembership(rule: CoverageRule): string {
  switch (rule.kind) {
    case 'intersects':
      return 'Coverage rule “touches”: every LSOA the shapes share ground with is in (running along a border does not count).';
    case 'centroid':
      return 'Coverage rule “centre”: an LSOA is in when its centre (a point well inside it) is inside the shapes.';
    case 'share':
      return `Coverage rule “share”: an LSOA is in when at least ${formatSharePercent(rule.share)}% of its area is inside the shapes.`;
  }
}

/** The names of the rules, as the radio buttons show them. */
export const RULE_NAMES: Record<CoverageRule['kind'], string> = {
  intersects: 'Touches the LSOA',
  centroid: 'Reaches the LSOA’s centre',
  share: 'Covers a share of the LSOA',
};

export function describeRule(rule: CoverageRule): string {
  return rule.kind === 'share' ? `${RULE_NAMES.share} (at least ${formatSharePercent(rule.share)}%)` : RULE_NAMES[rule.kind];
}

/** 0.5 → "50"; 0.125 → "12.5". */
export function formatSharePercent(share: number): string {
  return String(Math.round(share * 1000) / 10);
}
