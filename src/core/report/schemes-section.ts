// The pack's account of the schemes counted: by kind, by how precisely each was located, and by
// funder (the funders with the most schemes, the rest summed).

import { PLACEMENT_LABELS, PLACEMENTS, type Placement } from '../placement';
import { formatGbp } from '../coverage-words';
import { formatCount } from '../legend';
import { SCHEME_KIND_LABELS, SCHEME_KINDS, type Scheme, type SchemeKind } from '../scheme';
import type { PdfKit } from './pdf-kit';
import { table } from './table';

export interface SchemeCounts {
  read: number;
  used: number;
  /** Sum of the usable amounts (£). */
  amountGbp: number;
  byKind: Partial<Record<SchemeKind, number>>;
  byPlacement: Partial<Record<Placement, number>>;
  /** Counted schemes by funder, most schemes first ("Not stated" for none). */
  byFunder: { funder: string; count: number; amountGbp: number }[];
}

/** How many funders the pack lists by name. */
const FUNDER_ROWS = 15;

/** The counted schemes by funder, most first. */
export function schemesByFunder(schemes: readonly Scheme[], counted: readonly boolean[]): SchemeCounts['byFunder'] {
  const byFunder = new Map<string, { count: number; amountGbp: number }>();
  schemes.forEach((scheme, s) => {
    if (!counted[s]) return;
    const funder = scheme.funder?.trim() || 'Not stated';
    const entry = byFunder.get(funder) ?? { count: 0, amountGbp: 0 };
    entry.count++;
    entry.amountGbp += scheme.amountGbp ?? 0;
    byFunder.set(funder, entry);
  });
  return [...byFunder]
    .map(([funder, entry]) => ({ funder, ...entry }))
    .sort((a, b) => b.count - a.count || b.amountGbp - a.amountGbp || a.funder.localeCompare(b.funder));
}

export function schemesSection(kit: PdfKit, counts: SchemeCounts): void {
  kit.heading('The schemes counted', 12);
  // Schemes without amounts (bus routes) give no money, which is not the same as £0.
  const given = counts.amountGbp > 0 ? `together they give ${formatGbp(counts.amountGbp)}` : 'none of them gives an amount';
  kit.paragraph(`${formatCount(counts.used)} of ${formatCount(counts.read)} schemes read could be used; ${given}.`, {
    size: 9,
  });
  const kinds = SCHEME_KINDS.filter((kind) => (counts.byKind[kind] ?? 0) > 0);
  table(
    kit,
    [
      { label: 'Kind', width: 0.6 },
      { label: 'Schemes read', width: 0.4, number: true },
    ],
    kinds.map((kind) => [SCHEME_KIND_LABELS[kind], formatCount(counts.byKind[kind] ?? 0)]),
  );
  const placements = PLACEMENTS.filter((placement) => (counts.byPlacement[placement] ?? 0) > 0);
  table(
    kit,
    [
      { label: 'Located by', width: 0.6 },
      { label: 'Schemes read', width: 0.4, number: true },
    ],
    placements.map((placement) => [PLACEMENT_LABELS[placement], formatCount(counts.byPlacement[placement] ?? 0)]),
  );
  const shown = counts.byFunder.slice(0, FUNDER_ROWS);
  const rest = counts.byFunder.slice(FUNDER_ROWS);
  const rows = shown.map((f) => [f.funder, formatCount(f.count), formatGbp(f.amountGbp)]);
  if (rest.length > 0) {
    rows.push([
      `${formatCount(rest.length)} more funders`,
      formatCount(rest.reduce((sum, f) => sum + f.count, 0)),
      formatGbp(rest.reduce((sum, f) => sum + f.amountGbp, 0)),
    ]);
  }
  if (rows.length === 0) {
    kit.paragraph('No scheme is counted in the figures, so no funder is listed.', { size: 9 });
    return;
  }
  table(
    kit,
    [
      { label: 'Funder (schemes counted)', width: 0.6 },
      { label: 'Schemes', width: 0.2, number: true },
      { label: 'Amount', width: 0.2, number: true },
    ],
    rows,
  );
}
