// Other ways to colour the LSOAs than by deprivation, from a coverage run: how many schemes reach
// each, the money allocated per head, and deprivation × money per head together (a 3×3 bivariate
// scheme), so "deprived and unfunded" reads at a glance. Each LSOA gets a class; each class a
// colour and a label for the legend. Pure: the map turns classes into a paint expression.

import { COLOURING_COLOURS } from '../theme';

export type LsoaColouring = 'deprivation' | 'schemes' | 'per-head' | 'bivariate';

interface ColourClass {
  colour: string;
  label: string;
}

export interface Classified {
  classes: ColourClass[];
  /** Per LSOA: index into `classes`. */
  classOf: Uint8Array;
  /** Per class: LSOAs in it. */
  counts: number[];
  /**
   * £ per head colourings: the one value every funded LSOA shares, when they all share one (a scheme
   * spread over a whole area by population gives each LSOA the same), so the key says so instead of
   * drawing classes that would be empty or split equal values; absent otherwise.
   */
  equalGbpPerHead?: number;
}

/** The value all these (sorted) values share, to float rounding; null when they differ or there are none. */
function sharedValue(sorted: Float64Array): number | null {
  if (sorted.length === 0) return null;
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  return high - low <= 1e-9 * Math.max(1, Math.abs(high)) ? high : null;
}

/** LSOAs per class among those listed (a scope's), for the key. */
export function countClasses(classified: Classified, lsoas: readonly number[]): number[] {
  const counts = new Array<number>(classified.classes.length).fill(0);
  for (const lsoa of lsoas) counts[classified.classOf[lsoa]!]!++;
  return counts;
}

/** Schemes reaching an LSOA: none, then more, darker (a single-hue ramp, apart from the deciles' viridis). */
const COUNT_CLASSES: readonly { min: number; max: number; colour: string }[] = [
  { min: 0, max: 0, colour: COLOURING_COLOURS.reach[0] },
  { min: 1, max: 1, colour: COLOURING_COLOURS.reach[1] },
  { min: 2, max: 2, colour: COLOURING_COLOURS.reach[2] },
  { min: 3, max: 5, colour: COLOURING_COLOURS.reach[3] },
  { min: 6, max: 10, colour: COLOURING_COLOURS.reach[4] },
  { min: 11, max: Infinity, colour: COLOURING_COLOURS.reach[5] },
];
const countLabel = (min: number, max: number) =>
  max === Infinity ? `${min} or more schemes` : min === max ? `${min} ${min === 1 ? 'scheme' : 'schemes'}` : `${min}–${max} schemes`;

function tally(classOf: Uint8Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const c of classOf) counts[c]!++;
  return counts;
}

export function classifySchemeCounts(count: ArrayLike<number>): Classified {
  const classOf = new Uint8Array(count.length);
  for (let i = 0; i < count.length; i++) {
    const n = count[i]!;
    classOf[i] = COUNT_CLASSES.findIndex((c) => n >= c.min && n <= c.max);
  }
  return { classes: COUNT_CLASSES.map((c) => ({ colour: c.colour, label: countLabel(c.min, c.max) })), classOf, counts: tally(classOf, COUNT_CLASSES.length) };
}

/** £ per head, per LSOA (0 where nothing is allocated or nobody lives). */
export function perHead(allocatedGbp: ArrayLike<number>, population: ArrayLike<number>): Float64Array {
  const out = new Float64Array(allocatedGbp.length);
  for (let i = 0; i < out.length; i++) {
    const people = population[i] ?? 0;
    out[i] = people > 0 ? allocatedGbp[i]! / people : 0;
  }
  return out;
}

/** Two significant figures, so breaks read as round money ("£12", "£1,300"). */
function roundBreak(value: number): number {
  if (value <= 0) return 0;
  const scale = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / scale) * scale;
}

/** The value below which `share` of the sorted values fall. */
function quantile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

const POUNDS = (value: number) =>
  `£${value.toLocaleString('en-GB', value < 10 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumFractionDigits: 0 })}`;

const PER_HEAD_COLOURS = COLOURING_COLOURS.perHead;

/**
 * None, then the funded LSOAs in five classes at their quintiles (rounded): a place's colour says
 * how its money per head compares with the other funded places.
 */
export function classifyPerHead(allocatedGbp: ArrayLike<number>, population: ArrayLike<number>): Classified & { breaks: number[] } {
  const values = perHead(allocatedGbp, population);
  const funded = values.filter((v) => v > 0).sort();
  const equal = sharedValue(funded);
  if (equal !== null) {
    // One value: two classes (nothing, and that value), not quintiles of identical numbers.
    const classOf = Uint8Array.from(values, (v) => (v > 0 ? 1 : 0));
    const classes = [
      { colour: PER_HEAD_COLOURS[0], label: 'Nothing allocated' },
      { colour: PER_HEAD_COLOURS[3], label: `${POUNDS(equal)} per head (every funded LSOA)` },
    ];
    return { classes, classOf, counts: tally(classOf, 2), breaks: [], equalGbpPerHead: equal };
  }
  const breaks = [0.2, 0.4, 0.6, 0.8].map((share) => roundBreak(quantile(funded, share)));
  // Rounding can make breaks equal; keep them strictly rising.
  for (let k = 1; k < breaks.length; k++) if (breaks[k]! <= breaks[k - 1]!) breaks[k] = breaks[k - 1]! * 1.0001;
  const classOf = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    classOf[i] = v <= 0 ? 0 : 1 + breaks.filter((b) => v >= b).length;
  }
  const labels = [
    'Nothing allocated',
    `Under ${POUNDS(breaks[0]!)} per head`,
    `${POUNDS(breaks[0]!)} to ${POUNDS(breaks[1]!)}`,
    `${POUNDS(breaks[1]!)} to ${POUNDS(breaks[2]!)}`,
    `${POUNDS(breaks[2]!)} to ${POUNDS(breaks[3]!)}`,
    `${POUNDS(breaks[3]!)} or more per head`,
  ];
  return { classes: PER_HEAD_COLOURS.map((colour, k) => ({ colour, label: labels[k]! })), classOf, counts: tally(classOf, 6), breaks };
}

/** Deprivation rows (most deprived first) × funding columns (none first) of the bivariate scheme. */
export const BIVARIATE_ROWS = ['Deciles 1–3 (most deprived)', 'Deciles 4–7', 'Deciles 8–10 (least deprived)'] as const;
export const BIVARIATE_COLUMNS = ['Nothing allocated', 'Below the median £ per head', 'At or above the median'] as const;

/** The 3×3 palette (src/theme): deprived and unfunded is the magenta corner, deprived and well funded the deep blue. */
const BIVARIATE_COLOURS: readonly (readonly string[])[] = COLOURING_COLOURS.bivariate;
const deprivationRow = (decile: number) => (decile <= 3 ? 0 : decile <= 7 ? 1 : 2);

/**
 * Deprivation (deciles 1–3, 4–7, 8–10 of the indicator shown) × money per head (none, below and
 * at or above the median of the funded LSOAs). Class = row × 3 + column.
 */
export function classifyBivariate(
  deciles: ArrayLike<number>,
  allocatedGbp: ArrayLike<number>,
  population: ArrayLike<number>,
): Classified & { medianGbpPerHead: number } {
  const values = perHead(allocatedGbp, population);
  const funded = values.filter((v) => v > 0).sort();
  const median = quantile(funded, 0.5);
  const classOf = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const column = v <= 0 ? 0 : v < median ? 1 : 2;
    classOf[i] = deprivationRow(deciles[i]!) * 3 + column;
  }
  const classes = BIVARIATE_ROWS.flatMap((row, r) =>
    BIVARIATE_COLUMNS.map((column, c) => ({ colour: BIVARIATE_COLOURS[r]![c]!, label: `${row}; ${column.toLowerCase()}` })),
  );
  const equal = sharedValue(funded);
  return { classes, classOf, counts: tally(classOf, 9), medianGbpPerHead: median, ...(equal !== null ? { equalGbpPerHead: equal } : {}) };
}
