// The pack's map: the scope's LSOAs drawn as vector paths from the same street-level geometry the
// analysis uses (lsoa-geometry.ts), filled by decile of the indicator, the gaps outlined, with a
// key. Vector, so it is crisp in print at any size. One path per decile (filled even-odd, so a hole
// stays a hole); vertices closer than a third of a point to the last are skipped and a ring smaller
// than that is filled as a speck, coordinates to a tenth of a point, so a district's pack is under
// 100 kB and England's under 2 MB.

import { CASING_COLOUR, DECILE_COLOURS, GAP_COLOUR, NO_DECILE_COLOUR } from '../../theme';
import type { LsoaGeometry } from '../lsoa-geometry';
import { colourOf, MARGIN, type PdfKit } from './pdf-kit';

export interface MapInput {
  geometry: LsoaGeometry;
  /** LSOA indices to draw (the scope or the target area). */
  lsoas: readonly number[];
  /** Per LSOA (all of England): the indicator's decile 1..10 (0: none). */
  deciles: ArrayLike<number>;
  /** LSOA indices outlined as gaps. */
  gaps: readonly number[];
}

/** Rings whose box is smaller than this (points) both ways are not drawn; vertices nearer than it to the last are skipped. */
const TOLERANCE_PT = 0.35;
/** Beyond this many LSOAs (a county or more) the map has no borders and thinner gap outlines. */
const DENSE_LSOAS = 2000;
// A tenth of a point (0.035 mm) is finer than print shows; two places made England’s map a third larger.
const round = (value: number) => Math.round(value * 10) / 10;

type Project = (lon: number, lat: number) => [number, number];

/** An equirectangular projection scaled by the cosine of the middle latitude (true shape at a district's size) into the box. */
function projection(geometry: LsoaGeometry, lsoas: readonly number[], box: { x: number; y: number; width: number; height: number }): Project | null {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  const { coords, vertexStart, ringStart, polygonStart } = geometry;
  for (const lsoa of lsoas) {
    // Outer rings bound their LSOA.
    for (let p = polygonStart[lsoa]!; p < polygonStart[lsoa + 1]!; p++) {
      const r = ringStart[p]!;
      for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) {
        const lon = coords[2 * v]!;
        const lat = coords[2 * v + 1]!;
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
  }
  if (!(east > west && north > south)) return null;
  const k = Math.cos(((south + north) / 2 / 1e6) * (Math.PI / 180));
  const scale = Math.min(box.width / ((east - west) * k), box.height / (north - south));
  const offsetX = box.x + (box.width - (east - west) * k * scale) / 2;
  const offsetY = box.y + (box.height - (north - south) * scale) / 2;
  return (lon, lat) => [offsetX + (lon - west) * k * scale, offsetY + (lat - south) * scale];
}

/** Path text (m, l, h) for these LSOAs' rings (outer only when `outerOnly`), appended to `out`. */
function ringsPath(geometry: LsoaGeometry, lsoas: readonly number[], project: Project, outerOnly: boolean, out: string[]): void {
  const { coords, vertexStart, ringStart, polygonStart } = geometry;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const lsoa of lsoas) {
    for (let p = polygonStart[lsoa]!; p < polygonStart[lsoa + 1]!; p++) {
      const lastRing = outerOnly ? ringStart[p]! + 1 : ringStart[p + 1]!;
      for (let r = ringStart[p]!; r < lastRing; r++) {
        xs.length = 0;
        ys.length = 0;
        let minX = Infinity;
        let maxX = -Infinity;
        let minY = Infinity;
        let maxY = -Infinity;
        for (let v = vertexStart[r]!; v < vertexStart[r + 1]!; v++) {
          const [x, y] = project(coords[2 * v]!, coords[2 * v + 1]!);
          const n = xs.length;
          if (n > 0 && Math.abs(x - xs[n - 1]!) < TOLERANCE_PT && Math.abs(y - ys[n - 1]!) < TOLERANCE_PT) continue;
          xs.push(x);
          ys.push(y);
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        if (xs.length < 3 || (maxX - minX < TOLERANCE_PT && maxY - minY < TOLERANCE_PT)) {
          // Smaller than the tolerance: a fill still shows it as a speck (a city's LSOAs on England's
          // map), an outline leaves it out.
          if (!outerOnly && r === ringStart[p])
            out.push(`${round(minX)} ${round(minY)} ${Math.max(TOLERANCE_PT, round(maxX - minX))} ${Math.max(TOLERANCE_PT, round(maxY - minY))} re`);
          continue;
        }
        for (let i = 0; i < xs.length; i++) out.push(`${round(xs[i]!)} ${round(ys[i]!)} ${i === 0 ? 'm' : 'l'}`);
        out.push('h');
      }
    }
  }
}

/** "r g b" of a colour for rg / RG. */
function rgbText(hex: string): string {
  const { red, green, blue } = colourOf(hex);
  return [red, green, blue].map((c) => Math.round(c * 1000) / 1000).join(' ');
}

/**
 * Draws the map in the box (points from the page's bottom left) and its key below the box. The
 * paths are written as the content stream's text directly, in a stream of their own: pdf-lib's
 * operator objects (one per number) made England's 34,000 LSOAs take 14 s.
 */
export function drawMap(kit: PdfKit, input: MapInput, box: { x: number; y: number; width: number; height: number }, indicatorHeading: string): void {
  const project = projection(input.geometry, input.lsoas, box);
  if (project) {
    const out: string[] = ['q'];
    const byDecile = new Map<number, number[]>();
    for (const lsoa of input.lsoas) {
      const decile = input.deciles[lsoa] ?? 0;
      const list = byDecile.get(decile) ?? [];
      list.push(lsoa);
      byDecile.set(decile, list);
    }
    for (const [decile, list] of byDecile) {
      out.push(`${rgbText(decile >= 1 && decile <= 10 ? DECILE_COLOURS[decile - 1]! : NO_DECILE_COLOUR)} rg`);
      ringsPath(input.geometry, list, project, false, out);
      out.push('f*'); // even-odd: a hole stays a hole
    }
    // Hairline borders, so neighbours of one decile still read as LSOAs; on a region's or England's
    // map they would be wider than the LSOAs and wash the colours out.
    const dense = input.lsoas.length > DENSE_LSOAS;
    out.push('1 j');
    if (!dense) {
      out.push(`${rgbText(CASING_COLOUR)} RG`, '0.3 w');
      ringsPath(input.geometry, input.lsoas, project, true, out);
      out.push('S');
    }
    if (input.gaps.length > 0) {
      const gapPath: string[] = [];
      ringsPath(input.geometry, input.gaps, project, true, gapPath);
      // A white casing under the red, so the outline shows on the dark and the light deciles.
      const lines: (readonly [string, number])[] = dense
        ? [[GAP_COLOUR, 0.5]]
        : [
            [CASING_COLOUR, 2.4],
            [GAP_COLOUR, 1.2],
          ];
      for (const [colour, width] of lines) {
        out.push(`${rgbText(colour)} RG`, `${width} w`);
        for (const line of gapPath) out.push(line);
        out.push('S');
      }
    }
    out.push('Q');
    const { context } = kit.doc;
    kit.page.node.addContentStream(context.register(context.flateStream(`${out.join('\n')}\n`)));
  }
  drawKey(kit, box.y - 10, indicatorHeading, input.gaps.length > 0);
}

/** Ten decile swatches in a row (1 = most deprived), and the gap outline's swatch. */
function drawKey(kit: PdfKit, top: number, heading: string, withGaps: boolean): void {
  kit.textAt(`${heading} (1 = most deprived 10% of LSOAs in England)`, MARGIN, top, { size: 8, bold: true });
  const swatch = 22;
  DECILE_COLOURS.forEach((colour, i) => {
    const x = MARGIN + i * (swatch + 4);
    kit.page.drawRectangle({ x, y: top - 26, width: swatch, height: 12, color: colourOf(colour) });
    kit.textAt(String(i + 1), x + swatch / 2 - kit.width(String(i + 1), { size: 7 }) / 2, top - 28, { size: 7 });
  });
  if (withGaps) {
    const x = MARGIN + 10 * (swatch + 4) + 16;
    kit.page.drawRectangle({ x, y: top - 26, width: swatch, height: 12, borderColor: colourOf(GAP_COLOUR), borderWidth: 1.5 });
    kit.textAt('Gap (outlined)', x + swatch + 6, top - 16, { size: 8 });
  }
}
